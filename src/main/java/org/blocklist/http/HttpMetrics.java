package org.blocklist.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Request timings by route, method and status ({@code blocklist_http_requests_seconds}). Timers are
 * looked up once per combination and kept, so recording is a map read and an add.
 */
final class HttpMetrics {
  private record Key(String route, String method, int status) {}

  private final MeterRegistry registry;
  private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

  HttpMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void request(String route, String method, int status, long nanos) {
    timers
        .computeIfAbsent(
            new Key(route, method, status),
            k ->
                Timer.builder("blocklist.http.requests")
                    .description("API requests by route, method and status")
                    .tags(
                        "route",
                        k.route(),
                        "method",
                        k.method(),
                        "status",
                        Integer.toString(k.status()))
                    .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }
}
