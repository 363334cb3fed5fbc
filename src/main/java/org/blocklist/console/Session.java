package org.blocklist.console;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.blocklist.principal.Principal;

/**
 * One sign-in: its principal, the token it was opened with (held in memory only, so that every
 * request re-checks the principal through the {@code Authenticator} as an API call would), the CSRF
 * token of its forms, and when it began.
 *
 * @param key the hex SHA-256 of the cookie value (the value itself is kept nowhere)
 * @param shortId the first characters of {@code key}, shown to the admin to tell sessions apart
 * @param startedNanos the ticker's reading at sign-in (the 8-hour limit)
 */
public record Session(
    String key,
    Principal principal,
    String token,
    String csrf,
    Instant started,
    long startedNanos) {
  public Session {
    requireNonNull(key, "key");
    requireNonNull(principal, "principal");
    requireNonNull(token, "token");
    requireNonNull(csrf, "csrf");
    requireNonNull(started, "started");
  }

  public String shortId() {
    return key.substring(0, 8);
  }

  @Override
  public String toString() {
    return "Session[" + shortId() + ", " + principal.name() + "]";
  }
}
