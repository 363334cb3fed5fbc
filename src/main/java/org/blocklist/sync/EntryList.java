package org.blocklist.sync;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;
import org.blocklist.domain.DomainName;
import org.blocklist.feed.FeedException;
import org.blocklist.feed.FeedException.Reason;
import org.blocklist.log.Hash;
import org.blocklist.log.ResumableDigest;

/**
 * The list of one version as the agent holds it: canonical names, sorted by byte order, unique;
 * immutable. {@link #apply} computes the next list from a delta, refusing an added name that is
 * listed already and a removed one that is not, with array copies between the changed places, so a
 * one-name change to a million entries costs one copy of the arrays (the names, the snapshot text
 * and its line starts); its digest resumes from the previous list's saved SHA-256 states.
 */
final class EntryList extends AbstractList<String> implements RandomAccess {
  static final EntryList EMPTY = new EntryList(new String[0], new byte[0], new int[] {0}, null);

  private final String[] names;

  /** The snapshot text: each name followed by {@code \n}; never changed. */
  private final byte[] text;

  /**
   * {@code starts[i]}: where line {@code i} begins in {@link #text}; {@code starts[size]} its end.
   */
  private final int[] starts;

  /** The list this one was made from, until {@link #digest} has resumed from its saved states. */
  private EntryList base;

  private ResumableDigest digest;

  private EntryList(String[] names, byte[] text, int[] starts, EntryList base) {
    this.names = names;
    this.text = text;
    this.starts = starts;
    this.base = base;
  }

  @Override
  public String get(int index) {
    return names[index];
  }

  @Override
  public int size() {
    return names.length;
  }

  /**
   * SHA-256 of the snapshot text: what a manifest's {@code list} line fixes. Computed once; for a
   * list made by {@link #apply} from one already hashed, resumed from that one's saved states
   * before the first byte that differs ({@link ResumableDigest}), so the unchanged prefix is not
   * hashed again.
   */
  synchronized Hash digest() {
    if (digest == null) {
      EntryList from = base;
      ResumableDigest previous = from == null ? null : from.computedDigest();
      digest = previous == null ? ResumableDigest.of(text) : previous.resume(from.text, text);
      base = null;
    }
    return digest.hash();
  }

  private synchronized ResumableDigest computedDigest() {
    return digest;
  }

  /**
   * Copies the ASCII {@code name} into {@code buffer}: {@code String.getBytes(int, int, byte[],
   * int)} is deprecated because it drops the high byte of each char, which is exactly right for
   * canonical names (ASCII, checked when the list was read), and it is one array copy.
   */
  @SuppressForbidden(reason = "entry names are ASCII; the deprecated copy is the fast one")
  @SuppressWarnings("deprecation")
  private static void asciiBytes(String name, byte[] buffer, int offset) {
    name.getBytes(0, name.length(), buffer, offset);
  }

  /**
   * The list after removing {@code removed} and adding {@code added} (each sorted, unique and
   * canonical, as {@link DeltaParser} reads them). Its snapshot text is made by copying the
   * unchanged stretches of this list's text and writing only the added names.
   *
   * @throws FeedException {@code PROOF} if an added name is listed, a removed one is not, a name is
   *     both, or the result would hold more than {@code maxNames}
   */
  EntryList apply(List<String> added, List<String> removed, long version, int maxNames)
      throws FeedException {
    long size = (long) names.length + added.size() - removed.size();
    if (size > maxNames || size < 0) {
      throw new FeedException(
          size < 0 ? Reason.PROOF : Reason.TOO_LARGE,
          "delta: the list would have " + size + " names (expected: 0.." + maxNames + ")");
    }
    long length = text.length;
    for (String name : added) {
      length += name.length() + 1;
    }
    for (String name : removed) {
      length -= name.length() + 1;
    }
    if (length > Integer.MAX_VALUE - 8 || length < 0) {
      throw new FeedException(
          Reason.TOO_LARGE, "delta: the snapshot text would have " + length + " bytes");
    }
    Builder out = new Builder((int) size, (int) length);
    int next = 0;
    int a = 0;
    int r = 0;
    while (a < added.size() || r < removed.size()) {
      int order =
          a == added.size() ? 1 : r == removed.size() ? -1 : added.get(a).compareTo(removed.get(r));
      if (order == 0) {
        throw new FeedException(Reason.PROOF, "delta: added[" + a + "] is also removed[" + r + "]");
      }
      boolean adding = order < 0;
      String name = adding ? added.get(a) : removed.get(r);
      int found = Arrays.binarySearch(names, next, names.length, name);
      if (adding) {
        if (found >= 0) {
          throw new FeedException(
              Reason.PROOF, "delta: added[" + a + "] is already listed at version " + version);
        }
        int at = -found - 1;
        out.copy(this, next, at);
        out.add(name);
        next = at;
        a++;
      } else {
        if (found < 0) {
          throw new FeedException(
              Reason.PROOF, "delta: removed[" + r + "] is not listed at version " + version);
        }
        out.copy(this, next, found);
        next = found + 1;
        r++;
      }
    }
    out.copy(this, next, names.length);
    return out.build(this);
  }

