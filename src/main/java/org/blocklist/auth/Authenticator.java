package org.blocklist.auth;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.blocklist.log.Hash;
import org.blocklist.principal.Principal;

/**
 * Resolves bearer tokens to principals. Known tokens are answered from memory (keyed by the token
 * itself, which the process holds anyway while it handles the request, so that a cached token costs
 * no hashing); an unknown token is looked up in the store off the event loop, so a token added by
 * the command line while the server runs works at once. Unknown tokens are not cached. A cached
 * principal is re-read in the background after {@link #REFRESH}, so a revocation by the command
 * line takes effect within about that time; a revocation through the API invalidates at once.
 * Principals named by a verified client certificate (mTLS) are resolved by name the same way, in a
 * cache of their own.
 */
public final class Authenticator {
  public static final Duration REFRESH = Duration.ofSeconds(1);
  public static final int MAX_CACHED = 100_000;

  private final AsyncLoadingCache<String, Principal> cache;
  private final AsyncLoadingCache<String, Principal> byName;

  /** Tokens only: no principal authenticates by name (no client certificates). */
  public Authenticator(
      Function<Hash, Optional<Principal>> lookup, Executor executor, Ticker ticker) {
    this(lookup, name -> Optional.empty(), executor, ticker);
  }

  /**
   * @param lookup reads the active principal of a token hash from the store; runs on {@code
   *     executor}
   * @param nameLookup reads the active principal of a name from the store; runs on {@code executor}
   */
  public Authenticator(
      Function<Hash, Optional<Principal>> lookup,
      Function<String, Optional<Principal>> nameLookup,
      Executor executor,
      Ticker ticker) {
    requireNonNull(lookup, "lookup");
    requireNonNull(nameLookup, "nameLookup");
    this.cache = cache(executor, ticker, token -> lookup.apply(Tokens.hash(token)));
    this.byName = cache(executor, ticker, nameLookup);
  }

  private static AsyncLoadingCache<String, Principal> cache(
      Executor executor, Ticker ticker, Function<String, Optional<Principal>> load) {
    return Caffeine.newBuilder()
        .executor(requireNonNull(executor, "executor"))
        .ticker(requireNonNull(ticker, "ticker"))
        .maximumSize(MAX_CACHED)
        .refreshAfterWrite(REFRESH)
        .buildAsync(key -> load.apply(key).orElse(null));
  }

  /** The principal of {@code token}, or empty if unknown or revoked. */
  public CompletableFuture<Optional<Principal>> authenticate(String token) {
    if (token == null || token.isEmpty() || token.length() > Tokens.MAX_TOKEN_LENGTH) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return found(cache.get(token));
  }

  /**
   * The active principal called {@code name} (the subject CN of a verified client certificate), or
   * empty if there is none, it is revoked, or {@code name} is not a principal's name.
   */
  public CompletableFuture<Optional<Principal>> authenticateName(String name) {
    if (name == null || !Principal.NAME.matcher(name).matches()) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return found(byName.get(name));
  }

  private static CompletableFuture<Optional<Principal>> found(
      CompletableFuture<Principal> principal) {
    if (principal.isDone() && !principal.isCompletedExceptionally()) {
      return CompletableFuture.completedFuture(Optional.ofNullable(principal.join()));
    }
    return principal.thenApply(Optional::ofNullable);
  }

  /** Forgets every cached token (after a revocation through the API). */
  public void invalidateAll() {
    cache.synchronous().invalidateAll();
    byName.synchronous().invalidateAll();
  }
}
