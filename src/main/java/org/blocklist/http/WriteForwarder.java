package org.blocklist.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.blocklist.ledger.NotWriterException;

/**
 * Sends a write that reached a replica which does not write ({@link NotWriterException}) to the
 * writer's advertised URL, as it came (method, path and query, {@code Authorization}, body), and
 * answers with the writer's answer. A request forwarded once carries {@value #HEADER} and is never
 * forwarded again (two replicas with stale views of the writer cannot bounce it). When no writer is
 * known or it cannot be reached: 503 {@code no_writer} with {@code Retry-After}.
 */
final class WriteForwarder {
  static final String HEADER = "Blocklist-Forwarded";

  /** How long the writer may take to answer a forwarded write. */
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** Forwarded writes that may wait for the forwarding threads. */
  static final int QUEUE = 1_000;

  private static final List<String> ANSWER_HEADERS = List.of("Retry-After", "Location");

  private volatile HttpClient client;

  /** {@code failure} answered: forwarded if it says another replica writes, else as it is. */
  CompletableFuture<ApiResponse> recover(Throwable failure, Incoming request) {
    Throwable t = failure;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    if (!(t instanceof NotWriterException e)) {
      return CompletableFuture.failedFuture(failure);
    }
    if (e.writer().isEmpty() || request.forwarded()) {
      return CompletableFuture.completedFuture(noWriter(e));
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(stripSlash(e.writer().get()) + request.uri()))
            .timeout(TIMEOUT)
            .header(HEADER, "1")
            .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
    if (request.body().length > 0) {
      b.header("Content-Type", ApiResponse.JSON);
    }
    if (request.authorization() != null) {
      b.header("Authorization", request.authorization());
    }
    return client()
        .sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray())
        .handle(
            (r, x) -> {
              if (x != null) {
                return noWriter(e);
              }
              Map<String, String> headers = new HashMap<>();
              for (String h : ANSWER_HEADERS) {
                r.headers().firstValue(h).ifPresent(v -> headers.put(h, v));
              }
              return new ApiResponse(
                  HttpResponseStatus.valueOf(r.statusCode()),
                  r.headers().firstValue("Content-Type").orElse(ApiResponse.JSON),
                  r.body(),
                  headers);
            });
  }

  private static ApiResponse noWriter(NotWriterException e) {
    return ErrorMapper.error(
            HttpResponseStatus.SERVICE_UNAVAILABLE,
            "no_writer",
            "no writer can take this write now (a replica is taking over): nothing was changed;"
                + " retry after "
                + e.retryAfterSeconds()
                + " s",
            List.of())
        .withHeader("Retry-After", String.valueOf(e.retryAfterSeconds()));
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private HttpClient client() {
    HttpClient c = client;
    if (c == null) {
      synchronized (this) {
        c = client;
        if (c == null) {
          c =
              HttpClient.newBuilder()
                  .connectTimeout(Duration.ofSeconds(5))
                  .version(HttpClient.Version.HTTP_1_1)
                  .executor(
                      new ThreadPoolExecutor(
                          1,
                          1,
                          0,
                          TimeUnit.SECONDS,
                          new ArrayBlockingQueue<>(QUEUE),
                          new DefaultThreadFactory("blocklist-forward", true)))
                  .build();
          client = c;
        }
      }
    }
    return c;
  }
}
