package org.blocklist.http;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.EventExecutor;
import java.net.SocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.blocklist.web.Mount;
import org.blocklist.web.WebRequest;
import org.blocklist.web.WebResponse;

/**
 * The faces mounted on the API listener under a path prefix (the console under {@code /console/}):
 * finds the mount of a request target, and adapts the request and the answer across the {@code web}
 * port. A mounted request passes the per-address rate limit of requests without a token first
 * ({@code 429} as JSON, like the API's); the mount checks its principals against the per-principal
 * rate through {@link AccessGate#principalAllowed}.
 */
final class Mounted {
  private final List<Mount> mounts;
  private final AccessGate gate;

  Mounted(List<Mount> mounts, AccessGate gate) {
    this.mounts = List.copyOf(mounts);
    for (Mount m : this.mounts) {
      String p = m.prefix();
      if (!p.startsWith("/") || !p.endsWith("/") || p.length() < 3 || p.startsWith("/v1/")) {
        throw new IllegalArgumentException(
            "mount prefix: " + p + " (expected: /name/, outside /v1/)");
      }
    }
    this.gate = requireNonNull(gate, "gate");
  }

  /** The mount serving {@code uri} (its prefix, or the prefix without its last slash), or null. */
  Mount find(String uri) {
    for (int i = 0; i < mounts.size(); i++) {
      Mount m = mounts.get(i);
      String p = m.prefix();
      if (uri.startsWith(p)) {
        return m;
      }
      int bare = p.length() - 1;
      if (uri.regionMatches(0, p, 0, bare) && (uri.length() == bare || uri.charAt(bare) == '?')) {
        return m;
      }
    }
    return null;
  }

  CompletableFuture<ApiResponse> answer(
      Mount mount, Incoming request, SocketAddress remote, EventExecutor loop, boolean secure) {
    if (!gate.anonymousAllowed(remote)) {
      return CompletableFuture.failedFuture(ApiException.rateLimited());
    }
    Map<String, String> headers = new HashMap<>();
    for (String name : WebRequest.HEADERS) {
      String value = request.headers() == null ? null : request.headers().get(name);
      if (value != null) {
        headers.put(name, value);
      }
    }
    WebRequest web =
        new WebRequest(
            request.head() ? "GET" : request.method(),
            request.uri(),
            headers,
            request.body(),
            remote,
            secure,
            loop,
            gate::principalAllowed);
    CompletableFuture<WebResponse> answer;
    try {
      answer = mount.answer(web);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return answer.thenApply(
        r ->
            new ApiResponse(
                HttpResponseStatus.valueOf(r.status()), r.contentType(), r.body(), r.headers()));
  }
}
