package org.blocklist.rpz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.channel.embedded.EmbeddedChannel;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/**
 * What one client may cost: transfers at once per address (on real sockets, a client that stops
 * reading keeps its transfer open), queries over UDP past the gate, frames over the limit.
 */
class RpzLimitsTest {
  private static RpzServer server(TestZone zone, RpzLimits limits, AddressGate gate) {
    return new RpzServer(
        Queries.NXDOMAIN,
        zone,
        new TransferAccess(List.of(TransferGrant.loopback()), Clock.systemUTC()),
        (isp, version, kind) -> {},
        limits,
        gate,
        Clock.systemUTC());
  }

  private static void send(Socket s, Message query) throws IOException {
    byte[] wire = query.toWire();
    DataOutputStream out = new DataOutputStream(s.getOutputStream());
    out.writeShort(wire.length);
    out.write(wire);
    out.flush();
  }

  private static Message read(Socket s) throws IOException {
    DataInputStream in = new DataInputStream(s.getInputStream());
    byte[] wire = new byte[in.readUnsignedShort()];
    in.readFully(wire);
    return new Message(wire);
  }

  @Test
  void aSecondTransferToTheSameAddress_isRefused_whileTheFirstStreams_andServedOnceItEnds()
      throws Exception {
    String[] names =
        IntStream.range(0, 200_000).mapToObj(i -> "name-" + i + ".example").toArray(String[]::new);
    RpzServer server =
        server(new TestZone(names), new RpzLimits(4096, 30, 1, 64, 100), AddressGate.OPEN);
    try (RpzSockets sockets = new RpzSockets(server)) {
      try (Socket stalled = new Socket("127.0.0.1", sockets.port())) {
        stalled.setReceiveBufferSize(4096);
        send(stalled, Queries.axfr());
        assertEquals(Rcode.NOERROR, read(stalled).getRcode(), "the first transfer started");

        try (Socket second = new Socket("127.0.0.1", sockets.port())) {
          send(second, Queries.axfr());
          assertEquals(Rcode.REFUSED, read(second).getRcode());
          send(second, Queries.soa());
          assertEquals(Rcode.NOERROR, read(second).getRcode(), "the SOA is still answered");
        }
      }
      try (Socket third = new Socket("127.0.0.1", sockets.port())) {
        send(third, Queries.axfr());
        int records = -1;
        for (int attempt = 0; records < 0; attempt++) {
          Message first = read(third);
          if (first.getRcode() == Rcode.NOERROR) {
            records = first.getHeader().getCount(Section.ANSWER) + readRest(third);
          } else if (attempt < 100) {
            // the stalled connection's close may not have reached the server yet
            send(third, Queries.axfr());
          } else {
            throw new AssertionError("the slot never came back");
          }
        }
        assertEquals(2 * names.length + 3, records);
      }
    }
  }

  private static int readRest(Socket s) throws IOException {
    int records = 0;
    while (true) {
      Message m = read(s);
      records += m.getHeader().getCount(Section.ANSWER);
      var answer = m.getSection(Section.ANSWER);
      if (answer.get(answer.size() - 1).getType() == org.xbill.DNS.Type.SOA) {
        return records;
      }
    }
  }

  @Test
  void aFrameOverTheLimit_closesTheConnection() throws Exception {
    try (RpzSockets sockets =
            new RpzSockets(server(new TestZone(), RpzLimits.defaults(), AddressGate.OPEN));
        Socket s = new Socket("127.0.0.1", sockets.port())) {
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      out.writeShort(RpzLimits.MAX_QUERY_BYTES + 1);
      out.write(new byte[RpzLimits.MAX_QUERY_BYTES + 1]);
      out.flush();

      assertEquals(-1, s.getInputStream().read(), "closed, nothing answered");
    } catch (EOFException | java.net.SocketException closed) {
      // closed while we wrote: the same
    }
  }

  @Test
  void udpQueriesPastTheGate_areDropped_unanswered() {
    AtomicInteger admitted = new AtomicInteger();
    EmbeddedChannel udp =
        RpzChannels.udp(
            server(
                new TestZone(), RpzLimits.defaults(), remote -> admitted.incrementAndGet() <= 2));

    byte[] soa = Queries.soa().toWire();
    RpzChannels.udpExchange(udp, RpzChannels.LOOPBACK, soa);
    RpzChannels.udpExchange(udp, RpzChannels.LOOPBACK, soa);

    assertNull(RpzChannels.udpExchange(udp, RpzChannels.LOOPBACK, soa));
    assertFalse(udp.finish());
  }
}
