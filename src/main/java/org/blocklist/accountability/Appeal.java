package org.blocklist.accountability;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * An appeal as stored: the host it is about, the message, the page language it came in, when it
 * came and by which channel ({@code stop-page} or {@code api}); no personal data is asked or kept
 * (not even the sender's address). The answer ({@code answerer}, {@code answered}, {@code
 * decision}, {@code note}, and for {@code unblock} the pending requisition it created) is null
 * until given.
 */
public record Appeal(
    long id,
    String host,
    String message,
    String language,
    String channel,
    Instant received,
    AppealStatus status,
    String answerer,
    Instant answered,
    AppealDecision decision,
    String note,
    Long requisition) {
  /** Longest message (DESIGN.md: at most 2,000 characters). */
  public static final int MAX_MESSAGE = 2000;

  public Appeal {
    requireNonNull(host, "host");
    requireNonNull(message, "message");
    requireNonNull(language, "language");
    requireNonNull(channel, "channel");
    requireNonNull(received, "received");
    requireNonNull(status, "status");
  }

  public Appeal answer(String by, Instant at, AppealDecision d, String why, Long producing) {
    return new Appeal(
        id,
        host,
        message,
        language,
        channel,
        received,
        AppealStatus.ANSWERED,
        by,
        at,
        d,
        why,
        producing);
  }
}
