package org.blocklist.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.blocklist.auth.Authenticator;
import org.blocklist.auth.Tokens;
import org.blocklist.config.Config;
import org.blocklist.config.ConfigLoader;
import org.blocklist.principal.Principal;
import org.blocklist.principal.Role;
import org.blocklist.transport.ConnectionLimit;
import org.junit.jupiter.api.Test;

/**
 * The API's connection pipeline ({@link ApiInitializer}: deadlines, codec, aggregator, {@link
 * ApiConnection}) on an embedded channel, over a {@link Dispatcher} whose handlers the test
 * controls: ordering of pipelined requests, back-pressure, framing errors, HEAD, and the error
 * answers of the router and the access gate.
 */
class ApiConnectionTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String POLICE_TOKEN = "police-token";

  private final AtomicLong nanos = new AtomicLong();
  private final Ticker ticker = nanos::get;

  /** Answers to {@code /healthz}, completed by the test. */
  private final ArrayDeque<CompletableFuture<ApiResponse>> held = new ArrayDeque<>();

  private EmbeddedHttp http() throws Exception {
    Config.Limits limits = new ConfigLoader().defaults().limits();
    Map<Route, Dispatcher.Handler> handlers = new EnumMap<>(Route.class);
    for (Route r : Route.values()) {
      handlers.put(r, request -> CompletableFuture.completedFuture(ApiResponse.text(r.name())));
    }
    handlers.put(
        Route.HEALTHZ,
        request -> {
          CompletableFuture<ApiResponse> f = new CompletableFuture<>();
          held.add(f);
          return f;
        });
    Principal police = new Principal("officer-1", Role.POLICE);
    Authenticator authenticator =
        new Authenticator(
            hash -> hash.equals(Tokens.hash(POLICE_TOKEN)) ? Optional.of(police) : Optional.empty(),
            Runnable::run,
            ticker);
    Dispatcher dispatcher =
        new Dispatcher(
            handlers, new AccessGate(authenticator, new RateLimiter(ticker), limits, ""));
    return new EmbeddedHttp(
        new EmbeddedChannel(
            new ApiInitializer(
                new ConnectionLimit(10),
                limits,
                dispatcher,
                new HttpMetrics(new SimpleMeterRegistry()),
                ticker,
                new InFlight())));
  }

  private static String get(String path, String... headers) {
    StringBuilder b = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: x\r\n");
    for (String h : headers) {
      b.append(h).append("\r\n");
    }
    return b.append("\r\n").toString();
  }

  @Test
  void pipelinedRequests_areAnsweredInOrder_evenWhenTheFirstAnswerIsReadyLast() throws Exception {
    EmbeddedHttp http = http();
    http.send(get("/healthz") + get("/v1/checkpoint") + get("/v1/keys"));
    assertEquals(List.of(), http.responses(), "the first answer is not ready: nothing is sent");
    held.remove().complete(ApiResponse.text("first"));
    List<EmbeddedHttp.Response> all = http.responses();
    assertEquals(3, all.size());
    assertEquals("first", all.get(0).body());
    assertEquals("CHECKPOINT", all.get(1).body());
    assertEquals("KEYS", all.get(2).body());
    assertFalse(http.finish());
  }

  @Test
  void requestsBehindConnectionClose_areNeverAnswered() throws Exception {
    EmbeddedHttp http = http();
    http.send(get("/v1/checkpoint", "Connection: close") + get("/v1/keys"));
    List<EmbeddedHttp.Response> all = http.responses();
    assertEquals(1, all.size());
    assertEquals("close", all.get(0).header("connection"));
    assertFalse(http.channel.isOpen());
    assertFalse(http.finish());
  }

  @Test
  void moreRequestsWaitingThanAllowed_stopReading_untilTheyDrain() throws Exception {
    EmbeddedHttp http = http();
    StringBuilder requests = new StringBuilder(get("/healthz"));
    for (int i = 0; i < ApiConnection.MAX_WAITING; i++) {
      requests.append(get("/v1/checkpoint"));
    }
    http.send(requests.toString());
    assertFalse(http.channel.config().isAutoRead(), MAX_WAITING_TEXT);
    held.remove().complete(ApiResponse.text("first"));
    assertEquals(1 + ApiConnection.MAX_WAITING, http.responses().size());
    assertTrue(http.channel.config().isAutoRead(), "reading resumes once they are answered");
    assertFalse(http.finish());
  }

  @Test
  void aRateLimitedAnswer_stopsReadingTheConnection_forItsRetryAfter() throws Exception {
    EmbeddedHttp http = http();
    http.channel.freezeTime();
    // police: 20 requests/s, a burst of 5 s; the limiter's clock stands still
    int served = 0;
    EmbeddedHttp.Response r;
    do {
      http.send(get("/v1/requisitions", "Authorization: Bearer " + POLICE_TOKEN));
      r = http.response();
      served++;
    } while (r.status() == 200 && served < 1000);
    assertEquals(429, r.status(), "after " + served + " requests");
    assertEquals(101, served, "100 (the burst) served, the next one limited");
    assertEquals("1", r.header("retry-after"));
    assertFalse(http.channel.config().isAutoRead(), "not read while its Retry-After runs");
    http.advance(ApiConnection.RATE_LIMITED_PAUSE_MILLIS - 1, TimeUnit.MILLISECONDS);
    assertFalse(http.channel.config().isAutoRead());
    http.advance(1, TimeUnit.MILLISECONDS);
    assertTrue(http.channel.config().isAutoRead(), "read again once it has passed");
    assertFalse(http.finish());
  }

  private static final String MAX_WAITING_TEXT =
      ApiConnection.MAX_WAITING + " requests wait behind the first: the connection stops reading";

  @Test
  void anUndecodableRequest_isAnswered400AsTheJsonError_andTheConnectionClosed() throws Exception {
    EmbeddedHttp http = http();
    http.send("GET /v1/checkpoint HTTP/1.1\r\nHost x\r\n\r\n" + get("/v1/keys"));
    EmbeddedHttp.Response r = http.response();
    assertEquals(400, r.status());
    assertEquals("invalid_request", JSON.readTree(r.body()).get("error").asText());
    assertEquals("close", r.header("connection"));
    assertFalse(http.channel.isOpen(), "the stream after a framing error cannot be trusted");
    assertFalse(http.finish());
  }

  @Test
  void aHeaderBlockOverTheLimit_is431_andARequestLineOverTheLimit_is414() throws Exception {
    EmbeddedHttp http = http();
    http.send(get("/v1/checkpoint", "X-Big: " + "a".repeat(ApiServer.MAX_HEADER_BYTES + 1)));
    EmbeddedHttp.Response r = http.response();
    assertEquals(431, r.status());
    assertEquals("headers_too_large", JSON.readTree(r.body()).get("error").asText());
    assertFalse(http.finish());

    EmbeddedHttp other = http();
    other.send(get("/v1/checkpoint?x=" + "a".repeat(ApiServer.MAX_INITIAL_LINE + 1)));
    EmbeddedHttp.Response line = other.response();
    assertEquals(414, line.status());
    assertEquals("uri_too_long", JSON.readTree(line.body()).get("error").asText());
    assertFalse(other.finish());
  }

  @Test
  void aBadPercentEscape_is400BadRequest_andTheConnectionGoesOn() throws Exception {
    EmbeddedHttp http = http();
    http.send(get("/v1/versi%ons") + get("/v1/checkpoint?x=%"));
    List<EmbeddedHttp.Response> all = http.responses();
    assertEquals(2, all.size());
    for (EmbeddedHttp.Response r : all) {
      assertEquals(400, r.status());
      assertEquals("bad_request", JSON.readTree(r.body()).get("error").asText());
    }
    assertTrue(http.channel.isOpen());
    assertFalse(http.finish());
  }

  @Test
  void head_onAGetRoute_isAnsweredWithTheHeadersOfTheGet_andNoBody() throws Exception {
    EmbeddedHttp http = http();
    http.send("HEAD /v1/checkpoint HTTP/1.1\r\nHost: x\r\n\r\n");
    String head = http.raw();
    assertTrue(head.startsWith("HTTP/1.1 200 OK\r\n"), head);
    assertTrue(head.contains("content-length: " + "CHECKPOINT".length() + "\r\n"), head);
    assertTrue(head.endsWith("\r\n\r\n"), "no body after the headers: " + head);
    http.send(get("/v1/keys"));
    assertEquals("KEYS", http.response().body(), "the connection goes on");
    assertFalse(http.finish());
  }

  @Test
  void aMethodTheRouteDoesNotHave_is405_withAllow() throws Exception {
    EmbeddedHttp http = http();
    http.send("DELETE /v1/checkpoint HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
    EmbeddedHttp.Response r = http.response();
    assertEquals(405, r.status());
    assertEquals("GET, HEAD", r.header("allow"));
    assertEquals("method_not_allowed", JSON.readTree(r.body()).get("error").asText());
    assertFalse(http.finish());
  }

  @Test
  void anUnknownToken_is401WithWwwAuthenticate_andAnotherRole_is403() throws Exception {
    EmbeddedHttp http = http();
    http.send(
        get("/v1/requisitions", "Authorization: Bearer nobody")
            + get("/v1/snapshot", "Authorization: Bearer " + POLICE_TOKEN)
            + get("/v1/requisitions", "Authorization: Bearer " + POLICE_TOKEN));
    List<EmbeddedHttp.Response> all = http.responses();
    assertEquals(401, all.get(0).status());
    assertEquals("Bearer", all.get(0).header("www-authenticate"));
    JsonNode forbidden = JSON.readTree(all.get(1).body());
    assertEquals(403, all.get(1).status());
    assertEquals("forbidden", forbidden.get("error").asText());
    assertEquals("role police may not call GET /v1/snapshot", forbidden.get("message").asText());
    assertEquals(200, all.get(2).status());
    assertEquals("LIST_REQUISITIONS", all.get(2).body());
    assertNull(all.get(2).header("connection"));
    assertFalse(http.finish());
  }
}
