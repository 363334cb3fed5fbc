package org.blocklist.console;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import org.blocklist.log.Hash;
import org.blocklist.principal.Principal;

/**
 * The console's sessions, in memory: one per sign-in, ended by sign-out, by the admin, by the
 * revocation of its principal, after {@link #IDLE} without a request or {@link #MAX_AGE} after
 * sign-in, whichever comes first. The cookie carries 256 random bits; the map is keyed by their
 * SHA-256, so neither a heap dump nor a timing of the lookup gives a usable cookie. Sessions do not
 * survive a restart (everyone signs in again).
 */
final class Sessions {
  static final Duration IDLE = Duration.ofMinutes(30);
  static final Duration MAX_AGE = Duration.ofHours(8);

  /** Sessions open at once; beyond that the least recently used is ended. */
  static final int MAX_SESSIONS = 10_000;

  private static final int ID_BYTES = 32;

  private final Cache<String, Session> sessions;
  private final Clock clock;
  private final Ticker ticker;
  private final SecureRandom random;

  Sessions(Clock clock, Ticker ticker, SecureRandom random) {
    this.clock = requireNonNull(clock, "clock");
    this.ticker = requireNonNull(ticker, "ticker");
    this.random = requireNonNull(random, "random");
    this.sessions =
        Caffeine.newBuilder()
            .ticker(ticker)
            .executor(Runnable::run)
            .expireAfterAccess(IDLE)
            .maximumSize(MAX_SESSIONS)
            .build();
  }

  /** A new session of {@code principal}; the cookie value to hand out comes with it. */
  Opened open(Principal principal, String token) {
    String id = randomText();
    Session s =
        new Session(key(id), principal, token, randomText(), clock.instant(), ticker.read());
    sessions.put(s.key(), s);
    return new Opened(id, s);
  }

  /** A session and the cookie value that names it (given to the browser once, kept nowhere). */
  record Opened(String cookie, Session session) {}

  /** The live session named by {@code cookie} (touching it), or null. */
  Session find(String cookie) {
    if (cookie == null || cookie.isEmpty() || cookie.length() > 100) {
      return null;
    }
    String key = key(cookie);
    Session s = sessions.getIfPresent(key);
    if (s != null && ticker.read() - s.startedNanos() > MAX_AGE.toNanos()) {
      sessions.invalidate(key);
      return null;
    }
    return s;
  }

  void end(Session s) {
    sessions.invalidate(s.key());
  }

  /** Ends the session whose key starts with {@code shortId}; whether one was ended. */
  boolean endByShortId(String shortId) {
    for (Session s : List.copyOf(sessions.asMap().values())) {
      if (s.shortId().equals(shortId)) {
        sessions.invalidate(s.key());
        return true;
      }
    }
    return false;
  }

  /** Ends every session of the principal {@code name}; how many were ended. */
  int endAllOf(String name) {
    int n = 0;
    for (Session s : List.copyOf(sessions.asMap().values())) {
      if (s.principal().name().equals(name)) {
        sessions.invalidate(s.key());
        n++;
      }
    }
    return n;
  }

  /** The live sessions, oldest first. */
  List<Session> all() {
    sessions.cleanUp();
    List<Session> out = new ArrayList<>(sessions.asMap().values());
    out.removeIf(s -> ticker.read() - s.startedNanos() > MAX_AGE.toNanos());
    out.sort(Comparator.comparing(Session::started).thenComparing(Session::key));
    return out;
  }

  private String randomText() {
    byte[] bytes = new byte[ID_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String key(String cookie) {
    return Hash.sha256(cookie.getBytes(StandardCharsets.UTF_8)).hex();
  }
}
