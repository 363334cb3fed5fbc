package org.blocklist.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * A resumed digest is the SHA-256 of the whole new text. The oracle is a plain JDK {@link
 * MessageDigest} over the full text, never the class under test; texts are random bytes and each
 * version a random edit of the one before (insertions, deletions, replacements anywhere, including
 * the first and the last byte and across saved states), over chains of versions.
 */
class ResumableDigestTest {
  private static String oracle(byte[] text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
  }

  @Property(tries = 300)
  void resumedDigest_equalsTheFullDigest_overRandomEdits(
      @ForAll @IntRange(min = 0, max = 5000) int length,
      @ForAll @IntRange(min = 1, max = 700) int stride,
      @ForAll @IntRange(min = 1, max = 8) int versions,
      @ForAll long seed)
      throws Exception {
    Random random = new Random(seed);
    byte[] text = randomBytes(random, length);
    ResumableDigest digest = ResumableDigest.of(text, stride);
    assertEquals(oracle(text), digest.hash().hex());
    for (int v = 0; v < versions; v++) {
      byte[] next = edit(random, text);
      digest = digest.resume(text, next);
      assertEquals(oracle(next), digest.hash().hex(), "version " + v + " stride " + stride);
      assertEquals(next.length, digest.length());
      text = next;
    }
  }

  @Property(tries = 200)
  void oneChangedByte_anywhere_changesTheDigestAsTheFullDigestDoes(
      @ForAll @IntRange(min = 1, max = 3000) int length,
      @ForAll @IntRange(min = 0, max = 2999) int anyPosition,
      @ForAll @IntRange(min = 1, max = 255) int xor,
      @ForAll @IntRange(min = 1, max = 300) int stride,
      @ForAll long seed)
      throws Exception {
    Random random = new Random(seed);
    byte[] text = randomBytes(random, length);
    byte[] next = text.clone();
    next[anyPosition % length] ^= (byte) xor;
    ResumableDigest resumed = ResumableDigest.of(text, stride).resume(text, next);
    assertEquals(oracle(next), resumed.hash().hex());
  }

  @Test
  void aSnapshotTextOfAMillionEntriesSized_withTheDefaultStride() throws Exception {
    Random random = new Random(7);
    byte[] text = randomBytes(random, 3 * ResumableDigest.DEFAULT_STRIDE + 17);
    ResumableDigest digest = ResumableDigest.of(text);
    for (int position :
        new int[] {0, ResumableDigest.DEFAULT_STRIDE, 2 * ResumableDigest.DEFAULT_STRIDE - 1}) {
      ByteArrayOutputStream next = new ByteArrayOutputStream();
      next.write(text, 0, position);
      next.write("inserted.example\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      next.write(text, position, text.length - position);
      byte[] bytes = next.toByteArray();
      assertEquals(oracle(bytes), digest.resume(text, bytes).hash().hex(), "at " + position);
    }
    assertEquals(oracle(text), digest.resume(text, text.clone()).hash().hex());
    assertEquals(oracle(new byte[0]), ResumableDigest.of(new byte[0]).hash().hex());
  }

  @Test
  void resume_refusesAPreviousTextOfAnotherLength() {
    ResumableDigest digest = ResumableDigest.of(new byte[10], 4);
    assertThrows(IllegalArgumentException.class, () -> digest.resume(new byte[9], new byte[10]));
    assertThrows(IllegalArgumentException.class, () -> ResumableDigest.of(new byte[1], 0));
  }

  private static byte[] randomBytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  /** One to three random edits: insert, delete or replace a run of up to 100 bytes. */
  private static byte[] edit(Random random, byte[] text) {
    byte[] out = text;
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits; e++) {
      int at = out.length == 0 ? 0 : random.nextInt(out.length + 1);
      int run = 1 + random.nextInt(100);
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      switch (random.nextInt(3)) {
        case 0 -> {
          b.write(out, 0, at);
          b.writeBytes(randomBytes(random, run));
          b.write(out, at, out.length - at);
        }
        case 1 -> {
          int end = Math.min(out.length, at + run);
          b.write(out, 0, at);
          b.write(out, end, out.length - end);
        }
        default -> {
          int end = Math.min(out.length, at + run);
          b.write(out, 0, at);
          b.writeBytes(randomBytes(random, end - at));
          b.write(out, end, out.length - end);
        }
      }
      out = b.toByteArray();
    }
    return out;
  }
}
