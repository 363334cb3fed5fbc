package org.blocklist.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** A loopback port free, when asked, for both TCP and UDP: for a program the test starts. */
public final class FreePort {
  private FreePort() {}

  public static int tcpAndUdp() throws IOException {
    for (int attempt = 0; attempt < 20; attempt++) {
      try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        int port = tcp.getLocalPort();
        try (DatagramSocket udp =
            new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
          return port;
        } catch (IOException taken) {
          // UDP has it: try another
        }
      }
    }
    throw new IOException("no loopback port free for both TCP and UDP");
  }
}
