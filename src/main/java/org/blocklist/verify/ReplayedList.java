package org.blocklist.verify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.blocklist.log.Hash;

/**
 * The replayed list, immutable: the snapshot text of DESIGN.md (entries in byte order, each
 * followed by {@code \n}) cut into chunks of whole lines of about {@value #TARGET_CHUNK} bytes. A
 * version's changes rebuild only the chunks they touch and share every other chunk with the list
 * before, so applying a thousand names to a million costs a few thousand array slots and a few
 * megabytes, and a list stays valid (for hashing on another thread) while the next one is built.
 *
 * <p>Names are ASCII (canonical entries), so byte order is {@link String#compareTo} order.
 */
final class ReplayedList {
  /** A rebuilt chunk is cut into pieces of about this many bytes. */
  static final int TARGET_CHUNK = 4096;

  /** A rebuilt chunk up to this size is kept whole. */
  static final int MAX_CHUNK = 2 * TARGET_CHUNK;

  private static final ReplayedList EMPTY = new ReplayedList(new Chunk[0], 0);

  /** Lines of the snapshot text, and the first name (to find a chunk by binary search). */
  private record Chunk(byte[] text, String first, int count) {}

  /** A name added that is listed, or removed that is not. */
  record Conflict(String name, boolean added) {}

  private final Chunk[] chunks;
  private final long size;

  private ReplayedList(Chunk[] chunks, long size) {
    this.chunks = chunks;
    this.size = size;
  }

  static ReplayedList empty() {
    return EMPTY;
  }

  /** The number of entries. */
  long size() {
    return size;
  }

  /** SHA-256 of the snapshot text. */
  Hash digest() {
    MessageDigest digest = Hash.newDigest();
    for (Chunk c : chunks) {
      digest.update(c.text);
    }
    return Hash.finish(digest);
  }

  /** The entries, in order (for tests and small lists). */
  List<String> names() {
    List<String> out = new ArrayList<>();
    for (Chunk c : chunks) {
      int start = 0;
      for (int i = 0; i < c.text.length; i++) {
        if (c.text[i] == '\n') {
          out.add(new String(c.text, start, i - start, StandardCharsets.US_ASCII));
          start = i + 1;
        }
      }
    }
    return out;
  }

  /**
   * The list with {@code added} put in and {@code removed} taken out, or the first conflict (in
   * name order). Both lists must be strictly increasing and disjoint (the caller checks).
   */
  Result apply(List<String> added, List<String> removed) {
    List<Op> ops = merge(added, removed);
    List<Chunk> out = new ArrayList<>(chunks.length + ops.size() / 16 + 2);
    if (chunks.length == 0) {
      ChunkBuilder b = new ChunkBuilder(out);
      for (Op op : ops) {
        if (!op.add) {
          return new Result(null, new Conflict(op.name, false));
        }
        b.line(op.name);
      }
      b.finish();
      return new Result(of(out), null);
    }
    int next = 0;
    int o = 0;
    while (o < ops.size()) {
      int target = chunkFor(ops.get(o).name);
      out.addAll(Arrays.asList(chunks).subList(next, target));
      int end = o + 1;
      String limit = target + 1 < chunks.length ? chunks[target + 1].first : null;
      while (end < ops.size() && (limit == null || ops.get(end).name.compareTo(limit) < 0)) {
        end++;
      }
      Conflict conflict = rebuild(chunks[target], ops.subList(o, end), out);
      if (conflict != null) {
        return new Result(null, conflict);
      }
      next = target + 1;
      o = end;
    }
    out.addAll(Arrays.asList(chunks).subList(next, chunks.length));
    return new Result(of(out), null);
  }

  /** The new list, or the conflict that prevented it. */
  record Result(ReplayedList list, Conflict conflict) {}

  private record Op(String name, boolean add) {}

  private static List<Op> merge(List<String> added, List<String> removed) {
    List<Op> ops = new ArrayList<>(added.size() + removed.size());
    int a = 0;
    int r = 0;
    while (a < added.size() || r < removed.size()) {
      boolean takeAdded =
          r == removed.size() || (a < added.size() && added.get(a).compareTo(removed.get(r)) < 0);
      ops.add(takeAdded ? new Op(added.get(a++), true) : new Op(removed.get(r++), false));
    }
    return ops;
  }

