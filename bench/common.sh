# Sourced by the benchmark scripts: finds a JDK 25+ as the launcher does, builds the bench module
# (-Pbench) and sets $root, $java_bin and the JVM flags in $jvm_flags.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/scripts/find-jdk.sh"
java_bin="$(myelin_find_java)"
export JAVA_HOME="$(cd "$(dirname "$java_bin")/.." && pwd)"
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
mvn -q -B -f "$root/pom.xml" -Pbench install -DskipTests 1>&2
jvm_flags=(--add-modules jdk.incubator.vector --add-opens=java.base/java.nio=ALL-UNNAMED
           --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED)
