package org.blocklist.rpz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class TransferSlotsTest {
  private static final InetAddress A = RpzChannels.LOOPBACK.getAddress();
  private static final InetAddress B = RpzChannels.ELSEWHERE.getAddress();

  @Test
  void tryAcquire_beyondThePerAddressLimit_isRefused_whileOthersStillGetSlots() {
    TransferSlots slots = new TransferSlots(2, 10);

    assertTrue(slots.tryAcquire(A));
    assertTrue(slots.tryAcquire(A));
    assertFalse(slots.tryAcquire(A));
    assertTrue(slots.tryAcquire(B));
    assertEquals(3, slots.active());
  }

  @Test
  void tryAcquire_beyondTheTotal_isRefused_andARefusalTakesNothing() {
    TransferSlots slots = new TransferSlots(5, 2);

    assertTrue(slots.tryAcquire(A));
    assertTrue(slots.tryAcquire(B));
    assertFalse(slots.tryAcquire(B));
    assertEquals(2, slots.active());
    slots.release(A);
    assertTrue(slots.tryAcquire(B));
  }
}