  /** Writes the snapshot text: each name followed by {@code \n}. */
  void writeSnapshot(OutputStream out) throws IOException {
    out.write(text);
  }

  /** Fills the arrays of the next list: names, snapshot text, line starts. */
  private static final class Builder {
    private final String[] names;
    private final byte[] text;
    private final int[] starts;
    private int count;
    private int fill;

    Builder(int size, int length) {
      names = new String[size];
      text = new byte[length];
      starts = new int[size + 1];
    }

    /** Appends lines {@code [from, to)} of {@code list}: names, bytes and shifted line starts. */
    void copy(EntryList list, int from, int to) {
      if (from >= to) {
        return;
      }
      System.arraycopy(list.names, from, names, count, to - from);
      int start = list.starts[from];
      int bytes = list.starts[to] - start;
      System.arraycopy(list.text, start, text, fill, bytes);
      int shift = fill - start;
      for (int i = from; i < to; i++) {
        starts[count++] = list.starts[i] + shift;
      }
      fill += bytes;
    }

    void add(String name) {
      names[count] = name;
      starts[count++] = fill;
      asciiBytes(name, text, fill);
      fill += name.length();
      text[fill++] = '\n';
    }

    EntryList build(EntryList base) {
      starts[count] = fill;
      return new EntryList(names, text, starts, base);
    }
  }

  /**
   * Reads snapshot text strictly: canonical names, each ending in {@code \n}, strictly sorted. The
   * list keeps {@code text} as its snapshot text: the caller must not change it.
   *
   * @throws IllegalArgumentException naming the line that is not so (never the name)
   */
  static EntryList parseSnapshot(byte[] text, int maxNames) {
    return parseSnapshot(text, maxNames, null);
  }

  /**
   * As {@link #parseSnapshot(byte[], int)}, with {@code digest} already computed over {@code text}
   * (or {@code null}).
   */
  static EntryList parseSnapshot(byte[] text, int maxNames, ResumableDigest digest) {
    if (digest != null && digest.length() != text.length) {
      throw new IllegalArgumentException("digest of " + digest.length() + " bytes");
    }
    if (text.length > 0 && text[text.length - 1] != '\n') {
      throw new IllegalArgumentException("the last line does not end in a newline");
    }
    String[] out = new String[16];
    int[] starts = new int[17];
    int count = 0;
    int start = 0;
    String previous = null;
    while (start < text.length) {
      int end = start;
      while (text[end] != '\n') {
        end++;
      }
      if (count == maxNames) {
        throw new IllegalArgumentException("more than " + maxNames + " names");
      }
      String name = new String(text, start, end - start, StandardCharsets.US_ASCII);
      try {
        new DomainName(name);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("line " + (count + 1) + ": not a canonical name");
      }
      if (previous != null && previous.compareTo(name) >= 0) {
        throw new IllegalArgumentException(
            "line " + (count + 1) + ": not after line " + count + " (expected: sorted, unique)");
      }
      if (count == out.length) {
        out = Arrays.copyOf(out, count * 2);
        starts = Arrays.copyOf(starts, count * 2 + 1);
      }
      starts[count] = start;
      out[count++] = name;
      previous = name;
      start = end + 1;
    }
    starts[count] = text.length;
    EntryList list =
        new EntryList(Arrays.copyOf(out, count), text, Arrays.copyOf(starts, count + 1), null);
    list.digest = digest;
    return list;
  }
}
