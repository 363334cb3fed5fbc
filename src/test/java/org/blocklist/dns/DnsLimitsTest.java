package org.blocklist.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import org.blocklist.testing.Blocklist;
import org.blocklist.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** The service's UDP rate limit per source address ({@code dns.queriesPerSecondPerAddress}). */
class DnsLimitsTest {
  @TempDir Path dir;

  @Test
  void udpQueries_pastTheBurstOfOneAddress_areDropped_withItsClockStopped() throws Exception {
    String yaml = TestServer.DEFAULT_YAML + "dns: { port: 0, queriesPerSecondPerAddress: 2 }\n";
    try (Blocklist bl = Blocklist.start(dir.resolve("data"), yaml, () -> 0L);
        DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(2000);
      InetSocketAddress server = new InetSocketAddress("127.0.0.1", bl.dnsPort());
      byte[] query =
          Message.newQuery(
                  Record.newRecord(
                      Name.fromConstantString("rpz.blocklist.example."), Type.SOA, DClass.IN))
              .toWire();

      int burst = 2 * DnsServer.BURST_SECONDS;
      for (int i = 0; i < burst; i++) {
        socket.send(new DatagramPacket(query, query.length, server));
        DatagramPacket answer = new DatagramPacket(new byte[512], 512);
        socket.receive(answer);
        assertEquals(0, new Message(answer.getData()).getRcode(), "query " + i);
      }
      socket.send(new DatagramPacket(query, query.length, server));
      assertThrows(
          SocketTimeoutException.class,
          () -> socket.receive(new DatagramPacket(new byte[512], 512)),
          "the query past the burst is dropped");
    }
  }
}
