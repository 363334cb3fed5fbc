package org.blocklist.web;

import static java.util.Objects.requireNonNull;

import java.net.SocketAddress;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * One request to a mount, copied out of the listener's buffers.
 *
 * @param method the request method ({@code HEAD} is given as {@code GET}; the listener sends no
 *     body for it)
 * @param uri the request target as sent (path and query)
 * @param headers the request headers the mount reads ({@link #HEADERS}), by lower-case name, the
 *     first value of each
 * @param secure whether the connection is TLS
 * @param loop the event loop of the connection, for work that must return to it
 */
public record WebRequest(
    String method,
    String uri,
    Map<String, String> headers,
    byte[] body,
    SocketAddress remote,
    boolean secure,
    Executor loop,
    RateGate rates) {
  /** The headers copied for a mount. */
  public static final java.util.List<String> HEADERS =
      java.util.List.of(
          "cookie", "accept-language", "content-type", "origin", "host", "sec-fetch-site");

  public WebRequest {
    requireNonNull(method, "method");
    requireNonNull(uri, "uri");
    headers = Map.copyOf(headers);
    requireNonNull(body, "body");
    requireNonNull(loop, "loop");
    requireNonNull(rates, "rates");
  }

  /** The header {@code name} (any case), or null. */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }
}
