package org.blocklist.service;

import static org.blocklist.testing.Blocklist.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.blocklist.testing.Blocklist;
import org.blocklist.testing.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every input is bounded: body size, slow heads, request rates. */
class HttpLimitsTest {
  @TempDir Path dir;

  @Test
  void bodyOverTheLimit_is413() throws Exception {
    try (Blocklist bl =
        Blocklist.start(dir.resolve("data"), TestYaml.UNLIMITED + "  bodyBytes: 2048\n")) {
      String big = "{\"note\":\"" + "x".repeat(4096) + "\"}";
      HttpResponse<String> r = bl.server.post("/v1/requisitions/1/approve", bl.prosecutor, big);
      assertEquals(413, r.statusCode());
    }
  }

  /**
   * The deadlines themselves are specified on a fake clock in {@code RequestDeadlinesTest}; this
   * one checks on the real server that they are wired (it waits the one second it configures).
   */
  @Test
  void aRequestHeadThatStalls_is408_andClosed() throws Exception {
    try (Blocklist bl =
        Blocklist.start(dir.resolve("data"), TestYaml.UNLIMITED + "  headerSeconds: 1\n")) {
      String response = untilClosed(bl, "GET /healthz HTTP/1.1\r\nHost: x\r\n");
      assertTrue(response.startsWith("HTTP/1.1 408"), response);
      assertTrue(response.contains("request_timeout"), response);
    }
  }

