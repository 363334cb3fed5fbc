package org.blocklist.log;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The SHA-256 of a text (a version's snapshot text, {@link ListTexts}), with the digest's state
 * saved every {@code stride} bytes, so that the digest of the next version's text can start from
 * the last state saved before the first byte where the two texts differ instead of from byte 0.
 *
 * <p>Nothing is taken on trust: {@link #resume} finds the common prefix itself, by comparing the
 * two texts ({@link Arrays#mismatch}, which runs at memory speed), and every byte after the state
 * it resumes from is hashed again; a saved state is the digest of exactly the bytes before it, so
 * the result is the SHA-256 of the whole new text, byte for byte the value a plain {@link
 * MessageDigest} gives. For a sorted list that changes in one place this hashes on average half of
 * the text; for changes spread over the whole list (the first one near the start) it hashes all of
 * it, as before, plus the comparison.
 *
 * <p>Immutable: the saved states are never updated, only cloned, so a digest may be resumed from
 * any thread. Memory: one cloned SHA-256 state (about 200 bytes) per {@code stride} bytes of text.
 */
public final class ResumableDigest {
  /** Bytes between two saved states: 336 states, about 70 KiB, for a 21 MB list of a million. */
  public static final int DEFAULT_STRIDE = 64 * 1024;

  private final int stride;
  private final long length;
  private final MessageDigest[] states;
  private final Hash hash;

  private ResumableDigest(int stride, long length, MessageDigest[] states, Hash hash) {
    this.stride = stride;
    this.length = length;
    this.states = states;
    this.hash = hash;
  }

  /**
   * The digest of {@code text}, hashed from the start, saving states every {@value
   * #DEFAULT_STRIDE}.
   */
  public static ResumableDigest of(byte[] text) {
    return of(text, DEFAULT_STRIDE);
  }

  /**
   * The digest of {@code text}, hashed from the start, saving states every {@code stride} bytes.
   */
  public static ResumableDigest of(byte[] text, int stride) {
    requireNonNull(text, "text");
    if (stride < 1) {
      throw new IllegalArgumentException("stride: " + stride + " (expected: at least 1)");
    }
    return hashFrom(text, stride, new MessageDigest[] {Hash.newDigest()}, 1);
  }

  /**
   * The digest of {@code text}, resumed from this digest of {@code previous} (the text this digest
   * was computed over: the caller passes it, this class does not keep it) at the last state saved
   * before their first difference.
   *
   * @throws IllegalArgumentException if {@code previous} is not as long as the text hashed here
   */
  public ResumableDigest resume(byte[] previous, byte[] text) {
    requireNonNull(previous, "previous");
    requireNonNull(text, "text");
    if (previous.length != length) {
      throw new IllegalArgumentException(
          "previous: " + previous.length + " bytes (expected: the " + length + " hashed)");
    }
    int common = Arrays.mismatch(previous, text);
    if (common < 0) {
      return this;
    }
    // states[i] is the digest of the first i * stride bytes, which both texts share if i * stride
    // <= common; keep those, hash the rest.
    int keep = Math.min(states.length, common / stride + 1);
    MessageDigest[] kept = Arrays.copyOf(states, (text.length / stride) + 1);
    return hashFrom(text, stride, kept, keep);
  }

  /** SHA-256 of the whole text. */
  public Hash hash() {
    return hash;
  }

  /** The number of bytes hashed. */
  public long length() {
    return length;
  }

  /**
   * Hashes {@code text} from the state {@code states[known - 1]} (the digest of its first {@code
   * (known - 1) * stride} bytes), filling in the states after it.
   */
  private static ResumableDigest hashFrom(
      byte[] text, int stride, MessageDigest[] states, int known) {
    MessageDigest[] all =
        states.length == text.length / stride + 1
            ? states
            : Arrays.copyOf(states, text.length / stride + 1);
    MessageDigest running = copy(all[known - 1]);
    for (int i = known; i < all.length; i++) {
      running.update(text, (i - 1) * stride, stride);
      all[i] = copy(running);
    }
    int done = (all.length - 1) * stride;
    running.update(text, done, text.length - done);
    return new ResumableDigest(stride, text.length, all, Hash.finish(running));
  }

  private static MessageDigest copy(MessageDigest digest) {
    try {
      return (MessageDigest) digest.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the platform's SHA-256 cannot be cloned", e);
    }
  }
}
