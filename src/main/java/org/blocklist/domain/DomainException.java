package org.blocklist.domain;

import static java.util.Objects.requireNonNull;

/**
 * An input that cannot be turned into a {@link DomainName}. The message names the input (quoted,
 * with invisible characters escaped as {@code \\uXXXX}), the reason code and the detail, e.g.
 * {@code domain: "a_b.example" (invalid_name: IDNA (UTS #46) errors: [DISALLOWED])}.
 *
 * <p>Thrown for ordinary bad input, so it carries no stack trace.
 */
public final class DomainException extends Exception {
  private final RefusalReason reason;
  private final String input;

  DomainException(RefusalReason reason, String input, String detail) {
    super(message(input, reason, detail), null, false, false);
    this.reason = requireNonNull(reason, "reason");
    this.input = requireNonNull(input, "input");
  }

  /** Why the input is refused. */
  public RefusalReason reason() {
    return reason;
  }

  /** The input exactly as given. */
  public String input() {
    return input;
  }

  static String message(String input, RefusalReason reason, String detail) {
    return "domain: " + InputText.quote(input) + " (" + reason.code() + ": " + detail + ")";
  }
}
