package org.myelin.plot;

/** A figure needs a slot the data does not have (the step that makes it has not run). */
public final class MissingSlotException extends IllegalArgumentException {

  public MissingSlotException(String message) {
    super(message);
  }
}
