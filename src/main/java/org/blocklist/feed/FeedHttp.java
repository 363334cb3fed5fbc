package org.blocklist.feed;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * GETs from the blocklist server with the JDK's HTTP client, each bounded in bytes and in time: an
 * answer larger than its limit is cut as soon as the limit is passed ({@code TOO_LARGE}, whatever
 * {@code Content-Length} says), one not complete within its time (a slow or endless body) is
 * abandoned ({@code TIMEOUT}), a connection that breaks or a body shorter than its {@code
 * Content-Length} is {@code NETWORK}. Nothing is retried here; the callers decide.
 */
public final class FeedHttp {
  /** Time to open a connection to the server. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient client;
  private final URI server;
  private final String token;

  /**
   * @param server the server's base URL ({@code http://host:8080}); paths are resolved against it
   * @param token the bearer token, or {@code null} for the public routes only
   */
  public FeedHttp(URI server, String token) {
    this(
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build(),
        server,
        token);
  }

  FeedHttp(HttpClient client, URI server, String token) {
    this.client = requireNonNull(client, "client");
    this.server = requireNonNull(server, "server");
    String scheme = server.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme) || server.getHost() == null) {
      throw new IllegalArgumentException(
          "server: " + server + " (expected: an http:// or https:// URL with a host)");
    }
    this.token = token;
  }

  /** The server's base URL. */
  public URI server() {
    return server;
  }

  /** An answer of status 200. */
  public record Response(int status, Optional<String> header, byte[] body) {
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /**
   * The body of {@code GET path} ({@code /v1/delta?from=3}) if the server answers 200.
   *
   * @param maxBytes largest body accepted
   * @param timeout the whole exchange, from sending to the last byte of the body
   * @throws FeedException {@code STATUS} for any other status, naming the server's error code and
   *     message when the body is the JSON error of DESIGN.md; {@code TOO_LARGE}, {@code TIMEOUT},
   *     {@code NETWORK} as above
   */
  public byte[] get(String path, long maxBytes, Duration timeout) throws FeedException {
    return exchange(path, maxBytes, timeout, null).body();
  }

  /** As {@link #get}, also returning the value of response header {@code header}, if present. */
  public Response get(String path, long maxBytes, Duration timeout, String header)
      throws FeedException {
    return exchange(path, maxBytes, timeout, requireNonNull(header, "header"));
  }

  /** As {@link #get}, the body read as one JSON value with {@code mapper}. */
  public JsonNode getJson(String path, long maxBytes, Duration timeout, ObjectMapper mapper)
      throws FeedException {
    byte[] body = get(path, maxBytes, timeout);
    try {
      return mapper.readTree(body);
    } catch (IOException e) {
      throw new FeedException(
          FeedException.Reason.MALFORMED, "GET " + path + ": not JSON: " + firstLine(e), e);
    }
  }

  private Response exchange(String path, long maxBytes, Duration timeout, String header)
      throws FeedException {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("path: " + path + " (expected: starting with /)");
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.resolve(path)).timeout(timeout).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    AtomicReference<BoundedBody> body = new AtomicReference<>();
    CompletableFuture<HttpResponse<byte[]>> sent =
        client.sendAsync(
            request.build(),
            info -> {
              BoundedBody b = new BoundedBody(path, maxBytes, info);
              body.set(b);
              return b;
            });
    HttpResponse<byte[]> response;
    try {
      response = sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      sent.cancel(true);
      BoundedBody b = body.get();
      if (b != null) {
        b.abandon();
      }
      throw new FeedException(
          FeedException.Reason.TIMEOUT,
          "GET " + path + ": no complete answer within " + timeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      sent.cancel(true);
      throw new FeedException(FeedException.Reason.NETWORK, "GET " + path + ": interrupted", e);
    } catch (ExecutionException e) {
      throw failure(path, e.getCause());
    }
    if (response.statusCode() != 200) {
      throw statusFailure(path, response.statusCode(), response.body());
    }
    return new Response(
        200,
        header == null ? Optional.empty() : response.headers().firstValue(header),
        response.body());
  }

  private static FeedException failure(String path, Throwable cause) {
    if (cause instanceof FeedException f) {
      return f;
    }
    if (cause instanceof HttpTimeoutException) {
      return new FeedException(
          FeedException.Reason.TIMEOUT, "GET " + path + ": " + cause.getMessage(), cause);
    }
    return new FeedException(
        FeedException.Reason.NETWORK,
        "GET " + path + ": " + (cause.getMessage() == null ? cause.toString() : cause.getMessage()),
        cause);
  }

  private static FeedException statusFailure(String path, int status, byte[] body) {
    String error = "";
    String message = "";
    try {
      JsonNode json = new ObjectMapper().readTree(body);
      if (json != null && json.path("error").isTextual()) {
        error = json.get("error").asText();
        message = json.path("message").asText("");
      }
    } catch (IOException e) {
      // not the JSON error of DESIGN.md: the status says enough
    }
    String said = error.isEmpty() ? "" : " " + error + (message.isEmpty() ? "" : ": " + message);
    return FeedException.status(
        status, error, "GET " + path + ": the server answered " + status + said);
  }

  private static String firstLine(IOException e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  /** Collects a body up to {@code max} bytes, cancelling the stream as soon as it goes over. */
  private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final String path;
    private final long max;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private volatile Flow.Subscription subscription;

    BoundedBody(String path, long max, HttpResponse.ResponseInfo info) {
      this.path = path;
      this.max = max;
      Optional<String> length = info.headers().firstValue("content-length");
      if (length.isPresent()) {
        try {
          long declared = Long.parseLong(length.get().trim());
          if (declared > max) {
            tooLarge("declares " + declared + " bytes");
          }
        } catch (NumberFormatException e) {
          result.completeExceptionally(
              new FeedException(
                  FeedException.Reason.MALFORMED,
                  "GET " + path + ": Content-Length " + length.get() + " is not a number"));
        }
      }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (result.isDone()) {
        s.cancel();
      } else {
        s.request(Long.MAX_VALUE);
      }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer item : items) {
        if (out.size() + (long) item.remaining() > max) {
          tooLarge("is more than " + max + " bytes");
          subscription.cancel();
          return;
        }
        byte[] chunk = new byte[item.remaining()];
        item.get(chunk);
        out.write(chunk, 0, chunk.length);
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(out.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    /** Stops reading (the caller's time is up). */
    void abandon() {
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
      result.completeExceptionally(new IOException("abandoned"));
    }

    private void tooLarge(String what) {
      result.completeExceptionally(
          new FeedException(
              FeedException.Reason.TOO_LARGE,
              "GET " + path + ": the answer " + what + " (limit: " + max + " bytes)"));
    }
  }
}
