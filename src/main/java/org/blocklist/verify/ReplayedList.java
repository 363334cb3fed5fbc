package org.blocklist.verify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.blocklist.log.Hash;

/**
 * The replayed list, immutable: the snapshot text of DESIGN.md (entries in byte order, each
 * followed by {@code \n}) cut into chunks of whole lines of about {@value #TARGET_CHUNK} bytes,
 * each with the offsets of its lines. A version's changes rebuild only the chunks they touch (a
 * binary search for each name, then array copies) and share every other chunk with the list before,
 * so applying a thousand names to a million costs a few thousand array slots and a few megabytes,
 * and a list stays valid (for hashing on another thread) while the next one is built.
 *
 * <p>Names are ASCII (canonical entries), so byte order is {@link String#compareTo} order.
 */
final class ReplayedList {
  /** A rebuilt chunk is cut into pieces of about this many bytes. */
  static final int TARGET_CHUNK = 2048;

  /** A rebuilt chunk up to this size is kept whole. */
  static final int MAX_CHUNK = 2 * TARGET_CHUNK;

  private static final ReplayedList EMPTY = new ReplayedList(new Chunk[0], 0);

  /**
   * Lines of the snapshot text: line {@code i} starts at {@code starts[i]} and ends with the {@code
   * \n} just before the next line's start (or the end of {@code text}).
   */
  private record Chunk(byte[] text, int[] starts, String first) {
    int count() {
      return starts.length;
    }

    int end(int line) {
      return (line + 1 < starts.length ? starts[line + 1] : text.length) - 1;
    }

    /** The first line at least {@code name}, or {@link #count()}. */
    int search(String name) {
      int lo = 0;
      int hi = starts.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (compare(text, starts[mid], end(mid), name) < 0) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }
  }

  /** A name added that is listed, or removed that is not. */
  record Conflict(String name, boolean added) {}

  /** The new list, or the conflict that prevented it. */
  record Result(ReplayedList list, Conflict conflict) {}

  private record Op(String name, boolean add) {}

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
      for (int i = 0; i < c.count(); i++) {
        out.add(new String(c.text, c.starts[i], c.end(i) - c.starts[i], StandardCharsets.US_ASCII));
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
    ChunkBuilder b = new ChunkBuilder(out);
    if (chunks.length == 0) {
      for (Op op : ops) {
        if (!op.add) {
          return new Result(null, new Conflict(op.name, false));
        }
        b.name(op.name);
      }
      b.finish();
      return new Result(of(out, added.size()), null);
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
      Conflict conflict = rebuild(chunks[target], ops.subList(o, end), b);
      if (conflict != null) {
        return new Result(null, conflict);
      }
      next = target + 1;
      o = end;
    }
    out.addAll(Arrays.asList(chunks).subList(next, chunks.length));
    return new Result(of(out, size + added.size() - removed.size()), null);
  }

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

  /** Applies {@code ops} to the lines of {@code chunk}, handing the result to {@code b}. */
  private static Conflict rebuild(Chunk chunk, List<Op> ops, ChunkBuilder b) {
    int copied = 0;
    for (Op op : ops) {
      int at = chunk.search(op.name);
      boolean listed =
          at < chunk.count() && compare(chunk.text, chunk.starts[at], chunk.end(at), op.name) == 0;
      if (listed == op.add) {
        return new Conflict(op.name, op.add);
      }
      b.lines(chunk, copied, at);
      if (op.add) {
        b.name(op.name);
        copied = at;
      } else {
        copied = at + 1;
      }
    }
    b.lines(chunk, copied, chunk.count());
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

  private static ReplayedList of(List<Chunk> chunks, long size) {
    return new ReplayedList(chunks.toArray(new Chunk[0]), size);
  }

  /**
   * Collects the lines of a rebuilt stretch of the list, then cuts them into chunks: one if they
   * fit in {@link #MAX_CHUNK} bytes, else pieces of about {@link #TARGET_CHUNK} at line ends. One
   * builder serves every stretch of one version: {@link #finish} empties it for the next.
   */
  private static final class ChunkBuilder {
    private final List<Chunk> out;
    private byte[] text = new byte[MAX_CHUNK];
    private int fill;
    private int[] starts = new int[MAX_CHUNK / 8];
    private int lines;

    ChunkBuilder(List<Chunk> out) {
      this.out = out;
    }

    /** Appends {@code name} and its {@code \n}. */
    void name(String name) {
      int length = name.length();
      reserve(length + 1, 1);
      starts[lines++] = fill;
      for (int i = 0; i < length; i++) {
        text[fill++] = (byte) name.charAt(i);
      }
      text[fill++] = '\n';
    }

    /** Appends lines {@code [from, to)} of {@code chunk}. */
    void lines(Chunk chunk, int from, int to) {
      if (from >= to) {
        return;
      }
      int start = chunk.starts[from];
      int end = to < chunk.count() ? chunk.starts[to] : chunk.text.length;
      reserve(end - start, to - from);
      int shift = fill - start;
      for (int i = from; i < to; i++) {
        starts[lines++] = chunk.starts[i] + shift;
      }
      System.arraycopy(chunk.text, start, text, fill, end - start);
      fill += end - start;
    }

    void finish() {
      if (fill <= MAX_CHUNK) {
        cut(0, lines);
        fill = 0;
        lines = 0;
        return;
      }
      int pieces = (fill + TARGET_CHUNK - 1) / TARGET_CHUNK;
      int line = 0;
      for (int piece = 1; piece < pieces && line < lines; piece++) {
        long boundary = (long) fill * piece / pieces;
        int end = line + 1;
        while (end < lines && starts[end] < boundary) {
          end++;
        }
        cut(line, end);
        line = end;
      }
      cut(line, lines);
      fill = 0;
      lines = 0;
    }

    private void reserve(int bytes, int moreLines) {
      if (fill + bytes > text.length) {
        text = Arrays.copyOf(text, Math.max(2 * text.length, fill + bytes));
      }
      if (lines + moreLines > starts.length) {
        starts = Arrays.copyOf(starts, Math.max(2 * starts.length, lines + moreLines));
      }
    }

    /** Lines {@code [from, to)} as one chunk. */
    private void cut(int from, int to) {
      if (from >= to) {
        return;
      }
      int start = starts[from];
      int end = to < lines ? starts[to] : fill;
      int[] offsets = new int[to - from];
      for (int i = from; i < to; i++) {
        offsets[i - from] = starts[i] - start;
      }
      int firstEnd = (to - from > 1 ? starts[from + 1] : end) - 1;
      String first = new String(text, start, firstEnd - start, StandardCharsets.US_ASCII);
      out.add(new Chunk(Arrays.copyOfRange(text, start, end), offsets, first));
    }
  }
}
