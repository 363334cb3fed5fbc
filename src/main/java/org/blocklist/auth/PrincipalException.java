package org.blocklist.auth;

/** A principal cannot be added or revoked; {@link #kind()} says why. */
public final class PrincipalException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why the change was refused. */
  public enum Kind {
    EXISTS,
    NOT_FOUND
  }

  private final Kind kind;

  public PrincipalException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
