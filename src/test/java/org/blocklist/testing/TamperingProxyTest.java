package org.blocklist.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The proxy the client tests put between themselves and the real server does what it says. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TamperingProxyTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
  private Blocklist bl;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    bl = Blocklist.start(dir.resolve("data"));
    bl.publish("block", "a.example", "b.example");
  }

  @AfterAll
  void stop() {
    bl.close();
  }

  @Test
  void withoutRewrites_answersAsTheServer_andRecordsEachRequest() throws Exception {
    try (TamperingProxy proxy = TamperingProxy.start(bl.server.uri("/"))) {
      HttpResponse<String> direct = bl.server.get("/v1/versions?from=1&limit=5", null);
      HttpResponse<String> proxied = get(proxy.uri(), "/v1/versions?from=1&limit=5", null);
      assertEquals(200, proxied.statusCode());
      assertEquals(direct.body(), proxied.body());
      assertEquals(
          direct.headers().firstValue("content-type"),
          proxied.headers().firstValue("content-type"));
      assertEquals(java.util.List.of("/v1/versions?from=1&limit=5"), proxy.requests());
    }
  }

  @Test
  void forwardsTheTokenAndTheBodyOfAPost() throws Exception {
    try (TamperingProxy proxy = TamperingProxy.start(bl.server.uri("/"))) {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(proxy.uri().resolve("/v1/lookup"))
                  .header("Authorization", "Bearer " + bl.isp)
                  .POST(HttpRequest.BodyPublishers.ofString("{\"domains\":[\"www.a.example\"]}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
      assertTrue(r.body().contains("\"matchedEntry\":\"a.example\""), r.body());
    }
  }

  @Test
  void onPath_changesStatusBodyAndHeaders_ofThatPathOnly() throws Exception {
    try (TamperingProxy proxy = TamperingProxy.start(bl.server.uri("/"))) {
      proxy.onPath(
          "/v1/checkpoint",
          a -> a.withStatus(203).withBody("forged\n").withHeader("X-Tampered", "yes"));
      HttpResponse<String> tampered = get(proxy.uri(), "/v1/checkpoint", null);
      assertEquals(203, tampered.statusCode());
      assertEquals("forged\n", tampered.body());
      assertEquals("yes", tampered.headers().firstValue("x-tampered").orElseThrow());
      assertEquals(
          bl.server.get("/v1/versions/1", null).body(),
          get(proxy.uri(), "/v1/versions/1", null).body());
      proxy.clear();
      assertEquals(
          bl.server.get("/v1/checkpoint", null).body(),
          get(proxy.uri(), "/v1/checkpoint", null).body());
    }
  }

  @Test
  void rewrite_seesTheRequest_andRewritesInTheOrderInstalled() throws Exception {
    try (TamperingProxy proxy = TamperingProxy.start(bl.server.uri("/"))) {
      proxy
          .rewrite((request, a) -> a.withBody(request.method() + " " + request.query()))
          .rewrite((request, a) -> a.withBody(a.text() + "!"));
      assertEquals("GET from=1!", get(proxy.uri(), "/v1/versions?from=1", null).body());
    }
  }

  @Test
  void slow_sendsTheWholeBody_aByteAtATime() throws Exception {
    try (TamperingProxy proxy = TamperingProxy.start(bl.server.uri("/"))) {
      proxy.onPath("/v1/versions/1", a -> a.slow(Duration.ofMillis(1)));
      assertEquals(
          bl.server.get("/v1/versions/1", null).body(),
          get(proxy.uri(), "/v1/versions/1", null).body());
    }
  }

  @Test
  void endless_neverEnds_andTheProxyServesOthersMeanwhile() throws Exception {
    try (TamperingProxy proxy = TamperingProxy.start(bl.server.uri("/"))) {
      proxy.onPath("/v1/checkpoint", TamperingProxy.Answer::endless);
      HttpResponse<InputStream> r =
          client.send(
              HttpRequest.newBuilder(proxy.uri().resolve("/v1/checkpoint")).build(),
              HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = r.body()) {
        byte[] first = body.readNBytes(4 * 1024 * 1024);
        assertEquals(4 * 1024 * 1024, first.length, "4 MiB of a body that goes on");
      }
      assertEquals(200, get(proxy.uri(), "/v1/versions/1", null).statusCode());
    }
  }

  @Test
  void truncated_declaresMoreThanItSends_thenCloses() throws Exception {
    try (TamperingProxy proxy = TamperingProxy.start(bl.server.uri("/"))) {
      proxy.onPath("/v1/versions/1", a -> a.truncated(a.body().length + 100L));
      assertThrows(IOException.class, () -> get(proxy.uri(), "/v1/versions/1", null));
    }
  }

  @Test
  void truncated_mustDeclareMoreThanTheBody() {
    TamperingProxy.Answer answer =
        new TamperingProxy.Answer(
            200,
            java.util.Map.of(),
            "abc".getBytes(StandardCharsets.UTF_8),
            new TamperingProxy.Delivery.Whole());
    assertThrows(IllegalArgumentException.class, () -> answer.truncated(3));
  }

  @Test
  void answer_keepsNoContentLength_theDeliveryDecidesIt() {
    TamperingProxy.Answer answer =
        new TamperingProxy.Answer(
            200,
            java.util.Map.of(
                "Content-Length", java.util.List.of("3"), "X-A", java.util.List.of("b")),
            "abc".getBytes(StandardCharsets.UTF_8),
            new TamperingProxy.Delivery.Whole());
    assertEquals(java.util.Map.of("x-a", java.util.List.of("b")), answer.headers());
    assertArrayEquals("abc".getBytes(StandardCharsets.UTF_8), answer.body());
  }

  @Test
  void close_stopsListening() throws Exception {
    TamperingProxy proxy = TamperingProxy.start(bl.server.uri("/"));
    URI uri = proxy.uri();
    assertEquals(200, get(uri, "/v1/checkpoint", null).statusCode());
    proxy.close();
    HttpClient fresh = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    assertThrows(
        IOException.class,
        () ->
            fresh.send(
                HttpRequest.newBuilder(uri.resolve("/v1/checkpoint")).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString()));
  }

  private HttpResponse<String> get(URI base, String path, String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
