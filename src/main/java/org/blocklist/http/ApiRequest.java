package org.blocklist.http;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.blocklist.principal.Principal;

/**
 * A request after routing and authentication: the route, its path variable, the query, the body
 * (copied out of Netty's buffer), the principal (null on open routes), the event loop of its
 * connection (for work that answers later, such as a parked delta) and the source address (for a
 * per-address quota such as the appeals').
 */
record ApiRequest(
    Route route,
    String pathVariable,
    Map<String, List<String>> query,
    byte[] body,
    Principal principal,
    Executor loop,
    java.net.SocketAddress remote) {
  /** Default and largest page of a list (DESIGN.md: more is 400). */
  static final int DEFAULT_LIMIT = 100;

  static final int MAX_LIMIT = 1000;

  /** A request whose source address is not known (null): tests of routes that do not read it. */
  ApiRequest(
      Route route,
      String pathVariable,
      Map<String, List<String>> query,
      byte[] body,
      Principal principal,
      Executor loop) {
    this(route, pathVariable, query, body, principal, loop, null);
  }

  ApiRequest {
    requireNonNull(route, "route");
    requireNonNull(pathVariable, "pathVariable");
    query = java.util.Collections.unmodifiableMap(query);
    requireNonNull(body, "body");
    requireNonNull(loop, "loop");
  }

  /** Everything but the principal, known before authentication completes. */
  record Builder(
      Route route,
      String pathVariable,
      Map<String, List<String>> query,
      byte[] body,
      Executor loop,
      java.net.SocketAddress remote) {
    ApiRequest build(Principal principal) {
      return new ApiRequest(route, pathVariable, query, body, principal, loop, remote);
    }
  }

  /** The path variable as a number in {@code [1, max]}; anything else is 400. */
  long pathNumber(String name) {
    return number(name, pathVariable, 1, Long.MAX_VALUE);
  }

  String param(String name) {
    List<String> values = query.get(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw ApiException.badRequest(name + ": given " + values.size() + " times (expected: once)");
    }
    return values.get(0);
  }

  long longParam(String name, long defaultValue, long min, long max) {
    String text = param(name);
    return text == null ? defaultValue : number(name, text, min, max);
  }

  long requiredLong(String name, long min, long max) {
    String text = param(name);
    if (text == null) {
      throw ApiException.badRequest(
          name + ": missing (expected: a number in " + min + ".." + max + ")");
    }
    return number(name, text, min, max);
  }

  /** {@code from} (default 1) and {@code limit} (default 100, at most 1,000). */
  long from() {
    return longParam("from", 1, 1, Long.MAX_VALUE);
  }

  int limit() {
    return (int) longParam("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
  }

  private static long number(String name, String text, long min, long max) {
    long value;
    try {
      if (text.length() > 19 || text.startsWith("+")) {
        throw new NumberFormatException();
      }
      value = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(
          name + ": " + abbreviate(text) + " (expected: a number in " + min + ".." + max + ")");
    }
    if (value < min || value > max) {
      throw ApiException.badRequest(name + ": " + value + " (expected: " + min + ".." + max + ")");
    }
    return value;
  }

  private static String abbreviate(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }
}
