package org.blocklist.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.blocklist.testing.Blocklist;
import org.blocklist.testing.RawHttp;
import org.blocklist.testing.RawHttp.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: the stop page was a free membership oracle (300 probes, 451 or 404 each, in 0.125 s).
 * The running service, on its default {@code stopPage.requestsPerSecondPerAddress} (20 a second, a
 * burst of 5 s), with its time frozen on a manual ticker so that the counts are exact.
 */
class StopPageOracleTest {
  /** The API's own limits off; the stop page's left at its default. */
  private static final String YAML =
      """
      http: { port: 0 }
      stopPage: { port: 0 }
      dns: { port: 0 }
      limits:
        requestsPerSecond: { police: 0, prosecutor: 0, auditor: 0, admin: 0, isp: 0 }
        requestsPerSecondPerAddress: 0
      """;

  private static final int PROBES = 300;
  private static final int DEFAULT_BURST = 20 * 5;

  @TempDir Path dir;

  private final AtomicLong nanos = new AtomicLong();

  @Test
  void probes_fromOneAddress_pastTheBurst_get429WithRetryAfter_whateverTheHost() throws Exception {
    try (Blocklist bl = Blocklist.start(dir.resolve("data"), YAML, nanos::get)) {
      bl.publish("block", "listed.example");
      int port = bl.server.service().stopPort();

      List<Response> answers = probe(port, InetAddress.getByName("127.0.0.1"), PROBES);

      for (int i = 0; i < DEFAULT_BURST; i++) {
        assertEquals(i % 2 == 0 ? 451 : 404, answers.get(i).status(), "probe " + i);
      }
      List<Response> limited = answers.subList(DEFAULT_BURST, PROBES);
      for (Response r : limited) {
        assertEquals(429, r.status(), "a probe past the burst");
        assertEquals("1", r.header("Retry-After"));
        assertEquals("no-store", r.header("Cache-Control"));
        assertEquals("no-referrer", r.header("Referrer-Policy"));
        assertEquals("nosniff", r.header("X-Content-Type-Options"));
        assertTrue(r.header("Content-Security-Policy").startsWith("default-src 'none'"));
        assertFalse(r.text().contains("listed"), r.text());
      }
      // A listed and an unlisted host are answered byte for byte alike once limited.
      assertEquals(limited.get(0).headers(), limited.get(1).headers());
      assertEquals(limited.get(0).text(), limited.get(1).text());

      nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
      List<Response> later = probe(port, InetAddress.getByName("127.0.0.1"), 21);
      for (int i = 0; i < 20; i++) {
        assertEquals(i % 2 == 0 ? 451 : 404, later.get(i).status(), "a second later, probe " + i);
      }
      assertEquals(429, later.get(20).status(), "20 a second refill 20 probes");
    }
  }

  @Test
  void probes_fromAnotherAddress_haveTheirOwnBudget() throws Exception {
    try (Blocklist bl = Blocklist.start(dir.resolve("data"), YAML, nanos::get)) {
      int port = bl.server.service().stopPort();

      List<Response> first = probe(port, InetAddress.getByName("127.0.0.1"), DEFAULT_BURST + 1);
      List<Response> second = probe(port, InetAddress.getByName("127.0.0.2"), 1);

      assertEquals(429, first.get(DEFAULT_BURST).status());
      assertEquals(404, second.get(0).status(), "127.0.0.2 has a budget of its own");
    }
  }

  /**
   * {@code count} requests on one keep-alive connection from {@code source}, alternating the listed
   * host and unlisted ones, as a prober walking a list of candidates would.
   */
  private static List<Response> probe(int port, InetAddress source, int count) throws IOException {
    List<Response> answers = new ArrayList<>(count);
    try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port, source, 0);
        RawHttp http = new RawHttp(socket)) {
      for (int i = 0; i < count; i++) {
        String host = i % 2 == 0 ? "listed.example" : "candidate-" + i + ".example";
        http.send(RawHttp.get("/", "Host: " + host));
        answers.add(http.read(false));
      }
    }
    return answers;
  }
}
