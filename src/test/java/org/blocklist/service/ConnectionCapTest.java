package org.blocklist.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.blocklist.testing.Blocklist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, point 3: one address cannot exhaust the listener. Idle connections from 127.0.0.1 up to
 * {@code limits.connectionsPerAddress} are held, the next one from it is closed at once, and
 * 127.0.0.2 (another loopback address) is still served.
 */
class ConnectionCapTest {
  private static final int PER_ADDRESS = 20;

  @TempDir Path dir;

  @Test
  void oneAddressOverItsCap_isClosed_whileAnotherAddressIsServed() throws Exception {
    String yaml =
        "http: { port: 0 }\nstopPage: { port: 0 }\ndns: { port: 0 }\nlimits:\n  connectionsPerAddress: "
            + PER_ADDRESS
            + "\n";
    try (Blocklist bl = Blocklist.start(dir.resolve("data"), yaml)) {
      int port = bl.server.uri("/").getPort();
      List<Socket> flood = new ArrayList<>();
      try {
        for (int i = 0; i < PER_ADDRESS; i++) {
          flood.add(connect("127.0.0.1", port));
        }
        // Each held connection is answered when it asks: the cap has not cut it.
        Socket last = flood.get(PER_ADDRESS - 1);
        assertTrue(healthz(last).startsWith("HTTP/1.1 200"));
        try (Socket over = connect("127.0.0.1", port)) {
          over.setSoTimeout(10_000);
          assertEquals(-1, over.getInputStream().read(), "one more from 127.0.0.1 is closed");
        }
        try (Socket other = connect("127.0.0.2", port)) {
          assertTrue(healthz(other).startsWith("HTTP/1.1 200"), "127.0.0.2 is still served");
        }
      } finally {
        for (Socket s : flood) {
          s.close();
        }
      }
    }
  }

  private static Socket connect(String from, int port) throws IOException {
    Socket s = new Socket();
    s.bind(new InetSocketAddress(from, 0));
    s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
    return s;
  }

  private static String healthz(Socket s) throws IOException {
    s.setSoTimeout(10_000);
    s.getOutputStream()
        .write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    InputStream in = s.getInputStream();
    byte[] buffer = new byte[512];
    try {
      int n = in.read(buffer);
      return n < 0 ? "" : new String(buffer, 0, n, StandardCharsets.US_ASCII);
    } catch (SocketTimeoutException e) {
      return "";
    }
  }
}