  /** The last chunk whose first name is at most {@code name}, or 0. */
  private int chunkFor(String name) {
    int lo = 0;
    int hi = chunks.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (chunks[mid].first.compareTo(name) <= 0) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /** Merges {@code ops} into the lines of {@code chunk}, appending the result to {@code out}. */
  private static Conflict rebuild(Chunk chunk, List<Op> ops, List<Chunk> out) {
    ChunkBuilder b = new ChunkBuilder(out);
    byte[] text = chunk.text;
    int pos = 0;
    int o = 0;
    while (pos < text.length || o < ops.size()) {
      int end = pos;
      while (end < text.length && text[end] != '\n') {
        end++;
      }
      int cmp =
          pos >= text.length ? 1 : o == ops.size() ? -1 : compare(text, pos, end, ops.get(o).name);
      if (cmp < 0) {
        b.bytes(text, pos, end);
        pos = end + 1;
      } else if (cmp == 0) {
        Op op = ops.get(o++);
        if (op.add) {
          return new Conflict(op.name, true);
        }
        pos = end + 1;
      } else {
        Op op = ops.get(o++);
        if (!op.add) {
          return new Conflict(op.name, false);
        }
        b.line(op.name);
      }
    }
    b.finish();
    return null;
  }

  /** Byte order of the line {@code text[start, end)} against the ASCII {@code name}. */
  private static int compare(byte[] text, int start, int end, String name) {
    int n = Math.min(end - start, name.length());
    for (int i = 0; i < n; i++) {
      int d = (text[start + i] & 0xff) - name.charAt(i);
      if (d != 0) {
        return d;
      }
    }
    return (end - start) - name.length();
  }

  private static ReplayedList of(List<Chunk> chunks) {
    long size = 0;
    for (Chunk c : chunks) {
      size += c.count;
    }
    return new ReplayedList(chunks.toArray(new Chunk[0]), size);
  }

  /**
   * Collects the lines of a rebuilt stretch of the list, then cuts them into chunks: one if they
   * fit in {@link #MAX_CHUNK} bytes, else pieces of about {@link #TARGET_CHUNK} at line ends.
   */
  private static final class ChunkBuilder {
    private final List<Chunk> out;
    private byte[] buffer = new byte[MAX_CHUNK];
    private int fill;

    ChunkBuilder(List<Chunk> out) {
      this.out = out;
    }

    void line(String name) {
      byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
      bytes(bytes, 0, bytes.length);
    }

    /** Appends the line {@code text[start, end)} and its {@code \n}. */
    void bytes(byte[] text, int start, int end) {
      int length = end - start;
      if (fill + length + 1 > buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.max(2 * buffer.length, fill + length + 1));
      }
      System.arraycopy(text, start, buffer, fill, length);
      fill += length;
      buffer[fill++] = '\n';
    }

    void finish() {
      if (fill <= MAX_CHUNK) {
        cut(0, fill);
        return;
      }
      int pieces = (fill + TARGET_CHUNK - 1) / TARGET_CHUNK;
      int start = 0;
      for (int left = pieces; left > 1 && start < fill; left--) {
        int end = start + (fill - start) / left;
        while (end < fill && buffer[end - 1] != '\n') {
          end++;
        }
        cut(start, end);
        start = end;
      }
      cut(start, fill);
    }

    private void cut(int start, int end) {
      if (end <= start) {
        return;
      }
      int count = 0;
      int firstEnd = -1;
      for (int i = start; i < end; i++) {
        if (buffer[i] == '\n') {
          if (firstEnd < 0) {
            firstEnd = i;
          }
          count++;
        }
      }
      String first = new String(buffer, start, firstEnd - start, StandardCharsets.US_ASCII);
      out.add(new Chunk(Arrays.copyOfRange(buffer, start, end), first, count));
    }
  }
}
