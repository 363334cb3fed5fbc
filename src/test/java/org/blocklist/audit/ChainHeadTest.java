package org.blocklist.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.blocklist.log.Hash;
import org.junit.jupiter.api.Test;

/**
 * The audit chain of DESIGN.md ("Audit events"): events numbered from 1, {@code h(n) =
 * SHA-256(h(n-1) || bytes(n))} with {@code h(0)} 32 zero bytes, computed here independently with
 * {@link MessageDigest}; chaining numbers the events from the head it starts at.
 */
class ChainHeadTest {
  private static final Instant TIME = Instant.parse("2026-11-22T06:30:00Z");

  private static AuditEvent event(int i) {
    return AuditEvent.of(EventType.PRINCIPAL_ADDED, TIME.plusSeconds(i), "admin", "name", "p" + i);
  }

  private static List<AuditEvent> events(int count) {
    List<AuditEvent> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(event(i));
    }
    return out;
  }

  /** {@code SHA-256(previous || text)}, with the JDK alone. */
  private static byte[] h(byte[] previous, String text) throws Exception {
    MessageDigest d = MessageDigest.getInstance("SHA-256");
    d.update(previous);
    d.update(text.getBytes(UTF_8));
    return d.digest();
  }

  @Test
  void empty_isSeqZeroWithThirtyTwoZeroBytes() {
    assertEquals(0, ChainHead.EMPTY.seq());
    assertArrayEquals(new byte[32], ChainHead.EMPTY.hash().toByteArray());
  }

  @Test
  void chain_fromEmpty_numbersFromOne_andHashesEachEventOnThePrevious() throws Exception {
    List<AuditEvent> events = events(3);
    List<ChainedEvent> chained = ChainHead.EMPTY.chain(events);
    assertEquals(3, chained.size());
    byte[] previous = new byte[32];
    for (int i = 0; i < 3; i++) {
      ChainedEvent c = chained.get(i);
      assertEquals(i + 1, c.seq());
      assertEquals(events.get(i).text(i + 1), c.text());
      byte[] expected = h(previous, c.text());
      assertArrayEquals(expected, c.hash().toByteArray(), "h(" + (i + 1) + ")");
      previous = expected;
    }
  }

  @Test
  void chain_firstEvent_isTheHashOfZerosAndItsText() throws Exception {
    AuditEvent e = AuditEvent.of(EventType.KEY_CREATED, TIME, "system");
    String text =
        "blocklist-audit/v1\nseq 1\ntime 2026-11-22T06:30:00Z\ntype key-created\nactor system\n";
    ChainedEvent c = ChainHead.EMPTY.chain(List.of(e)).get(0);
    assertEquals(text, c.text());
    assertArrayEquals(h(new byte[32], text), c.hash().toByteArray());
  }

  @Test
  void chain_fromAStoredHead_numbersAfterIt_andChainsFromItsHash() throws Exception {
    byte[] stored = h(new byte[32], "whatever event 41 was");
    ChainHead head = new ChainHead(41, Hash.of(stored));
    List<ChainedEvent> chained = head.chain(events(2));
    assertEquals(List.of(42L, 43L), chained.stream().map(ChainedEvent::seq).toList());
    assertEquals(event(0).text(42), chained.get(0).text());
    byte[] h42 = h(stored, chained.get(0).text());
    assertArrayEquals(h42, chained.get(0).hash().toByteArray());
    assertArrayEquals(h(h42, chained.get(1).text()), chained.get(1).hash().toByteArray());
  }

  @Test
  void chain_inTwoSteps_equalsChainingAllAtOnce() {
    List<AuditEvent> events = events(5);
    List<ChainedEvent> once = ChainHead.EMPTY.chain(events);
    List<ChainedEvent> first = ChainHead.EMPTY.chain(events.subList(0, 2));
    List<ChainedEvent> rest = ChainHead.of(first.get(1)).chain(events.subList(2, 5));
    List<ChainedEvent> twice = new ArrayList<>(first);
    twice.addAll(rest);
    assertEquals(once, twice);
  }

  @Test
  void chain_ofNoEvents_isEmpty() {
    assertEquals(List.of(), new ChainHead(3, Hash.ZERO).chain(List.of()));
  }

  @Test
  void chain_isPure_theSameHeadGivesTheSameEvents() {
    ChainHead head = new ChainHead(9, Hash.ZERO);
    assertEquals(head.chain(events(3)), head.chain(events(3)));
    assertEquals(9, head.seq());
  }

  @Test
  void of_takesSeqAndHashOfTheEvent() {
    ChainedEvent c = ChainHead.EMPTY.chain(events(1)).get(0);
    assertEquals(new ChainHead(1, c.hash()), ChainHead.of(c));
  }

  @Test
  void next_isSha256OfPreviousThenText() throws Exception {
    byte[] previous = h(new byte[32], "x");
    assertArrayEquals(
        h(previous, "blocklist-audit/v1\nseq 2\n"),
        AuditChain.next(Hash.of(previous), "blocklist-audit/v1\nseq 2\n").toByteArray());
  }

  @Test
  void constructor_negativeSeq_isRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new ChainHead(-1, Hash.ZERO));
    assertEquals("seq: -1 (expected: 0 or more)", e.getMessage());
    assertThrows(NullPointerException.class, () -> new ChainHead(0, null));
  }

  @Test
  void chainedEvent_seqBelowOne_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ChainedEvent(0, "t", Hash.ZERO));
  }

  @Property(tries = 200)
  void chain_fromAnyHead_equalsTheIndependentChain(
      @ForAll @LongRange(min = 0, max = 1_000_000) long seq,
      @ForAll @IntRange(min = 0, max = 12) int count,
      @ForAll byte seedByte)
      throws Exception {
    byte[] start = h(new byte[] {seedByte}, "start");
    List<ChainedEvent> chained = new ChainHead(seq, Hash.of(start)).chain(events(count));
    assertEquals(count, chained.size());
    byte[] previous = start;
    for (int i = 0; i < count; i++) {
      ChainedEvent c = chained.get(i);
      assertEquals(seq + 1 + i, c.seq());
      assertEquals(event(i).text(seq + 1 + i), c.text());
      previous = h(previous, c.text());
      assertArrayEquals(previous, c.hash().toByteArray());
    }
  }
}
