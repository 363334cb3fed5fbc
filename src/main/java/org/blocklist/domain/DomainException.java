package org.blocklist.domain;

import static java.util.Objects.requireNonNull;

/**
 * An input that cannot be turned into a {@link DomainName}. The message names the input (quoted,
 * with invisible characters escaped as {@code \\uXXXX}), the reason code and the detail, e.g.
 * {@code domain: "a_b.example" (invalid_name: underscore (_) is not allowed in a host name)}.
 *
 * <p>Thrown for ordinary bad input, so it carries no stack trace.
 */
public final class DomainException extends Exception {
  private final RefusalReason reason;
  private final String input;
  private final String detail;

  DomainException(RefusalReason reason, String input, String detail) {
    super(message(input, reason, detail), null, false, false);
    this.reason = requireNonNull(reason, "reason");
    this.input = requireNonNull(input, "input");
    this.detail = requireNonNull(detail, "detail");
  }

  /** Why, in words, without the input and the code (which a refusal carries beside it). */
  public String detail() {
    return detail;
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
