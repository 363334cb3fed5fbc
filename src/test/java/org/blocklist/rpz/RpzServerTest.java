package org.blocklist.rpz;

import static org.blocklist.rpz.Queries.ZONE;
import static org.blocklist.rpz.RpzChannels.ELSEWHERE;
import static org.blocklist.rpz.RpzChannels.LOOPBACK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * What the RPZ server answers, on embedded channels: SOA to anyone, AXFR and IXFR to granted
 * clients, record by record, and REFUSED, FORMERR or NOTIMP for the rest (RFC 1995, RFC 5936).
 */
class RpzServerTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

  record Served(Optional<String> isp, long version, TransferKind kind) {}

  private final List<Served> served = new ArrayList<>();

  private RpzServer server(TestZone zone, RpzLimits limits, TransferGrant... grants) {
    return new RpzServer(
        Queries.NXDOMAIN,
        zone,
        new TransferAccess(
            grants.length == 0 ? List.of(TransferGrant.loopback()) : List.of(grants), CLOCK),
        (isp, version, kind) -> served.add(new Served(isp, version, kind)),
        limits,
        AddressGate.OPEN,
        CLOCK);
  }

  private RpzServer server(TestZone zone) {
    return server(zone, RpzLimits.defaults());
  }

  private static List<Message> tcp(RpzServer server, Message query) {
    EmbeddedChannel ch = RpzChannels.tcp(server, LOOPBACK);
    RpzChannels.sendTcp(ch, query.toWire());
    List<Message> answers = RpzChannels.tcpAnswers(ch);
    assertFalse(ch.finish());
    return answers;
  }

  private static List<Record> records(List<Message> messages) {
    List<Record> out = new ArrayList<>();
    for (Message m : messages) {
      assertEquals(Rcode.NOERROR, m.getRcode(), m.toString());
      assertTrue(m.getHeader().getFlag(Flags.QR) && m.getHeader().getFlag(Flags.AA));
      out.addAll(m.getSection(Section.ANSWER));
    }
    return out;
  }

  private static String text(List<Record> records) {
    StringBuilder b = new StringBuilder();
    for (Record r : records) {
      b.append(r.getName()).append(' ').append(Type.string(r.getType())).append(' ');
      if (r instanceof SOARecord soa) {
        b.append(soa.getSerial());
      } else {
        b.append(r.rdataToString());
      }
      b.append('\n');
    }
    return b.toString();
  }

  @Test
  void soa_overUdp_isAnsweredToAnyone_withTheVersionAsSerial() {
    RpzServer server = server(new TestZone("a.example").block("b.example"));
    EmbeddedChannel udp = RpzChannels.udp(server);

    Message m = RpzChannels.parse(RpzChannels.udpExchange(udp, ELSEWHERE, Queries.soa().toWire()));

    assertEquals(Rcode.NOERROR, m.getRcode());
    assertEquals(4242, m.getHeader().getID());
    assertTrue(m.getHeader().getFlag(Flags.AA));
    SOARecord soa = (SOARecord) m.getSection(Section.ANSWER).get(0);
    assertEquals(2, soa.getSerial());
    assertEquals(ZONE, soa.getName());
    assertEquals(Name.fromConstantString("localhost."), soa.getHost());
    assertEquals(RpzZone.REFRESH, soa.getRefresh());
    assertEquals(RpzZone.EXPIRE, soa.getExpire());
    assertEquals(RpzZone.MINIMUM, soa.getMinimum());
    assertFalse(udp.finish());
  }

  @Test
  void soa_overTcp_isAnsweredToo() {
    List<Message> answers = tcp(server(new TestZone("a.example")), Queries.soa());

    assertEquals(1, answers.size());
    assertEquals(1, ((SOARecord) answers.get(0).getSection(Section.ANSWER).get(0)).getSerial());
  }

  @Test
  void axfr_streamsSoaNsTheTwoTriggersOfEachEntryAndSoa() {
    List<Message> answers = tcp(server(new TestZone("a.example", "b.example")), Queries.axfr());

    assertEquals(
        """
        rpz.blocklist.example. SOA 1
        rpz.blocklist.example. NS localhost.
        a.example.rpz.blocklist.example. CNAME .
        *.a.example.rpz.blocklist.example. CNAME .
        b.example.rpz.blocklist.example. CNAME .
        *.b.example.rpz.blocklist.example. CNAME .
        rpz.blocklist.example. SOA 1
        """,
        text(records(answers)));
    for (Record r : records(answers)) {
      assertEquals(RpzZone.TTL, r.getTTL());
      assertEquals(DClass.IN, r.getDClass());
    }
    assertEquals(List.of(new Served(Optional.empty(), 1, TransferKind.AXFR)), served);
  }

  @Test
  void axfr_ofTheEmptyVersion0_isSoaNsSoa() {
    assertEquals(
        """
        rpz.blocklist.example. SOA 0
        rpz.blocklist.example. NS localhost.
        rpz.blocklist.example. SOA 0
        """,
        text(records(tcp(server(new TestZone()), Queries.axfr()))));
  }

  @Test
  void axfr_ofTwentyThousandEntries_packsManyRecordsInEachMessageOf64KiBAtMost() {
    String[] names =
        IntStream.range(0, 20_000)
            .mapToObj(i -> String.format(java.util.Locale.ROOT, "name-%05d.example", i))
            .toArray(String[]::new);
    EmbeddedChannel ch = RpzChannels.tcp(server(new TestZone(names)), LOOPBACK);
    RpzChannels.sendTcp(ch, Queries.axfr().toWire());
    List<byte[]> frames = RpzChannels.tcpFrames(ch);
    assertFalse(ch.finish());

    List<Message> messages = frames.stream().map(RpzChannels::parse).toList();
    List<Record> all = records(messages);
    assertEquals(2 * names.length + 3, all.size());
    assertInstanceOf(SOARecord.class, all.get(0));
    assertInstanceOf(NSRecord.class, all.get(1));
    assertInstanceOf(SOARecord.class, all.get(all.size() - 1));
    assertTrue(messages.size() > 1 && messages.size() < 40, messages.size() + " messages");
    for (int i = 0; i < frames.size(); i++) {
      assertTrue(frames.get(i).length <= 65_535);
      assertEquals(i == 0 ? 1 : 0, messages.get(i).getHeader().getCount(Section.QUESTION));
      assertEquals(4242, messages.get(i).getHeader().getID());
      if (i < frames.size() - 1) {
        assertTrue(frames.get(i).length > 30_000, "message " + i + ": " + frames.get(i).length);
      }
    }
    CNAMERecord last = (CNAMERecord) all.get(all.size() - 2);
    assertEquals("*.name-19999.example.rpz.blocklist.example.", last.getName().toString());
  }

  @Test
  void axfr_fromAnAddressNoGrantAdmits_isRefused() {
    EmbeddedChannel ch = RpzChannels.tcp(server(new TestZone("a.example")), ELSEWHERE);
    RpzChannels.sendTcp(ch, Queries.axfr().toWire());

    List<Message> answers = RpzChannels.tcpAnswers(ch);

    assertEquals(1, answers.size());
    assertEquals(Rcode.REFUSED, answers.get(0).getRcode());
    assertEquals(0, answers.get(0).getHeader().getCount(Section.ANSWER));
    assertEquals(List.of(), served);
    assertFalse(ch.finish());
  }

  @Test
  void axfr_overUdp_isFormerr() {
    EmbeddedChannel udp = RpzChannels.udp(server(new TestZone("a.example")));

    Message m = RpzChannels.parse(RpzChannels.udpExchange(udp, LOOPBACK, Queries.axfr().toWire()));

    assertEquals(Rcode.FORMERR, m.getRcode());
    assertFalse(udp.finish());
  }

  @Test
  void axfr_forAGrantWithAnIsp_isReportedAsServedToIt() {
    TransferGrant grant =
        new TransferGrant(
            Optional.of("isp-a"), List.of(AddressRange.parse("127.0.0.1")), Optional.empty());
    tcp(server(new TestZone("a.example"), RpzLimits.defaults(), grant), Queries.axfr());

    assertEquals(List.of(new Served(Optional.of("isp-a"), 1, TransferKind.AXFR)), served);
  }

  /** Versions: 1 blocks a, b; 2 blocks c; 3 unblocks a; 4 blocks d. */
  private static TestZone fourVersions() {
    return new TestZone("a.example", "b.example")
        .block("c.example")
        .unblock("a.example")
        .block("d.example");
  }

  @Test
  void ixfr_fromAnEarlierSerial_sendsOneCondensedDifferenceSequence() {
    List<Message> answers = tcp(server(fourVersions()), Queries.ixfr(1));

    assertEquals(
        """
        rpz.blocklist.example. SOA 4
        rpz.blocklist.example. SOA 1
        a.example.rpz.blocklist.example. CNAME .
        *.a.example.rpz.blocklist.example. CNAME .
        rpz.blocklist.example. SOA 4
        c.example.rpz.blocklist.example. CNAME .
        *.c.example.rpz.blocklist.example. CNAME .
        d.example.rpz.blocklist.example. CNAME .
        *.d.example.rpz.blocklist.example. CNAME .
        rpz.blocklist.example. SOA 4
        """,
        text(records(answers)));
    assertEquals(Type.IXFR, answers.get(0).getQuestion().getType());
    assertEquals(List.of(new Served(Optional.empty(), 4, TransferKind.IXFR)), served);
  }

  @Test
  void ixfr_fromTheCurrentSerial_answersTheSoaAlone() {
    List<Message> answers = tcp(server(fourVersions()), Queries.ixfr(4));

    assertEquals("rpz.blocklist.example. SOA 4\n", text(records(answers)));
    assertEquals(List.of(new Served(Optional.empty(), 4, TransferKind.CURRENT)), served);
  }

  @Test
  void ixfr_fromANewerSerial_answersTheSoaAlone_andServesNothing() {
    assertEquals(
        "rpz.blocklist.example. SOA 4\n",
        text(records(tcp(server(fourVersions()), Queries.ixfr(9)))));
    assertEquals(List.of(), served);
  }

  @Test
  void ixfr_fromASerialBeforeVersion0_sendsTheWholeZone() {
    List<Record> records = records(tcp(server(fourVersions()), Queries.ixfr(0xFFFF_FFF0L)));

    assertEquals(2 * 3 + 3, records.size());
    assertEquals(List.of(new Served(Optional.empty(), 4, TransferKind.AXFR)), served);
  }

  @Test
  void ixfr_whenMoreNamesChangedThanTheLimit_sendsTheWholeZone() {
    RpzLimits oneName = new RpzLimits(4096, 30, 4, 64, 1);
    List<Record> records = records(tcp(server(fourVersions(), oneName), Queries.ixfr(1)));

    assertEquals(
        "rpz.blocklist.example. SOA 4\nrpz.blocklist.example. NS localhost.\n",
        text(records.subList(0, 2)));
    assertEquals(2 * 3 + 3, records.size());
  }

  @Test
  void ixfr_overUdp_answersTheSoaAlone_soTheClientAsksAgainOverTcp() {
    EmbeddedChannel udp = RpzChannels.udp(server(fourVersions()));

    Message m = RpzChannels.parse(RpzChannels.udpExchange(udp, LOOPBACK, Queries.ixfr(1).toWire()));

    assertEquals("rpz.blocklist.example. SOA 4\n", text(records(List.of(m))));
    assertEquals(List.of(), served);
    assertFalse(udp.finish());
  }

  @Test
  void ixfr_withoutTheZonesSoaInItsAuthority_isFormerr() {
    Message m = Queries.query(ZONE, Type.IXFR);

    assertEquals(Rcode.FORMERR, tcp(server(fourVersions()), m).get(0).getRcode());
  }

  @Test
  void ixfr_fromAnAddressNoGrantAdmits_isRefused_overUdpToo() {
    EmbeddedChannel udp = RpzChannels.udp(server(fourVersions()));

    Message m =
        RpzChannels.parse(RpzChannels.udpExchange(udp, ELSEWHERE, Queries.ixfr(1).toWire()));

    assertEquals(Rcode.REFUSED, m.getRcode());
    assertFalse(udp.finish());
  }

  @Test
  void queries_forAnEntryBelowTheZone_areRefused_soTheServerIsNoOracle() {
    Name entry = Name.fromConstantString("a.example.rpz.blocklist.example.");

    assertEquals(
        Rcode.REFUSED,
        tcp(server(fourVersions()), Queries.query(entry, Type.CNAME)).get(0).getRcode());
    assertEquals(
        Rcode.REFUSED,
        tcp(server(fourVersions()), Queries.query(entry, Type.AXFR)).get(0).getRcode());
  }

  @Test
  void queries_ofOtherTypesClassesAndOpcodes_areRefusedOrNotImplemented() {
    RpzServer server = server(fourVersions());
    Message ns = Queries.query(ZONE, Type.NS);
    Message chaos = Message.newQuery(Record.newRecord(ZONE, Type.SOA, DClass.CH));
    Message notify = Queries.soa();
    notify.getHeader().setOpcode(Opcode.NOTIFY);
    Message status = Queries.soa();
    status.getHeader().setOpcode(Opcode.STATUS);

    assertEquals(Rcode.REFUSED, tcp(server, ns).get(0).getRcode());
    assertEquals(Rcode.REFUSED, tcp(server, chaos).get(0).getRcode());
    assertEquals(Rcode.REFUSED, tcp(server, notify).get(0).getRcode());
    assertEquals(Rcode.NOTIMP, tcp(server, status).get(0).getRcode());
  }

  @Test
  void aResponse_isNeverAnswered() {
    Message response = Queries.soa();
    response.getHeader().setFlag(Flags.QR);
    EmbeddedChannel udp = RpzChannels.udp(server(fourVersions()));

    assertNull(RpzChannels.udpExchange(udp, LOOPBACK, response.toWire()));
    assertFalse(udp.finish());
  }

  @Test
  void transfers_oneAfterAnother_eachGetTheirSlotBack() {
    RpzServer server = server(fourVersions(), new RpzLimits(4096, 30, 1, 1, 100));

    tcp(server, Queries.axfr());
    tcp(server, Queries.axfr());

    assertEquals(2, served.size());
  }
}
