package org.blocklist.http;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.blocklist.auth.Authenticator;
import org.blocklist.config.Config;
import org.blocklist.principal.Principal;
import org.blocklist.principal.Role;

/**
 * Who may pass: open routes are limited per source address (and {@code /metrics} may need its
 * token); every other route needs a bearer token of an active principal, or, on a request without
 * an {@code Authorization} header, a verified client certificate whose subject CN is an active
 * principal's name ({@code 401}), whose role the route allows ({@code 403}), within the rate of its
 * role ({@code 429}). Requests without valid credentials count against their address. Stateless;
 * shared by every connection.
 */
final class AccessGate {
  private static final String BEARER = "Bearer ";

  private final Authenticator authenticator;
  private final RateLimiter limiter;

  /** {@code limits.requestsPerSecond} by role ordinal, read on every authenticated request. */
  private final int[] ratePerRole;

  private final int ratePerAddress;
  private final byte[] metricsToken;

  AccessGate(
      Authenticator authenticator, RateLimiter limiter, Config.Limits limits, String metricsToken) {
    this.authenticator = requireNonNull(authenticator, "authenticator");
    this.limiter = requireNonNull(limiter, "limiter");
    this.ratePerRole = new int[Role.values().length];
    for (Role role : Role.values()) {
      ratePerRole[role.ordinal()] = limits.requestsPerSecond(role.code());
    }
    this.ratePerAddress = limits.requestsPerSecondPerAddress();
    this.metricsToken = metricsToken.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The principal of the request (null on an open route), or a future failed with the {@link
   * ApiException} to answer. Completed at once unless the token must be looked up in the store.
   */
  CompletableFuture<Principal> admit(
      Route route, String authorization, String clientName, SocketAddress remote) {
    String token = bearer(authorization);
    if (route.isOpen()) {
      if (route == Route.METRICS && metricsToken.length > 0 && !isMetricsToken(token)) {
        return CompletableFuture.failedFuture(
            new ApiException(
                HttpResponseStatus.UNAUTHORIZED,
                "unauthorized",
                "/metrics needs the metrics token"));
      }
      return addressAllowed(remote)
          ? CompletableFuture.completedFuture(null)
          : CompletableFuture.failedFuture(ApiException.rateLimited());
    }
    // A request that carries a token is judged by its token alone; one without, by the
    // connection's client certificate.
    boolean byCertificate = authorization == null && clientName != null;
    CompletableFuture<Optional<Principal>> found =
        byCertificate
            ? authenticator.authenticateName(clientName)
            : authenticator.authenticate(token);
    if (found.isDone() && !found.isCompletedExceptionally()) {
      return check(route, found.join(), byCertificate, remote);
    }
    return found.thenCompose(p -> check(route, p, byCertificate, remote));
  }

  private CompletableFuture<Principal> check(
      Route route, Optional<Principal> principal, boolean byCertificate, SocketAddress remote) {
    if (principal.isEmpty()) {
      return CompletableFuture.failedFuture(
          addressAllowed(remote)
              ? new ApiException(
                  HttpResponseStatus.UNAUTHORIZED,
                  "unauthorized",
                  byCertificate
                      ? "the client certificate names no active principal"
                      : "a valid bearer token is required")
              : ApiException.rateLimited());
    }
    Principal p = principal.get();
    if (!route.roles().contains(p.role())) {
      return CompletableFuture.failedFuture(
          new ApiException(
              HttpResponseStatus.FORBIDDEN,
              "forbidden",
              "role "
                  + p.role().code()
                  + " may not call "
                  + route.method()
                  + " "
                  + route.template()));
    }
    int rate = ratePerRole[p.role().ordinal()];
    if (rate > 0 && !limiter.tryAcquire("principal " + p.name(), rate)) {
      return CompletableFuture.failedFuture(ApiException.rateLimited());
    }
    return CompletableFuture.completedFuture(p);
  }

  /** The per-principal bucket of {@code p}'s role, as on every authenticated route. */
  boolean principalAllowed(Principal p) {
    int rate = ratePerRole[p.role().ordinal()];
    return rate <= 0 || limiter.tryAcquire("principal " + p.name(), rate);
  }

  /** The per-address bucket of a request without a token (a mounted face's requests). */
  boolean anonymousAllowed(SocketAddress remote) {
    return addressAllowed(remote);
  }

  private boolean isMetricsToken(String token) {
    byte[] given = token == null ? new byte[0] : token.getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, metricsToken);
  }

  /** The per-address bucket; the address text is only built when that limit is on. */
  private boolean addressAllowed(SocketAddress remote) {
    return ratePerAddress <= 0 || limiter.tryAcquire("address " + address(remote), ratePerAddress);
  }

  private static String address(SocketAddress remote) {
    return remote instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : "unknown";
  }

  private static String bearer(String authorization) {
    if (authorization == null
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    return authorization.substring(BEARER.length()).trim();
  }
}
