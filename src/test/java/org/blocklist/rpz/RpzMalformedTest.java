package org.blocklist.rpz;

import static org.blocklist.rpz.RpzChannels.LOOPBACK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Hostile and broken DNS input, byte by byte: each is answered FORMERR (or REFUSED when it is a
 * well-formed query the server will not answer) or dropped, never a crash, and every buffer is
 * released ({@code finish()} and the paranoid leak detector).
 */
class RpzMalformedTest {
  private final RpzServer server =
      new RpzServer(
          Queries.NXDOMAIN,
          new TestZone("a.example"),
          new TransferAccess(List.of(TransferGrant.loopback()), Clock.systemUTC()),
          (isp, version, kind) -> {},
          RpzLimits.defaults(),
          AddressGate.OPEN,
          Clock.systemUTC());

  /** A header: id 0x1234, RD, and the four counts. */
  private static ByteArrayOutputStream header(int qd, int an, int ns, int ar) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int[] words = {0x1234, 0x0100, qd, an, ns, ar};
    for (int w : words) {
      b.write(w >> 8);
      b.write(w);
    }
    return b;
  }

  private static byte[] bytes(ByteArrayOutputStream header, int... body) {
    for (int x : body) {
      header.write(x);
    }
    return header.toByteArray();
  }

  /** The answer over UDP (null for none) after checking the channel is left clean. */
  private byte[] udp(byte[] wire) {
    EmbeddedChannel ch = RpzChannels.udp(server);
    byte[] answer = RpzChannels.udpExchange(ch, LOOPBACK, wire);
    assertFalse(ch.finish());
    return answer;
  }

  private int rcodeOverUdp(byte[] wire) {
    byte[] answer = udp(wire);
    Message m = RpzChannels.parse(answer);
    assertEquals(0x1234, m.getHeader().getID());
    return m.getRcode();
  }

  @Test
  void aCompressionLoop_isFormerr() {
    // the question's name is a pointer to itself, at offset 12
    assertEquals(Rcode.FORMERR, rcodeOverUdp(bytes(header(1, 0, 0, 0), 0xC0, 12, 0, 6, 0, 1)));
  }

  @Test
  void aForwardPointer_isFormerr() {
    assertEquals(
        Rcode.FORMERR, rcodeOverUdp(bytes(header(1, 0, 0, 0), 0xC0, 20, 0, 6, 0, 1, 0, 0, 0, 0)));
  }

  @Test
  void aTwoPointerCycle_isFormerr() {
    // label "a" then a pointer back to 12: a name that never ends, were pointers allowed backwards
    // onto themselves
    assertEquals(
        Rcode.FORMERR, rcodeOverUdp(bytes(header(1, 0, 0, 0), 1, 'a', 0xC0, 12, 0, 6, 0, 1)));
  }

  @Test
  void aLabelOfAnUnknownType_isFormerr() {
    assertEquals(Rcode.FORMERR, rcodeOverUdp(bytes(header(1, 0, 0, 0), 0x41, 'a', 0, 0, 6, 0, 1)));
  }

  @Test
  void aQuestionCutShort_isFormerr() {
    assertEquals(Rcode.FORMERR, rcodeOverUdp(bytes(header(1, 0, 0, 0), 3, 'r', 'p')));
  }

  @Test
  void hugeCounts_areFormerr_beforeAnythingIsParsed() {
    assertEquals(Rcode.FORMERR, rcodeOverUdp(bytes(header(0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF))));
    assertEquals(Rcode.FORMERR, rcodeOverUdp(bytes(header(1, 0, 0, 3))));
    assertEquals(Rcode.FORMERR, rcodeOverUdp(bytes(header(2, 0, 0, 0))));
  }

  /** Regression (found by RpzMessageFuzzTest): dnsjava half-parses a message with TC set. */
  @Test
  void aQuerySayingItWasTruncated_isFormerr() {
    ByteArrayOutputStream h = header(1, 0, 0, 1);
    byte[] wire = bytes(h, 0, 0, 6, 0, 1);
    wire[2] |= 0x02;
    assertEquals(Rcode.FORMERR, rcodeOverUdp(wire));
  }

  @Test
  void noQuestion_isFormerr() {
    assertEquals(Rcode.FORMERR, rcodeOverUdp(bytes(header(0, 0, 0, 0))));
  }

  @Test
  void lessThanAHeader_isDropped() {
    assertNull(udp(new byte[] {0x12, 0x34, 0x01}));
    assertNull(udp(new byte[0]));
  }

  @Test
  void aWrongClass_isRefused_andAnIxfrWhoseSoaIsOfAnotherClass_isFormerr() {
    Message chaos = Message.newQuery(Record.newRecord(Queries.ZONE, Type.SOA, DClass.CH));
    chaos.getHeader().setID(0x1234);
    assertEquals(Rcode.REFUSED, rcodeOverUdp(chaos.toWire()));

    Message ixfr = Queries.query(Queries.ZONE, Type.IXFR);
    ixfr.getHeader().setID(0x1234);
    ixfr.addRecord(
        new SOARecord(Queries.ZONE, DClass.CH, 0, Name.root, Name.root, 1, 0, 0, 0, 0),
        Section.AUTHORITY);
    EmbeddedChannel ch = RpzChannels.tcp(server, LOOPBACK);
    RpzChannels.sendTcp(ch, ixfr.toWire());
    assertEquals(Rcode.FORMERR, RpzChannels.tcpAnswers(ch).get(0).getRcode());
    assertFalse(ch.finish());
  }

  @Test
  void aTsigRecordNotLast_isFormerr() {
    Message q = Queries.soa();
    q.getHeader().setID(0x1234);
    q.addRecord(
        Record.newRecord(Name.fromConstantString("key."), Type.TSIG, DClass.ANY),
        Section.ADDITIONAL);
    q.addRecord(Record.newRecord(Name.root, Type.OPT, 1232), Section.ADDITIONAL);
    assertEquals(Rcode.FORMERR, rcodeOverUdp(q.toWire()));
  }

  @Test
  void tcp_aFrameLongerThanTheLimit_closesTheConnection_unanswered() {
    EmbeddedChannel ch = RpzChannels.tcp(server, LOOPBACK);
    ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x20, 0x00, 1, 2, 3}));

    assertFalse(ch.isOpen());
    assertNull(ch.readOutbound());
    assertFalse(ch.finish());
  }

  @Test
  void tcp_aFrameCutShortByTheClose_isNeverAnswered() {
    EmbeddedChannel ch = RpzChannels.tcp(server, LOOPBACK);
    byte[] soa = Queries.soa().toWire();
    ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, (byte) soa.length}));
    ch.writeInbound(Unpooled.wrappedBuffer(soa, 0, soa.length - 3));

    assertNull(ch.readOutbound());
    assertFalse(ch.finish());
  }

  @Test
  void tcp_anEmptyFrame_orLessThanAHeader_closesTheConnection() {
    EmbeddedChannel ch = RpzChannels.tcp(server, LOOPBACK);
    RpzChannels.sendTcp(ch, new byte[0]);

    assertFalse(ch.isOpen());
    assertFalse(ch.finish());
  }

  @Test
  void tcp_queriesOnOneConnection_areAnsweredInOrder_andAMalformedOneDoesNotEndIt() {
    EmbeddedChannel ch = RpzChannels.tcp(server, LOOPBACK);
    RpzChannels.sendTcp(ch, Queries.soa().toWire());
    RpzChannels.sendTcp(ch, bytes(header(1, 0, 0, 0), 0xC0, 12, 0, 6, 0, 1));
    RpzChannels.sendTcp(ch, Queries.axfr().toWire());

    List<Message> answers = RpzChannels.tcpAnswers(ch);
    assertEquals(
        List.of(Rcode.NOERROR, Rcode.FORMERR, Rcode.NOERROR),
        answers.stream().map(Message::getRcode).toList());
    assertEquals(Type.AXFR, answers.get(2).getQuestion().getType());
    assertTrue(ch.isOpen());
    assertFalse(ch.finish());
  }

  @Test
  void tcp_anIdleConnection_isClosedAfterTheIdleTime() {
    EmbeddedChannel ch = RpzChannels.tcp(server, LOOPBACK);
    ch.advanceTimeBy(RpzLimits.IDLE_SECONDS - 1, TimeUnit.SECONDS);
    ch.runScheduledPendingTasks();
    assertTrue(ch.isOpen());

    ch.advanceTimeBy(2, TimeUnit.SECONDS);
    ch.runScheduledPendingTasks();
    assertFalse(ch.isOpen());
    assertFalse(ch.finish());
  }
}
