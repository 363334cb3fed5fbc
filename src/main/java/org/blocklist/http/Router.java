package org.blocklist.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the {@link Route} of a method and path: routes without a variable by one map lookup, the
 * others by matching the path's segments. No route for the path is {@code 404}; a route for the
 * path but not the method is {@code 405} with {@code Allow} ({@code HEAD} is allowed wherever
 * {@code GET} is, and routed as it by the caller).
 */
final class Router {
  /** Most path segments split; longer paths are simply unmatched. */
  static final int MAX_SEGMENTS = 8;

  /** A matched route and the value of its one path variable ("" if it has none). */
  record Routed(Route route, String variable) {}

  private static final Route[] NO_ROUTES = {};

  /** Routes whose template has no variable, by path: found without splitting the path. */
  private static final Map<String, Route[]> EXACT = exactRoutes();

  private Router() {}

  static Routed route(String method, String path) {
    List<String> allowed = null;
    for (Route r : EXACT.getOrDefault(path, NO_ROUTES)) {
      if (r.method().name().equals(method)) {
        return new Routed(r, "");
      }
      allowed = allow(allowed, r);
    }
    if (allowed == null) {
      String[] segments =
          path.length() > 1 ? path.substring(1).split("/", MAX_SEGMENTS) : new String[] {""};
      for (Route r : Route.values()) {
        String v = r.match(segments);
        if (v != null) {
          if (r.method().name().equals(method)) {
            return new Routed(r, v);
          }
          allowed = allow(allowed, r);
        }
      }
    }
    if (allowed == null) {
      throw ApiException.notFound("no route " + path);
    }
    throw new ApiException(
            HttpResponseStatus.METHOD_NOT_ALLOWED,
            "method_not_allowed",
            method
                + " is not allowed on "
                + path
                + " (allowed: "
                + String.join(", ", allowed)
                + ")")
        .withHeader("Allow", String.join(", ", allowed));
  }

  private static List<String> allow(List<String> allowed, Route r) {
    List<String> out = allowed == null ? new ArrayList<>(2) : allowed;
    String name = r.method().name();
    if (!out.contains(name)) {
      out.add(name);
      if (name.equals("GET")) {
        out.add("HEAD");
      }
    }
    return out;
  }

  private static Map<String, Route[]> exactRoutes() {
    Map<String, List<Route>> byPath = new HashMap<>();
    for (Route r : Route.values()) {
      if (!r.template().contains("{")) {
        byPath.computeIfAbsent(r.template(), k -> new ArrayList<>()).add(r);
      }
    }
    Map<String, Route[]> out = new HashMap<>();
    byPath.forEach((path, routes) -> out.put(path, routes.toArray(new Route[0])));
    return Map.copyOf(out);
  }
}
