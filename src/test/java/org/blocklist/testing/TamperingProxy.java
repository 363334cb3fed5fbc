package org.blocklist.testing;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * A loopback HTTP proxy in front of a real server whose answers a test rewrites: another status,
 * body or header, a body that trickles (one byte per interval), a body that never ends, or a body
 * shorter than its declared {@code Content-Length} followed by a closed connection. Clients talk to
 * {@link #uri()} as they would to the server.
 *
 * <pre>{@code
 * try (TamperingProxy proxy = TamperingProxy.start(bl.server.uri("/"))) {
 *   proxy.onPath("/v1/checkpoint", answer -> answer.withBody(forged));
 *   proxy.onPath("/v1/versions/2/changes", answer -> answer.endless());
 *   client(proxy.uri()) ...
 * }
 * }</pre>
 *
 * <p>Every request is forwarded upstream (method, path and query, headers, body) with the JDK's
 * {@link HttpClient}; the upstream answer is then passed through each installed {@link Rewrite} in
 * the order they were installed, and the result is sent back as its {@link Delivery} says. With no
 * rewrite installed the proxy is transparent. Rewrites may be installed and {@link #clear()
 * cleared} while it runs. {@link #close()} stops the listener, drops every open connection and
 * stops any trickling or endless body.
 */
@SuppressForbidden(
    reason =
        "com.sun.net.httpserver is the JDK's own HTTP server (module jdk.httpserver, exported and"
            + " supported): a peer the client under test does not share code with")
public final class TamperingProxy implements AutoCloseable {
  private static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(30);

  /** Headers the JDK client sets itself and refuses to be given, or that describe one hop only. */
  private static final Set<String> HOP_HEADERS =
      Set.of(
          "connection",
          "content-length",
          "date",
          "expect",
          "host",
          "keep-alive",
          "transfer-encoding",
          "upgrade");

  private static final int ENDLESS_CHUNK = 16 * 1024;

  private final URI upstream;
  private final HttpServer server;
  private final ExecutorService handlers;
  private final ScheduledExecutorService pacer;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(UPSTREAM_TIMEOUT)
          .build();
  private final List<Rewrite> rewrites = new CopyOnWriteArrayList<>();
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  /** What a client asked: method, path (no query), raw query ({@code ""} if none) and headers. */
  public record Request(
      String method, String path, String query, Map<String, List<String>> headers) {
    public Request {
      requireNonNull(method, "method");
      requireNonNull(path, "path");
      requireNonNull(query, "query");
      headers = Map.copyOf(headers);
    }
  }

  /** How an {@link Answer}'s body goes on the wire. */
  public sealed interface Delivery {
    /** All at once, with its true {@code Content-Length}. */
    record Whole() implements Delivery {}

    /** One byte per {@code interval}, chunked, then the end of the body. */
    record Slow(Duration interval) implements Delivery {
      public Slow {
        requireNonNull(interval, "interval");
      }
    }

    /** The body, then zero bytes forever (chunked), as fast as the client reads. */
    record Endless() implements Delivery {}

    /**
     * {@code Content-Length: declared}, then only the body (shorter), then the connection closes.
     */
    record Truncated(long declared) implements Delivery {}
  }

  /**
   * An answer: the upstream's, or what a rewrite makes of it. Headers are kept by their lower-case
   * name; {@code Content-Length} is never among them (the {@link Delivery} decides it).
   */
  public record Answer(
      int status, Map<String, List<String>> headers, byte[] body, Delivery delivery) {
    public Answer {
      requireNonNull(headers, "headers");
      requireNonNull(body, "body");
      requireNonNull(delivery, "delivery");
      Map<String, List<String>> copy = new LinkedHashMap<>();
      headers.forEach(
          (name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!HOP_HEADERS.contains(lower)) {
              copy.put(lower, List.copyOf(values));
            }
          });
      headers = java.util.Collections.unmodifiableMap(copy);
      body = body.clone();
    }

    /** The body as UTF-8 text. */
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public byte[] body() {
      return body.clone();
    }

    public Answer withStatus(int status) {
      return new Answer(status, headers, body, delivery);
    }

    public Answer withBody(byte[] body) {
      return new Answer(status, headers, body, delivery);
    }

    public Answer withBody(String text) {
      return withBody(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The answer with header {@code name} set to {@code value} alone (replacing any). */
    public Answer withHeader(String name, String value) {
      Map<String, List<String>> h = new LinkedHashMap<>(headers);
      h.put(name.toLowerCase(Locale.ROOT), List.of(value));
      return new Answer(status, h, body, delivery);
    }

    /** The answer without header {@code name}. */
    public Answer withoutHeader(String name) {
      Map<String, List<String>> h = new LinkedHashMap<>(headers);
      h.remove(name.toLowerCase(Locale.ROOT));
      return new Answer(status, h, body, delivery);
    }

    /** This body, one byte every {@code interval}. */
    public Answer slow(Duration interval) {
      return new Answer(status, headers, body, new Delivery.Slow(interval));
    }

    /** This body, then zero bytes without end. */
    public Answer endless() {
      return new Answer(status, headers, body, new Delivery.Endless());
    }

    /** This body under {@code Content-Length: declared} (more than it has), then a close. */
    public Answer truncated(long declared) {
      if (declared <= body.length) {
        throw new IllegalArgumentException(
            "declared: " + declared + " (expected: more than the body's " + body.length + ")");
      }
      return new Answer(status, headers, body, new Delivery.Truncated(declared));
    }
  }

  /** Turns the answer to {@code request} into the one the client gets. */
  @FunctionalInterface
  public interface Rewrite {
    Answer apply(Request request, Answer answer);
  }

  private TamperingProxy(URI upstream, HttpServer server) {
    this.upstream = upstream;
    this.server = server;
    AtomicInteger n = new AtomicInteger();
    this.handlers =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "tampering-proxy-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.pacer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "tampering-proxy-pacer");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(handlers);
    server.createContext("/", this::handle);
  }

  /**
   * A proxy on a free loopback port forwarding to {@code upstream} (its scheme, host and port; the
   * path of each request is the client's).
   */
  public static TamperingProxy start(URI upstream) throws IOException {
    requireNonNull(upstream, "upstream");
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    TamperingProxy proxy = new TamperingProxy(upstream, server);
    server.start();
    return proxy;
  }

  /**
   * The proxy's base URL, {@code http://127.0.0.1:<port>}, to give clients instead of the server's.
   */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Installs {@code rewrite}, applied to every answer after those installed before it. */
  public TamperingProxy rewrite(Rewrite rewrite) {
    rewrites.add(requireNonNull(rewrite, "rewrite"));
    return this;
  }

  /** Installs {@code change} for the answers to requests of exactly {@code path} (any query). */
  public TamperingProxy onPath(String path, UnaryOperator<Answer> change) {
    requireNonNull(path, "path");
    requireNonNull(change, "change");
    return rewrite(
        (request, answer) -> request.path().equals(path) ? change.apply(answer) : answer);
  }

  /** Removes every rewrite: the proxy is transparent again. */
  public void clear() {
    rewrites.clear();
  }

  /** Path and query ({@code /v1/versions?from=1&limit=1000}) of every request so far, in order. */
  public List<String> requests() {
    return List.copyOf(seen);
  }

  @Override
  public void close() {
    closed = true;
    server.stop(0);
    pacer.shutdownNow();
    handlers.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI asked = exchange.getRequestURI();
      String query = asked.getRawQuery() == null ? "" : asked.getRawQuery();
      seen.add(asked.getRawPath() + (query.isEmpty() ? "" : "?" + query));
      Request request =
          new Request(
              exchange.getRequestMethod(),
              asked.getRawPath(),
              query,
              lowerCase(exchange.getRequestHeaders()));
      Answer answer;
      try {
        answer = forward(request, exchange.getRequestBody().readAllBytes());
      } catch (IOException e) {
        answer = new Answer(502, Map.of(), new byte[0], new Delivery.Whole());
      }
      try {
        for (Rewrite rewrite : rewrites) {
          answer = rewrite.apply(request, answer);
        }
      } catch (RuntimeException e) {
        // a rewrite that fails is the test's bug: say so instead of dropping the connection
        answer =
            new Answer(
                599,
                Map.of(),
                ("rewrite failed: " + e).getBytes(StandardCharsets.UTF_8),
                new Delivery.Whole());
      }
      send(exchange, answer);
    }
  }

  private Answer forward(Request request, byte[] body) throws IOException {
    URI target =
        upstream.resolve(request.path() + (request.query().isEmpty() ? "" : "?" + request.query()));
    HttpRequest.Builder b =
        HttpRequest.newBuilder(target)
            .timeout(UPSTREAM_TIMEOUT)
            .method(
                request.method(),
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    request
        .headers()
        .forEach(
            (name, values) -> {
              if (!HOP_HEADERS.contains(name)) {
                values.forEach(v -> b.header(name, v));
              }
            });
    try {
      HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Answer(r.statusCode(), r.headers().map(), r.body(), new Delivery.Whole());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while forwarding " + target, e);
    }
  }

  private void send(HttpExchange exchange, Answer answer) throws IOException {
    answer.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
    byte[] body = answer.body();
    Delivery delivery = answer.delivery();
    if (delivery instanceof Delivery.Truncated t) {
      exchange.sendResponseHeaders(answer.status(), t.declared());
      OutputStream out = exchange.getResponseBody();
      out.write(body);
      out.flush();
      // closing the exchange short of its declared length closes the connection
    } else if (delivery instanceof Delivery.Endless) {
      exchange.sendResponseHeaders(answer.status(), 0);
      OutputStream out = exchange.getResponseBody();
      out.write(body);
      byte[] zeros = new byte[ENDLESS_CHUNK];
      while (!closed) {
        out.write(zeros); // ends with an IOException once the client hangs up
      }
    } else if (delivery instanceof Delivery.Slow s) {
      exchange.sendResponseHeaders(answer.status(), 0);
      trickle(exchange.getResponseBody(), body, s.interval());
    } else {
      exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
      exchange.getResponseBody().write(body);
    }
  }

  /** Writes one byte of {@code body} per {@code interval} on the pacer; returns when done. */
  private void trickle(OutputStream out, byte[] body, Duration interval) throws IOException {
    AtomicInteger next = new AtomicInteger();
    AtomicReference<IOException> failed = new AtomicReference<>();
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    ScheduledFuture<?> task =
        pacer.scheduleWithFixedDelay(
            () -> {
              int i = next.getAndIncrement();
              if (i >= body.length || closed) {
                done.countDown();
                return;
              }
              try {
                out.write(body[i]);
                out.flush();
              } catch (IOException e) {
                failed.set(e);
                done.countDown();
              }
            },
            0,
            Math.max(1, interval.toMillis()),
            TimeUnit.MILLISECONDS);
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      task.cancel(false);
    }
    if (failed.get() != null) {
      throw failed.get();
    }
  }

  private static Map<String, List<String>> lowerCase(Map<String, List<String>> headers) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    headers.forEach(
        (name, values) ->
            out.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                .addAll(values));
    return out;
  }

  @Override
  public String toString() {
    return "TamperingProxy[" + uri() + " -> " + upstream + ", " + rewrites.size() + " rewrites]";
  }
}
