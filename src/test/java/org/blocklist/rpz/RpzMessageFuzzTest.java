package org.blocklist.rpz;

import static org.blocklist.rpz.RpzChannels.LOOPBACK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.TSIG;

/**
 * Fuzzes the DNS message handler, the parser of untrusted input: random bytes and mutations of
 * every kind of query (SOA, AXFR, IXFR, signed), over UDP and TCP. Whatever arrives is dropped or
 * answered with one well-formed message carrying the query's id, QR set, and an RCODE of the table
 * in {@link Failure}; nothing escapes the handler, and no buffer leaks.
 */
class RpzMessageFuzzTest {
  static final Set<Integer> RCODES =
      Set.of(
          Rcode.NOERROR, Rcode.FORMERR, Rcode.REFUSED, Rcode.NOTIMP, Rcode.NOTAUTH, Rcode.SERVFAIL);

  static final String SECRET = Base64.getEncoder().encodeToString(new byte[32]);

  private final RpzServer server =
      new RpzServer(
          Queries.NXDOMAIN,
          new TestZone("a.example", "b.example").block("c.example"),
          new TransferAccess(
              List.of(
                  TransferGrant.loopback(),
                  new TransferGrant(
                      Optional.of("isp-b"),
                      List.of(),
                      Optional.of(TsigKey.of("isp-b.", "hmac-sha256", SECRET)))),
              Clock.systemUTC()),
          (isp, version, kind) -> {},
          RpzLimits.defaults(),
          AddressGate.OPEN,
          Clock.systemUTC());

  private static void checkAnswer(byte[] query, byte[] answer) {
    Message m = RpzChannels.parse(answer);
    assertTrue(m.getHeader().getFlag(Flags.QR));
    assertEquals(((query[0] & 0xff) << 8) | (query[1] & 0xff), m.getHeader().getID());
    assertTrue(RCODES.contains(m.getRcode()), Rcode.string(m.getRcode()));
  }

  private void overUdp(byte[] wire) {
    EmbeddedChannel ch = RpzChannels.udp(server);
    byte[] answer = RpzChannels.udpExchange(ch, LOOPBACK, wire);
    if (answer != null) {
      checkAnswer(wire, answer);
    }
    assertFalse(ch.finish());
  }

  private void overTcp(byte[] wire) {
    EmbeddedChannel ch = RpzChannels.tcp(server, LOOPBACK);
    if (wire.length > 0 && wire.length <= RpzLimits.MAX_QUERY_BYTES) {
      RpzChannels.sendTcp(ch, wire);
      for (byte[] frame : RpzChannels.tcpFrames(ch)) {
        checkAnswer(wire, frame);
      }
    }
    ch.finishAndReleaseAll();
  }

  @Property(tries = 1000)
  void anyBytes_areDroppedOrAnsweredWell(@ForAll @Size(max = 600) byte[] wire) {
    overUdp(wire);
    overTcp(wire);
  }

  @Property(tries = 2000)
  void mutatedQueries_areDroppedOrAnsweredWell(@ForAll("mutatedQueries") byte[] wire) {
    overUdp(wire);
    overTcp(wire);
  }

  @Provide
  Arbitrary<byte[]> mutatedQueries() {
    TSIG key = new TSIG(TSIG.HMAC_SHA256, Name.fromConstantString("isp-b."), SECRET);
    Message signed = Queries.axfr();
    signed.setTSIG(key);
    List<byte[]> seeds =
        List.of(
            Queries.soa().toWire(),
            Queries.axfr().toWire(),
            Queries.ixfr(1).toWire(),
            signed.toWire(Message.MAXLENGTH));
    return Combinators.combine(
            Arbitraries.of(seeds),
            Arbitraries.integers().between(0, 1000).list().ofMinSize(1).ofMaxSize(6),
            Arbitraries.bytes().list().ofSize(6),
            Arbitraries.integers().between(0, 3))
        .as(RpzMessageFuzzTest::mutate);
  }

  /** Overwrites, truncates, or extends {@code seed} at the given positions. */
  private static byte[] mutate(byte[] seed, List<Integer> at, List<Byte> values, int how) {
    byte[] out = seed.clone();
    if (how == 3) {
      return java.util.Arrays.copyOf(out, Math.max(12, at.get(0) % out.length));
    }
    for (int i = 0; i < at.size(); i++) {
      out[at.get(i) % out.length] = values.get(i);
    }
    if (how == 2) {
      byte[] longer = java.util.Arrays.copyOf(out, out.length + values.size());
      for (int i = 0; i < values.size(); i++) {
        longer[out.length + i] = values.get(i);
      }
      return longer;
    }
    return out;
  }
}
