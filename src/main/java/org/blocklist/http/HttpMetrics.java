package org.blocklist.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Request timings by route, method and status ({@code blocklist_http_requests_seconds}). A matched
 * route's timers sit in an array indexed by route and status, so recording on the hot path is two
 * array reads and an add; unmatched requests go through a map.
 */
final class HttpMetrics {
  private static final int STATUSES = 600;

  private static final Set<String> KNOWN_METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

  private final MeterRegistry registry;
  private final Timer[][] byRoute = new Timer[Route.values().length][];
  private final Map<String, Timer> unmatched = new ConcurrentHashMap<>();

  HttpMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (Route r : Route.values()) {
      byRoute[r.ordinal()] = new Timer[STATUSES];
    }
  }

  void request(Route route, int status, long nanos) {
    Timer[] timers = byRoute[route.ordinal()];
    Timer t = timers[status];
    if (t == null) {
      t = timer(route.name(), route.method().name(), status);
      timers[status] = t;
    }
    t.record(nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * A request that matched no route. The method label takes a value from a closed set (the methods
   * of RFC 9110, else {@code other}), so unauthenticated input cannot create series.
   */
  void unmatched(String method, int status, long nanos) {
    String label = KNOWN_METHODS.contains(method) ? method : "other";
    unmatched
        .computeIfAbsent(label + " " + status, k -> timer("unmatched", label, status))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** A request answered by a mounted face: its route label is the mount's prefix. */
  void mounted(String prefix, String method, int status, long nanos) {
    String label = KNOWN_METHODS.contains(method) ? method : "other";
    unmatched
        .computeIfAbsent(prefix + " " + label + " " + status, k -> timer(prefix, label, status))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  private Timer timer(String route, String method, int status) {
    return Timer.builder("blocklist.http.requests")
        .description("API requests by route, method and status")
        .tags("route", route, "method", method, "status", Integer.toString(status))
        .register(registry);
  }
}
