package org.blocklist.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.blocklist.log.Hash;
import org.blocklist.principal.Principal;
import org.blocklist.principal.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The token cache, with time and threads injected (a ticker the test advances, a direct executor),
 * so nothing sleeps: unknown tokens are not cached, known ones are answered from memory, a
 * revocation in the store is seen after {@link Authenticator#REFRESH}, {@code invalidateAll}
 * forgets at once, and tokens that cannot be ours are unknown without a lookup.
 */
class AuthenticatorTest {
  private static final Principal ISP = new Principal("isp-a", Role.ISP);

  /** A ticker that moves only when told to. */
  private static final class FakeTicker implements Ticker {
    private final AtomicLong nanos = new AtomicLong();

    @Override
    public long read() {
      return nanos.get();
    }

    void advance(java.time.Duration d) {
      nanos.addAndGet(d.toNanos());
    }
  }

  /** The store as the lookup sees it: active principals by hex SHA-256 of their token. */
  private final Map<String, Principal> store = new HashMap<>();

  private final FakeTicker ticker = new FakeTicker();
  private int lookups;
  private Authenticator authenticator;
  private String token;

  @BeforeEach
  void setUp() {
    authenticator =
        new Authenticator(
            hash -> {
              lookups++;
              return Optional.ofNullable(store.get(hash.hex()));
            },
            Runnable::run,
            ticker);
    token = Tokens.generate(new SecureRandom());
  }

  /** The hash computed here, independently of {@link Tokens#hash}. */
  private static String sha256Hex(String text) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8)));
  }

  private void storePrincipal(String token, Principal p) throws Exception {
    store.put(sha256Hex(token), p);
  }

  private void revoke(String token) throws Exception {
    store.remove(sha256Hex(token));
  }

  private Optional<Principal> authenticate(String token) {
    CompletableFuture<Optional<Principal>> f = authenticator.authenticate(token);
    assertTrue(f.isDone(), "with a direct executor the answer is ready at once");
    return f.join();
  }

  @Test
  void authenticate_knownToken_isItsPrincipal_lookedUpByTheSha256OfTheToken() throws Exception {
    storePrincipal(token, ISP);
    assertEquals(Optional.of(ISP), authenticate(token));
    assertEquals(1, lookups);
  }

  @Test
  void authenticate_knownTokenAgain_isAnsweredWithoutAnotherLookup() throws Exception {
    storePrincipal(token, ISP);
    authenticate(token);
    for (int i = 0; i < 5; i++) {
      assertEquals(Optional.of(ISP), authenticate(token));
    }
    assertEquals(1, lookups);
  }

  @Test
  void authenticate_unknownToken_isEmpty_andNotCached() throws Exception {
    assertEquals(Optional.empty(), authenticate(token));
    assertEquals(Optional.empty(), authenticate(token));
    assertEquals(2, lookups);
  }

  @Test
  void authenticate_tokenAddedAfterAnUnknownAnswer_worksAtOnce() throws Exception {
    assertEquals(Optional.empty(), authenticate(token));
    storePrincipal(token, ISP);
    assertEquals(Optional.of(ISP), authenticate(token));
  }

  @Test
  void authenticate_revokedInTheStore_isStillKnownBeforeRefresh() throws Exception {
    storePrincipal(token, ISP);
    authenticate(token);
    revoke(token);
    ticker.advance(Authenticator.REFRESH.minusNanos(1));
    assertEquals(Optional.of(ISP), authenticate(token));
    assertEquals(1, lookups);
  }

  @Test
  void authenticate_revokedInTheStore_isUnknownOnceRefreshHasPassed() throws Exception {
    storePrincipal(token, ISP);
    authenticate(token);
    revoke(token);
    ticker.advance(Authenticator.REFRESH.plusNanos(1));
    // The first request after REFRESH triggers the re-read (it may still be answered from the old
    // entry); from then on the revocation holds.
    authenticate(token);
    assertEquals(2, lookups);
    assertEquals(Optional.empty(), authenticate(token));
    assertEquals(Optional.empty(), authenticate(token));
  }

  @Test
  void authenticate_stillActiveAfterRefresh_staysKnown() throws Exception {
    storePrincipal(token, ISP);
    authenticate(token);
    ticker.advance(Authenticator.REFRESH.plusNanos(1));
    assertEquals(Optional.of(ISP), authenticate(token));
    assertEquals(Optional.of(ISP), authenticate(token));
    assertEquals(2, lookups);
  }

  @Test
  void invalidateAll_makesARevocationTakeEffectAtOnce() throws Exception {
    storePrincipal(token, ISP);
    authenticate(token);
    revoke(token);
    authenticator.invalidateAll();
    assertEquals(Optional.empty(), authenticate(token));
    assertEquals(2, lookups);
  }

  @Test
  void invalidateAll_forgetsEveryCachedToken() throws Exception {
    String other = Tokens.generate(new SecureRandom());
    storePrincipal(token, ISP);
    storePrincipal(other, new Principal("officer-1", Role.POLICE));
    authenticate(token);
    authenticate(other);
    authenticator.invalidateAll();
    authenticate(token);
    authenticate(other);
    assertEquals(4, lookups);
  }

  @Test
  void authenticate_emptyOrNullToken_isUnknownWithoutALookup() {
    assertEquals(Optional.empty(), authenticate(""));
    assertEquals(Optional.empty(), authenticate(null));
    assertEquals(0, lookups);
  }

  @Test
  void authenticate_overLongToken_isUnknownWithoutALookup() throws Exception {
    String overLong = "a".repeat(Tokens.MAX_TOKEN_LENGTH + 1);
    storePrincipal(overLong, ISP);
    assertEquals(Optional.empty(), authenticate(overLong));
    assertEquals(Optional.empty(), authenticate("a".repeat(100_000)));
    assertEquals(0, lookups);
  }

  @Test
  void authenticate_tokenOfTheLongestLength_isLookedUp() throws Exception {
    String longest = "a".repeat(Tokens.MAX_TOKEN_LENGTH);
    storePrincipal(longest, ISP);
    assertEquals(Optional.of(ISP), authenticate(longest));
    assertEquals(1, lookups);
  }

  @Test
  void authenticate_twoTokens_areCachedSeparately() throws Exception {
    String other = Tokens.generate(new SecureRandom());
    Principal officer = new Principal("officer-1", Role.POLICE);
    storePrincipal(token, ISP);
    storePrincipal(other, officer);
    assertEquals(Optional.of(ISP), authenticate(token));
    assertEquals(Optional.of(officer), authenticate(other));
    assertEquals(Optional.of(ISP), authenticate(token));
    assertEquals(2, lookups);
  }

  @Test
  void lookup_receivesTheHashOfTheToken_notTheToken() throws Exception {
    Hash[] seen = new Hash[1];
    Authenticator a =
        new Authenticator(
            hash -> {
              seen[0] = hash;
              return Optional.empty();
            },
            Runnable::run,
            ticker);
    a.authenticate(token).join();
    assertEquals(sha256Hex(token), seen[0].hex());
  }
}
