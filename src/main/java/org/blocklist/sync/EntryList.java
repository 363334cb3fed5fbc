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

/**
 * The list of one version as the agent holds it: canonical names, sorted by byte order, unique;
 * immutable. {@link #apply} computes the next list from a delta, refusing an added name that is
 * listed already and a removed one that is not, with array copies between the changed places, so a
 * one-name change to a million entries costs one copy of the array.
 */
final class EntryList extends AbstractList<String> implements RandomAccess {
  static final EntryList EMPTY = new EntryList(new String[0]);

  private final String[] names;
  private volatile byte[] snapshot;

  private EntryList(String[] names) {
    this.names = names;
  }

  @Override
  public String get(int index) {
    return names[index];
  }

  @Override
  public int size() {
    return names.length;
  }

  /** SHA-256 of the snapshot text: what a manifest's {@code list} line fixes. */
  Hash digest() {
    return Hash.sha256(snapshot());
  }

  /**
   * The snapshot text, built once per list (the list is immutable): it is hashed to verify the
   * version and then written as it is, so a million names are turned into bytes only once.
   */
  private byte[] snapshot() {
    byte[] text = snapshot;
    if (text == null) {
      long length = 0;
      for (String name : names) {
        length += name.length() + 1;
      }
      if (length > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("snapshot text of " + length + " bytes");
      }
      text = new byte[(int) length];
      int at = 0;
      for (String name : names) {
        asciiBytes(name, text, at);
        at += name.length();
        text[at++] = '\n';
      }
      snapshot = text;
    }
    return text;
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
   * canonical, as {@link DeltaParser} reads them).
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
    String[] out = new String[(int) size];
    int next = 0;
    int written = 0;
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
        System.arraycopy(names, next, out, written, at - next);
        written += at - next;
        out[written++] = name;
        next = at;
        a++;
      } else {
        if (found < 0) {
          throw new FeedException(
              Reason.PROOF, "delta: removed[" + r + "] is not listed at version " + version);
        }
        System.arraycopy(names, next, out, written, found - next);
        written += found - next;
        next = found + 1;
        r++;
      }
    }
    System.arraycopy(names, next, out, written, names.length - next);
    return new EntryList(out);
  }

  /** Writes the snapshot text: each name followed by {@code \n}. */
  void writeSnapshot(OutputStream out) throws IOException {
    out.write(snapshot());
  }

  /**
   * Reads snapshot text strictly: canonical names, each ending in {@code \n}, strictly sorted. The
   * list keeps {@code text} as its snapshot text: the caller must not change it.
   *
   * @throws IllegalArgumentException naming the line that is not so (never the name)
   */
  static EntryList parseSnapshot(byte[] text, int maxNames) {
    EntryList list = parseLines(text, maxNames);
    list.snapshot = text;
    return list;
  }

  private static EntryList parseLines(byte[] text, int maxNames) {
    if (text.length > 0 && text[text.length - 1] != '\n') {
      throw new IllegalArgumentException("the last line does not end in a newline");
    }
    String[] out = new String[16];
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
      }
      out[count++] = name;
      previous = name;
      start = end + 1;
    }
    return new EntryList(Arrays.copyOf(out, count));
  }
}
