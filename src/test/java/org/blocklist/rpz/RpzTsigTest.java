package org.blocklist.rpz;

import static org.blocklist.rpz.RpzChannels.ELSEWHERE;
import static org.blocklist.rpz.RpzChannels.LOOPBACK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;

/**
 * TSIG (RFC 8945) on the RPZ server: signed queries verified, every message of a transfer signed
 * and chained (checked with dnsjava's {@code StreamVerifier}), BADKEY, BADSIG and BADTIME answered
 * as section 5.2 says, and a failing signature refused whatever the source address.
 */
class RpzTsigTest {
  static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final String SECRET = Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'k');
  static final String OTHER_SECRET = Base64.getEncoder().encodeToString(new byte[32]);
  static final TsigKey KEY = TsigKey.of("isp-b.", "hmac-sha256", SECRET);

  private final List<String> served = new ArrayList<>();

  /** isp-b by key from anywhere; isp-c by key from 192.0.2.0/24 only; isp-a by address. */
  private final RpzServer server =
      new RpzServer(
          Queries.NXDOMAIN,
          new TestZone("a.example", "b.example"),
          new TransferAccess(
              List.of(
                  new TransferGrant(Optional.of("isp-b"), List.of(), Optional.of(KEY)),
                  new TransferGrant(
                      Optional.of("isp-c"),
                      List.of(AddressRange.parse("192.0.2.0/24")),
                      Optional.of(TsigKey.of("isp-c.", "hmac-sha256", SECRET))),
                  new TransferGrant(
                      Optional.of("isp-a"),
                      List.of(AddressRange.parse("127.0.0.1")),
                      Optional.empty())),
              CLOCK),
          (isp, version, kind) -> served.add(isp.orElse("-")),
          RpzLimits.defaults(),
          AddressGate.OPEN,
          CLOCK);

  /** A client's signer for {@code name} with {@code secret}, its clock at {@code at}. */
  private static TSIG client(String name, String secret, Instant at) {
    byte[] key = Base64.getDecoder().decode(secret);
    return new TSIG(
        TSIG.HMAC_SHA256,
        Name.fromConstantString(name),
        new SecretKeySpec(key, "HmacSHA256"),
        Clock.fixed(at, ZoneOffset.UTC));
  }

  /** The wire form of {@code query} signed by {@code key}. */
  private static byte[] signed(Message query, TSIG key) {
    query.setTSIG(key);
    return query.toWire(Message.MAXLENGTH);
  }

  private List<byte[]> exchange(InetSocketAddress from, byte[] wire) {
    EmbeddedChannel ch = RpzChannels.tcp(server, from);
    RpzChannels.sendTcp(ch, wire);
    List<byte[]> frames = RpzChannels.tcpFrames(ch);
    assertFalse(ch.finish());
    return frames;
  }

  @Test
  void axfr_signedWithAGrantedKey_isSignedInEveryMessage_andVerifiesAsAStream() throws Exception {
    RpzServer big =
        new RpzServer(
            Queries.NXDOMAIN,
            new TestZone(
                IntStream.range(0, 5_000)
                    .mapToObj(i -> "n" + i + ".example")
                    .toArray(String[]::new)),
            new TransferAccess(
                List.of(new TransferGrant(Optional.of("isp-b"), List.of(), Optional.of(KEY))),
                CLOCK),
            (isp, version, kind) -> served.add(isp.orElse("-")),
            RpzLimits.defaults(),
            AddressGate.OPEN,
            CLOCK);
    TSIG key = client("isp-b.", SECRET, NOW);
    byte[] query = signed(Queries.axfr(), key);
    EmbeddedChannel ch = RpzChannels.tcp(big, ELSEWHERE);
    RpzChannels.sendTcp(ch, query);
    List<byte[]> frames = RpzChannels.tcpFrames(ch);
    assertFalse(ch.finish());

    assertTrue(frames.size() > 1, "several messages");
    TSIG.StreamVerifier verifier = new TSIG.StreamVerifier(key, RpzChannels.parse(query).getTSIG());
    int records = 0;
    for (int i = 0; i < frames.size(); i++) {
      Message m = RpzChannels.parse(frames.get(i));
      assertNotNull(m.getTSIG(), "message " + i + " is signed");
      assertEquals(Rcode.NOERROR, verifier.verify(m, frames.get(i), i == frames.size() - 1));
      assertTrue(m.isVerified(), "message " + i);
      records += m.getHeader().getCount(Section.ANSWER);
    }
    assertEquals(2 * 5_000 + 3, records);
    assertEquals(List.of("isp-b"), served);
  }

  @Test
  void soa_signed_isAnsweredSigned() throws Exception {
    TSIG key = client("isp-b.", SECRET, NOW);
    byte[] query = signed(Queries.soa(), key);

    byte[] answer = exchange(ELSEWHERE, query).get(0);

    Message m = RpzChannels.parse(answer);
    assertEquals(Rcode.NOERROR, m.getRcode());
    assertEquals(Rcode.NOERROR, key.verify(m, answer, RpzChannels.parse(query).getTSIG()));
  }

  @Test
  void anUnknownKey_isBadkey_unsigned_evenFromAnAllowedAddress() {
    Message m =
        RpzChannels.parse(
            exchange(LOOPBACK, signed(Queries.axfr(), client("nobody.", SECRET, NOW))).get(0));

    assertEquals(Rcode.NOTAUTH, m.getRcode());
    TSIGRecord tsig = m.getTSIG();
    assertEquals(Rcode.BADKEY, tsig.getError());
    assertEquals(0, tsig.getSignature().length);
    assertEquals(0, m.getHeader().getCount(Section.ANSWER));
    assertEquals(List.of(), served);
  }

  @Test
  void aWrongSecret_isBadsig_unsigned_evenFromAnAllowedAddress() {
    Message m =
        RpzChannels.parse(
            exchange(LOOPBACK, signed(Queries.axfr(), client("isp-b.", OTHER_SECRET, NOW))).get(0));

    assertEquals(Rcode.NOTAUTH, m.getRcode());
    assertEquals(Rcode.BADSIG, m.getTSIG().getError());
    assertEquals(0, m.getTSIG().getSignature().length);
    assertEquals(List.of(), served);
  }

  /** Regression: BIND refused our BADSIG answer to its EDNS query, "TSIG in wrong location". */
  @Test
  void aWrongSecret_onAnEdnsQuery_isAnsweredWithTheTsigRecordLast() {
    Message query = Queries.soa();
    query.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);

    Message m =
        RpzChannels.parse(
            exchange(LOOPBACK, signed(query, client("isp-b.", OTHER_SECRET, NOW))).get(0));

    List<Record> additional = m.getSection(Section.ADDITIONAL);
    assertEquals(2, additional.size());
    assertInstanceOf(OPTRecord.class, additional.get(0));
    assertEquals(Rcode.BADSIG, ((TSIGRecord) additional.get(1)).getError());
  }

  @Test
  void aTimeOutsideTheFudge_isBadtime_signed_withTheServersTime() throws Exception {
    TSIG late = client("isp-b.", SECRET, NOW.minus(Duration.ofHours(1)));
    byte[] query = signed(Queries.axfr(), late);

    byte[] answer = exchange(ELSEWHERE, query).get(0);

    Message m = RpzChannels.parse(answer);
    assertEquals(Rcode.NOTAUTH, m.getRcode());
    TSIGRecord tsig = m.getTSIG();
    assertEquals(Rcode.BADTIME, tsig.getError());
    assertEquals(32, tsig.getSignature().length, "BADTIME is signed");
    long serverTime = 0;
    for (byte b : tsig.getOther()) {
      serverTime = serverTime << 8 | (b & 0xff);
    }
    assertEquals(NOW.getEpochSecond(), serverTime);
    assertEquals(List.of(), served);
  }

  @Test
  void aKeyGrantedForSomeAddresses_fromAnother_isRefused_andTheRefusalIsSigned() throws Exception {
    TSIG key = client("isp-c.", SECRET, NOW);
    byte[] query = signed(Queries.axfr(), key);

    byte[] answer = exchange(LOOPBACK, query).get(0);

    Message m = RpzChannels.parse(answer);
    assertEquals(Rcode.REFUSED, m.getRcode());
    assertEquals(Rcode.NOERROR, key.verify(m, answer, RpzChannels.parse(query).getTSIG()));
  }

  @Test
  void aKeyGrantedForSomeAddresses_fromOneOfThem_transfersAsItsIsp() {
    exchange(ELSEWHERE, signed(Queries.axfr(), client("isp-c.", SECRET, NOW)));

    assertEquals(List.of("isp-c"), served);
  }

  @Test
  void aSignedQuery_fromAnAddressOfAnotherGrant_isTheKeysIsp() {
    exchange(LOOPBACK, signed(Queries.ixfr(0), client("isp-b.", SECRET, NOW)));

    assertEquals(List.of("isp-b"), served);
  }
}
