package org.blocklist.signing;

/** A signed note or a verifier key string that is not well formed (c2sp.org/signed-note). */
public final class NoteFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public NoteFormatException(String message) {
    super(message);
  }

  public NoteFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
