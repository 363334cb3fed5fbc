package org.blocklist.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.github.benmanes.caffeine.cache.Ticker;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.blocklist.principal.Principal;
import org.blocklist.principal.Role;
import org.junit.jupiter.api.Test;

/**
 * The session lifetimes of DESIGN.md ("Operator console": 30 minutes idle, 8 hours at most), on a
 * ticker the test moves. The figures are DESIGN.md's, written here, not read from {@link Sessions}.
 * What the browser sees for a session that has ended (back to sign-in, the page asked for kept) is
 * ConsoleHttpTest's.
 */
class SessionsTest {
  private static final Duration IDLE = Duration.ofMinutes(30);
  private static final Duration MAX = Duration.ofHours(8);

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final Ticker ticker = nanos::get;
  private final Sessions sessions =
      new Sessions(
          Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC),
          ticker,
          new SecureRandom());
  private final Principal judge = new Principal("magistrate-1", Role.PROSECUTOR);

  private void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  @Test
  void aSessionUsedWithinHalfAnHour_staysOpen() {
    String cookie = sessions.open(judge, "token").cookie();
    advance(IDLE.minusSeconds(1));
    assertNotNull(sessions.find(cookie));
    advance(IDLE.minusSeconds(1));
    assertNotNull(sessions.find(cookie), "each request restarts the idle half hour");
  }

  @Test
  void aSessionIdleForHalfAnHour_hasEnded() {
    String cookie = sessions.open(judge, "token").cookie();
    advance(IDLE.plusSeconds(1));
    assertNull(sessions.find(cookie));
    assertEquals(0, sessions.all().size());
  }

  @Test
  void aSessionInUseAllDay_endsEightHoursAfterSignIn() {
    String cookie = sessions.open(judge, "token").cookie();
    Duration used = Duration.ZERO;
    while (used.plusMinutes(10).compareTo(MAX) < 0) {
      advance(Duration.ofMinutes(10));
      used = used.plusMinutes(10);
      assertNotNull(sessions.find(cookie), "still open after " + used);
    }
    advance(MAX.minus(used).plusSeconds(1));
    assertNull(sessions.find(cookie), "ended 8 hours after sign-in, though used");
  }

  @Test
  void twoSignIns_areTwoSessions_andRevokingThePrincipalEndsBoth() {
    String first = sessions.open(judge, "token").cookie();
    String second = sessions.open(judge, "token").cookie();
    String other = sessions.open(new Principal("officer-1", Role.POLICE), "other-token").cookie();
    sessions.end(sessions.find(first));
    assertNull(sessions.find(first), "signing out ends that session only");
    assertNotNull(sessions.find(second));
    assertEquals(1, sessions.endAllOf("magistrate-1"));
    assertNull(sessions.find(second));
    assertNotNull(sessions.find(other), "another principal's session is untouched");
  }

  @Test
  void aCookieThatNamesNoSession_findsNothing() {
    sessions.open(judge, "token");
    assertNull(sessions.find(null));
    assertNull(sessions.find(""));
    assertNull(sessions.find("x".repeat(101)));
    assertNull(sessions.find("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
  }
}
