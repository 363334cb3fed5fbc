package org.blocklist.rpz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** NOTIFY (RFC 1996) on an embedded channel whose clock the test moves. */
class NotifierTest {
  static final InetSocketAddress SECONDARY = new InetSocketAddress("192.0.2.53", 53);
  static final InetSocketAddress OTHER = new InetSocketAddress("192.0.2.54", 5353);

  private final EmbeddedChannel ch =
      new EmbeddedChannel(new Notifier(Queries.NXDOMAIN, List.of(SECONDARY, OTHER), new Random(1)));
  private final Notifier notifier = (Notifier) ch.pipeline().first();

  /** The NOTIFYs written since the last call, by target. */
  private List<Sent> sent() {
    ch.runPendingTasks();
    List<Sent> out = new ArrayList<>();
    for (DatagramPacket p; (p = ch.readOutbound()) != null; ) {
      try {
        out.add(new Sent(p.recipient(), RpzChannels.parse(ByteBufUtil.getBytes(p.content()))));
      } finally {
        p.release();
      }
    }
    return out;
  }

  record Sent(InetSocketAddress to, Message message) {}

  private void after(long millis) {
    ch.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
  }

  private void answer(InetSocketAddress from, Message notify, int rcode) {
    Message a = new Message(notify.getHeader().getID());
    a.getHeader().setFlag(Flags.QR);
    a.getHeader().setOpcode(Opcode.NOTIFY);
    a.getHeader().setRcode(rcode);
    a.addRecord(notify.getQuestion(), Section.QUESTION);
    ch.writeInbound(
        new DatagramPacket(Unpooled.wrappedBuffer(a.toWire()), RpzChannels.LOCAL, from));
  }

  @Test
  void announce_sendsEachTargetANotifyWithTheNewSoa() {
    notifier.announce(7);
    List<Sent> sent = sent();

    assertEquals(List.of(SECONDARY, OTHER), sent.stream().map(Sent::to).toList());
    Message m = sent.get(0).message();
    assertEquals(Opcode.NOTIFY, m.getHeader().getOpcode());
    assertTrue(m.getHeader().getFlag(Flags.AA));
    assertFalse(m.getHeader().getFlag(Flags.QR));
    assertEquals(Queries.ZONE, m.getQuestion().getName());
    assertEquals(Type.SOA, m.getQuestion().getType());
    assertEquals(7, ((SOARecord) m.getSection(Section.ANSWER).get(0)).getSerial());
    assertFalse(ch.finish());
  }

  @Test
  void anUnansweredNotify_isRepeatedWithBackoff_upToEveryMinute() {
    notifier.announce(1);
    sent();
    List<Long> gaps = new ArrayList<>();
    long waited = 0;
    for (int resends = 0; resends < 9; ) {
      after(100);
      waited += 100;
      List<Sent> s = sent();
      if (!s.isEmpty()) {
        assertEquals(2, s.size(), "both targets");
        gaps.add(waited);
        waited = 0;
        resends++;
      }
    }

    assertEquals(
        List.of(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 32_000L, 60_000L, 60_000L, 60_000L), gaps);
  }

  @Test
  void anAnswer_endsTheRepeats_toThatTargetOnly() {
    notifier.announce(1);
    Message toSecondary = sent().get(0).message();

    answer(SECONDARY, toSecondary, Rcode.NOERROR);
    after(1_000);

    assertEquals(List.of(OTHER), sent().stream().map(Sent::to).toList());
    assertFalse(ch.finish());
  }

  @Test
  void anAnswerWithAnotherId_orFromAnotherAddress_endsNothing() {
    notifier.announce(1);
    Message toSecondary = sent().get(0).message();
    Message wrongId = new Message((toSecondary.getHeader().getID() + 1) % 0x10000);
    wrongId.addRecord(toSecondary.getQuestion(), Section.QUESTION);

    answer(SECONDARY, wrongId, Rcode.NOERROR);
    answer(new InetSocketAddress("192.0.2.99", 53), toSecondary, Rcode.NOERROR);
    after(1_000);

    assertEquals(2, sent().size());
  }

  @Test
  void aRefusal_endsTheRepeats_too() {
    notifier.announce(1);
    List<Sent> first = sent();

    answer(SECONDARY, first.get(0).message(), Rcode.REFUSED);
    answer(OTHER, first.get(1).message(), Rcode.NOTAUTH);
    after(120_000);

    assertEquals(List.of(), sent());
  }

  @Test
  void aNewerVersion_replacesTheOneBeingAnnounced_withANewId() {
    notifier.announce(1);
    Message one = sent().get(0).message();
    notifier.announce(2);
    Message two = sent().get(0).message();

    assertEquals(2, ((SOARecord) two.getSection(Section.ANSWER).get(0)).getSerial());
    assertNotEquals(one.getHeader().getID(), two.getHeader().getID());
    answer(SECONDARY, one, Rcode.NOERROR);
    after(1_000);
    assertEquals(2, sent().size(), "the answer to version 1 does not end version 2's");
  }

  @Test
  void anOlderVersion_isNotAnnounced() {
    notifier.announce(5);
    sent();
    notifier.announce(4);

    assertEquals(List.of(), sent());
    assertNull(ch.readOutbound());
  }
}
