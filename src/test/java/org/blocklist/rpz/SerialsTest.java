package org.blocklist.rpz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** RFC 1982 serial arithmetic with SERIAL_BITS = 32, the examples of its section 5.2 included. */
class SerialsTest {
  @Test
  void serialOf_isTheVersionModulo2To32() {
    assertEquals(0, Serials.serialOf(0));
    assertEquals(7, Serials.serialOf(7));
    assertEquals(0xFFFF_FFFFL, Serials.serialOf(0xFFFF_FFFFL));
    assertEquals(0, Serials.serialOf(1L << 32));
    assertEquals(5, Serials.serialOf((1L << 32) + 5));
    assertThrows(IllegalArgumentException.class, () -> Serials.serialOf(-1));
  }

  @Test
  void behind_countsVersionsAcrossTheWrap() {
    assertEquals(0, Serials.behind(7, 7));
    assertEquals(3, Serials.behind(4, 7));
    assertEquals(2, Serials.behind(0xFFFF_FFFFL, (1L << 32) + 1));
    assertEquals((1L << 31) - 1, Serials.behind(0, (1L << 31) - 1));
  }

  @Test
  void behind_ofANewerSerial_isAhead_andOfOneExactlyHalfwayRound_isIncomparable() {
    assertEquals(Serials.AHEAD, Serials.behind(8, 7));
    assertEquals(Serials.AHEAD, Serials.behind(1, 0xFFFF_FFFFL));
    assertEquals(Serials.INCOMPARABLE, Serials.behind(0, 1L << 31));
    assertEquals(Serials.INCOMPARABLE, Serials.behind(1L << 31, 0));
  }

  @Test
  void behind_ofAValueThatIsNoSerial_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> Serials.behind(1L << 32, 0));
    assertThrows(IllegalArgumentException.class, () -> Serials.behind(-1, 0));
  }
}
