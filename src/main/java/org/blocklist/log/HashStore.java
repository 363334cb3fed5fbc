package org.blocklist.log;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * An append-only array of hashes kept as raw bytes in chunks (32 bytes a hash, no per-hash object),
 * for one writer and any number of readers.
 *
 * <p>A reader may read any index that was added before a happens-before edge it observed (a
 * volatile write by the writer after {@link #add}, read by the reader). The chunk directory is
 * copied on every structural change and published through a volatile field, so a reader always
 * finds the chunks of the entries it may read, with their bytes.
 */
final class HashStore {
  /** 8,192 hashes, 256 KiB: small enough not to be a G1 humongous object (half a region). */
  private static final int CHUNK_SHIFT = 13;

  private static final int CHUNK_HASHES = 1 << CHUNK_SHIFT;
  private static final int CHUNK_MASK = CHUNK_HASHES - 1;
  private static final int CHUNK_BYTES = CHUNK_HASHES * Hash.LENGTH;
  private static final int FIRST_CHUNK_BYTES = 4 * Hash.LENGTH;

  private volatile byte[][] directory = new byte[0][];
  private long count;

  /** Appends {@code hash}; writer only. */
  void add(Hash hash) {
    requireNonNull(hash, "hash");
    long index = count;
    int chunkIndex = (int) (index >>> CHUNK_SHIFT);
    int offset = (int) (index & CHUNK_MASK) * Hash.LENGTH;
    byte[][] chunks = directory;
    byte[] chunk = chunkIndex < chunks.length ? chunks[chunkIndex] : null;
    if (chunk == null || chunk.length < offset + Hash.LENGTH) {
      chunk = grow(chunk, chunkIndex);
      byte[][] copy = Arrays.copyOf(chunks, Math.max(chunks.length, chunkIndex + 1));
      copy[chunkIndex] = chunk;
      directory = copy;
    }
    byte[] bytes = hash.toByteArray();
    System.arraycopy(bytes, 0, chunk, offset, Hash.LENGTH);
    count = index + 1;
  }

  /** The hash at {@code index}, which the caller knows was added and published to it. */
  Hash get(long index) {
    byte[] chunk = directory[(int) (index >>> CHUNK_SHIFT)];
    int offset = (int) (index & CHUNK_MASK) * Hash.LENGTH;
    return Hash.of(Arrays.copyOfRange(chunk, offset, offset + Hash.LENGTH));
  }

  private static byte[] grow(byte[] chunk, int chunkIndex) {
    if (chunk == null) {
      return new byte[chunkIndex == 0 ? FIRST_CHUNK_BYTES : CHUNK_BYTES];
    }
    return Arrays.copyOf(chunk, Math.min(chunk.length * 2, CHUNK_BYTES));
  }
}
