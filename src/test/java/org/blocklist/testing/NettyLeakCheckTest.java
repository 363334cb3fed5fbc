package org.blocklist.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The leak gate itself: a dropped buffer is reported, a released one is not. */
class NettyLeakCheckTest {
  @Test
  void aBufferDroppedWithoutRelease_isReported() {
    NettyLeakCheck.drain();
    leak();
    List<String> found = new ArrayList<>();
    for (int i = 0; i < 10 && found.isEmpty(); i++) {
      found.addAll(NettyLeakCheck.drain());
    }
    assertFalse(found.isEmpty(), "the deliberately dropped buffer was reported");
    assertTrue(found.get(0).contains("ByteBuf"), found.get(0));
  }

  @Test
  void releasedBuffers_areNotReported() {
    NettyLeakCheck.drain();
    ByteBuf b = PooledByteBufAllocator.DEFAULT.buffer(64);
    b.writeInt(7);
    b.release();
    assertTrue(NettyLeakCheck.drain().isEmpty());
  }

  private static void leak() {
    ByteBuf b = PooledByteBufAllocator.DEFAULT.buffer(64);
    b.writeLong(42);
  }
}
