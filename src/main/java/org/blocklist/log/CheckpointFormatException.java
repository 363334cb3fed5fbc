package org.blocklist.log;

/** A checkpoint body that is not a C2SP tlog-checkpoint note text; the message names the line. */
public final class CheckpointFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public CheckpointFormatException(String message) {
    super(message);
  }
}
