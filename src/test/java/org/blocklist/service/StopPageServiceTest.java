package org.blocklist.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.blocklist.testing.Blocklist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stop page of the running service follows the latest version, as resolvers do. */
class StopPageServiceTest {
  @TempDir Path dir;

  @Test
  void aListedHost_andItsSubdomains_get451_untilUnblocked() throws Exception {
    try (Blocklist bl = Blocklist.start(dir.resolve("data"))) {
      int port = bl.server.service().stopPort();
      assertTrue(get(port, "blocked.example").startsWith("HTTP/1.1 404"), "nothing listed yet");
      bl.publish("block", "blocked.example", "faß.de");
      String page = get(port, "blocked.example");
      assertTrue(page.startsWith("HTTP/1.1 451"), page);
      assertFalse(page.contains("blocked.example\r\n\r\n") || page.contains(">blocked.example<"));
      assertTrue(get(port, "WWW.Blocked.Example.:8081").startsWith("HTTP/1.1 451"));
      assertTrue(get(port, "xn--fa-hia.de").startsWith("HTTP/1.1 451"));
      assertTrue(get(port, "notblocked.example").startsWith("HTTP/1.1 404"));
      bl.publish("unblock", "blocked.example");
      assertTrue(get(port, "blocked.example").startsWith("HTTP/1.1 404"), "unblocked at once");
    }
  }

  private static String get(int port, String host) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      String request = "GET /some/path HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
      s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