  @Test
  void pipelinedRequests_areAnsweredInOrder() throws Exception {
    try (Blocklist bl = Blocklist.start(dir.resolve("data"))) {
      String all =
          untilClosed(
              bl,
              "GET /v1/versions/9 HTTP/1.1\r\nHost: x\r\n\r\n"
                  + "GET /v1/requisitions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                  + bl.police
                  + "\r\n\r\n"
                  + "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      int notFound = all.indexOf("HTTP/1.1 404");
      int ok = all.indexOf("HTTP/1.1 200", notFound);
      int health = all.indexOf("\"status\":\"serving\"", ok);
      assertTrue(notFound >= 0 && ok > notFound && health > ok, all);
    }
  }

  @Test
  void morePipelinedRequestsThanMayWait_areAllAnsweredInOrder() throws Exception {
    int n = 200; // well over ApiConnection.MAX_WAITING: reading stops and resumes as they drain
    try (Blocklist bl = Blocklist.start(dir.resolve("data"))) {
      StringBuilder requests = new StringBuilder();
      for (int i = 1; i <= n; i++) {
        requests.append("GET /v1/versions/").append(i).append(" HTTP/1.1\r\nHost: x\r\n");
        requests.append(i == n ? "Connection: close\r\n\r\n" : "\r\n");
      }
      String all = untilClosed(bl, requests.toString());
      int at = 0;
      for (int i = 1; i <= n; i++) {
        at = all.indexOf("no version " + i + " ", at);
        assertTrue(at >= 0, "answer " + i + " missing or out of order");
      }
    }
  }

  @Test
  void requestsPipelinedBehindConnectionClose_areNotAnswered() throws Exception {
    try (Blocklist bl =
        Blocklist.start(
            dir.resolve("data"),
            TestYaml.UNLIMITED + "  requisitionDomains: 100000\n  bodyBytes: 16777216\n")) {
      String[] names = new String[100_000];
      for (int i = 0; i < names.length; i++) {
        names[i] = "name-" + i + ".example";
      }
      bl.publish("block", names);
      try (Socket s = new Socket()) {
        // A small window: the 2 MB snapshot is still being written when the next request is read.
        s.setReceiveBufferSize(4096);
        s.connect(new InetSocketAddress("127.0.0.1", bl.server.uri("/").getPort()));
        s.setSoTimeout(10_000);
        String requests =
            "GET /v1/snapshot HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer "
                + bl.isp
                + "\r\n\r\nGET /v1/versions/7 HTTP/1.1\r\nHost: x\r\n\r\n";
        s.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII));
        String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(all.startsWith("HTTP/1.1 200"), all.substring(0, Math.min(200, all.length())));
        assertTrue(
            all.endsWith("name-99999.example\n"), "the whole snapshot, and nothing after it");
        assertEquals(-1, all.indexOf("HTTP/1.1", 1), "one response, then the connection closed");
      }
    }
  }

  @Test
  void http11Connections_persistWithoutAConnectionHeader_andHttp10OnlyWhenAsked() throws Exception {
    try (Blocklist bl = Blocklist.start(dir.resolve("data"))) {
      int port = bl.server.uri("/").getPort();
      try (RawHttp http = new RawHttp(port)) {
        http.send(RawHttp.get("/healthz", "Host: x"));
        assertNull(http.read(false).header("connection"), "HTTP/1.1 persists by default");
        http.send(RawHttp.get("/healthz", "Host: x", "Connection: close"));
        assertEquals("close", http.read(false).header("connection"));
        assertTrue(http.closedByServer());
      }
      try (RawHttp http = new RawHttp(port)) {
        http.send("GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        assertEquals("keep-alive", http.read(false).header("connection"));
        http.send("GET /healthz HTTP/1.0\r\n\r\n");
        RawHttp.Response last = http.read(false);
        assertEquals(200, last.status());
        assertEquals("close", last.header("connection"));
        assertTrue(http.closedByServer());
      }
    }
  }

  @Test
  void aPrincipalOverItsRate_gets429_withRetryAfter() throws Exception {
    String yaml =
        "http: { port: 0 }\nstopPage: { port: 0 }\ndns: { port: 0 }\nlimits:\n  requestsPerSecond: { police: 1 }\n  requestsPerSecondPerAddress: 0\n";
    try (Blocklist bl = Blocklist.start(dir.resolve("data"), yaml)) {
      HttpResponse<String> last = null;
      for (int i = 0; i < 20 && (last == null || last.statusCode() != 429); i++) {
        last = bl.server.get("/v1/requisitions", bl.police);
      }
      assertEquals(429, last.statusCode(), "a burst of 5 s at 1/s is spent within 20 calls");
      assertEquals("rate_limited", json(last).get("error").asText());
      assertEquals("1", last.headers().firstValue("retry-after").orElseThrow());
      assertEquals(
          200,
          bl.server.get("/v1/requisitions", bl.prosecutor).statusCode(),
          "another principal is not affected");
    }
  }

  @Test
  void requestsWithoutAValidToken_areLimitedPerAddress() throws Exception {
    String yaml =
        "http: { port: 0 }\nstopPage: { port: 0 }\ndns: { port: 0 }\nlimits:\n  requestsPerSecondPerAddress: 1\n";
    try (Blocklist bl = Blocklist.start(dir.resolve("data"), yaml)) {
      HttpResponse<String> last = null;
      for (int i = 0; i < 20 && (last == null || last.statusCode() != 429); i++) {
        last = bl.server.get("/v1/requisitions", "unknown-token");
      }
      assertEquals(429, last.statusCode(), "unknown tokens count against the address");
      // The connection that got the 429 is read again after its Retry-After (1 s), when the
      // bucket holds one request again: open routes spend it too, so one of two is refused.
      int first = bl.server.get("/healthz", null).statusCode();
      int second = bl.server.get("/healthz", null).statusCode();
      assertTrue(first == 429 || second == 429, "so do open routes: " + first + ", " + second);
      assertEquals(
          200, bl.server.get("/v1/requisitions", bl.police).statusCode(), "a valid token is not");
    }
  }

  /** Writes {@code requests} on a new connection and reads until the server closes it. */
  private static String untilClosed(Blocklist bl, String requests) throws IOException {
    try (Socket s = new Socket("127.0.0.1", bl.server.uri("/").getPort())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  /** The test configuration with rate limits off, ending inside {@code limits:}. */
  static final class TestYaml {
    static final String UNLIMITED =
        "http: { port: 0 }\nstopPage: { port: 0 }\ndns: { port: 0 }\nlimits:\n"
            + "  requestsPerSecond: { police: 0, prosecutor: 0, auditor: 0, admin: 0, isp: 0 }\n"
            + "  requestsPerSecondPerAddress: 0\n";

    private TestYaml() {}
  }
}
