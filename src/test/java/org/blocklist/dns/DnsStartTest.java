package org.blocklist.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.blocklist.service.StartException;
import org.blocklist.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A DNS port taken, for TCP or for UDP only, stops the start with a message naming the flag. */
class DnsStartTest {
  @TempDir Path dir;

  private static String yaml(int port) {
    return TestServer.DEFAULT_YAML + "dns: { port: " + port + " }\n";
  }

  @Test
  void aDnsPortTakenForTcp_isNamed_withTheFlagToChangeIt() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      StartException e =
          assertThrows(
              StartException.class, () -> TestServer.start(dir.resolve("data"), yaml(port)));
      assertEquals(
          "cannot listen on 127.0.0.1:"
              + port
              + " for the DNS (TCP): the address is already in use; choose another port with"
              + " --dns-port or dns.port in the configuration",
          e.getMessage());
    }
  }

  @Test
  void aDnsPortTakenForUdpOnly_isNamed_too() throws Exception {
    try (DatagramSocket taken =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      int port = taken.getLocalPort();
      StartException e =
          assertThrows(
              StartException.class, () -> TestServer.start(dir.resolve("data"), yaml(port)));
      assertEquals(
          "cannot listen on 127.0.0.1:"
              + port
              + " for the DNS (UDP): the address is already in use; choose another port with"
              + " --dns-port or dns.port in the configuration",
          e.getMessage());
    }
  }
}
