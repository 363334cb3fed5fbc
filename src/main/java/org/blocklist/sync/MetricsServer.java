package org.blocklist.sync;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * {@code --metrics ADDR:PORT}: {@code GET /metrics} answers the agent's registry in the Prometheus
 * text format, with the JDK's own HTTP server on its single dispatcher thread (a scrape is a few
 * kilobytes rendered from memory); any other path is 404, any other method 405.
 */
@SuppressForbidden(
    reason =
        "com.sun.net.httpserver is the exported, supported API of the jdk.httpserver module, not"
            + " an internal class; forbidden-apis lists every com.sun package as non-portable")
final class MetricsServer implements AutoCloseable {
  /** Connections waiting to be accepted. */
  static final int BACKLOG = 16;

  private final HttpServer server;

  private MetricsServer(HttpServer server) {
    this.server = server;
  }

  static MetricsServer start(InetSocketAddress address, PrometheusMeterRegistry registry)
      throws IOException {
    HttpServer server = HttpServer.create(address, BACKLOG);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            answer(exchange, registry);
          }
        });
    server.start();
    return new MetricsServer(server);
  }

  private static void answer(HttpExchange exchange, PrometheusMeterRegistry registry)
      throws IOException {
    if (!exchange.getRequestURI().getPath().equals("/metrics")) {
      send(exchange, 404, "text/plain; charset=utf-8", "not found\n");
    } else if (!exchange.getRequestMethod().equals("GET")) {
      exchange.getResponseHeaders().set("Allow", "GET");
      send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
    } else {
      send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
    }
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
