package org.myelin.core.matrix;

/** Chooses between a Vector API kernel and its scalar twin, once, at class initialisation. */
final class Kernels {

  private Kernels() {}

  /**
   * The kernel class {@code vectorClass} when the JVM has {@code jdk.incubator.vector} (the launcher
   * adds it), else {@code scalar}, so {@code java -jar} without flags runs with the same numbers.
   */
  static <T> T choose(String vectorClass, Class<T> type, T scalar) {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
      try {
        return type.cast(Class.forName(vectorClass).getDeclaredConstructor().newInstance());
      } catch (ReflectiveOperationException | LinkageError e) {
        return scalar;
      }
    }
    return scalar;
  }
}
