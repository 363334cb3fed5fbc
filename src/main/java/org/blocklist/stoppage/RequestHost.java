package org.blocklist.stoppage;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.util.List;

/**
 * The host a request names (RFC 9112 section 3.2): the authority of an absolute-form target ({@code
 * GET http://blocked.example/ HTTP/1.1}, which wins over {@code Host}), else the single {@code
 * Host} header. There is none, and the stop page answers {@code 400}, when {@code Host} is
 * repeated, when both are missing, or when the value is empty, longer than {@link #MAX_LENGTH} or
 * holds a character outside the RFC 3986 {@code host [ ":" port ]} alphabet (unreserved,
 * sub-delims, {@code %}, {@code :}, {@code [}, {@code ]}). The value is otherwise passed on raw.
 */
final class RequestHost {
  /** Longest host accepted: a 253-octet name, a trailing dot, a port, with room to spare. */
  static final int MAX_LENGTH = 300;

  private RequestHost() {}

  /** The host {@code request} names, or {@code null} when it names none (see the class doc). */
  static String of(HttpRequest request) {
    List<String> hosts = request.headers().getAll(HttpHeaderNames.HOST);
    if (hosts.size() > 1) {
      return null;
    }
    String uri = request.uri();
    int scheme = schemeLength(uri);
    if (scheme > 0) {
      int end = scheme;
      while (end < uri.length() && "/?#".indexOf(uri.charAt(end)) < 0) {
        end++;
      }
      return valid(uri.substring(scheme, end));
    }
    return hosts.isEmpty() ? null : valid(hosts.get(0));
  }

  private static int schemeLength(String uri) {
    if (uri.regionMatches(true, 0, "http://", 0, 7)) {
      return 7;
    }
    if (uri.regionMatches(true, 0, "https://", 0, 8)) {
      return 8;
    }
    return 0;
  }

  private static String valid(String host) {
    if (host.isEmpty() || host.length() > MAX_LENGTH) {
      return null;
    }
    for (int i = 0; i < host.length(); i++) {
      if (!allowed(host.charAt(i))) {
        return null;
      }
    }
    return host;
  }

  private static boolean allowed(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "-._~%!$&'()*+,;=:[]".indexOf(c) >= 0;
  }
}
