package org.blocklist.domain;

import static java.util.Objects.requireNonNull;

/**
 * One refused input of a requisition.
 *
 * @param input the input exactly as given ({@code ""} for a {@code null} element)
 * @param reason why; {@code reason.code()} is the API's {@code reason}
 * @param message why, in words (the input and the reason code stand beside it)
 */
public record Refusal(String input, RefusalReason reason, String message) {
  public Refusal {
    requireNonNull(input, "input");
    requireNonNull(reason, "reason");
    requireNonNull(message, "message");
  }
}
