package org.blocklist.state;

import java.util.Arrays;
import java.util.List;
import org.blocklist.log.Hash;
import org.blocklist.log.ListTexts;

/**
 * The entries of one version: canonical names sorted by byte order, immutable. Names are ASCII, so
 * {@link String#compareTo} is byte order.
 */
final class EntryList {
  static final EntryList EMPTY = new EntryList(new String[0], 0);

  private final String[] names;
  private final long textLength;

  private EntryList(String[] names, long textLength) {
    this.names = names;
    this.textLength = textLength;
  }

  /** Wraps {@code sorted}, which the caller hands over and never changes again. */
  static EntryList ofSorted(String[] sorted) {
    for (int i = 1; i < sorted.length; i++) {
      if (sorted[i - 1].compareTo(sorted[i]) >= 0) {
        throw new IllegalArgumentException(
            "entries not strictly sorted at " + i + ": " + sorted[i - 1] + ", " + sorted[i]);
      }
    }
    long length = 0;
    for (String name : sorted) {
      length += name.length() + 1;
    }
    return new EntryList(sorted, length);
  }

  /** Bytes of the snapshot text: every name and its newline. */
  long textLength() {
    return textLength;
  }

  /** The sorted names; the caller must not modify the array. */
  String[] array() {
    return names;
  }

  int size() {
    return names.length;
  }

  String get(int i) {
    return names[i];
  }

  boolean contains(String name) {
    return Arrays.binarySearch(names, name) >= 0;
  }

  /**
   * The list with {@code added} (none listed) inserted and {@code removed} (all listed) taken out;
   * both sorted. Finds each position by binary search and copies the runs between them, so a
   * thousand changes to a million entries cost a few memory copies, not a million comparisons.
   */
  EntryList apply(List<String> added, List<String> removed) {
    String[] out = new String[names.length + added.size() - removed.size()];
    int src = 0;
    int dst = 0;
    int a = 0;
    int r = 0;
    while (a < added.size() || r < removed.size()) {
      int insertAt =
          a < added.size() ? -Arrays.binarySearch(names, added.get(a)) - 1 : Integer.MAX_VALUE;
      int removeAt =
          r < removed.size() ? Arrays.binarySearch(names, removed.get(r)) : Integer.MAX_VALUE;
      if (insertAt < 0 || removeAt < 0) {
        throw new IllegalStateException("apply: an added name is listed or a removed one is not");
      }
      int at = Math.min(insertAt, removeAt);
      System.arraycopy(names, src, out, dst, at - src);
      dst += at - src;
      src = at;
      if (insertAt <= removeAt) {
        out[dst++] = added.get(a++);
      } else {
        src++;
        r++;
      }
    }
    System.arraycopy(names, src, out, dst, names.length - src);
    long length = textLength;
    for (String name : added) {
      length += name.length() + 1;
    }
    for (String name : removed) {
      length -= name.length() + 1;
    }
    return new EntryList(out, length);
  }

  /** SHA-256 of the snapshot text: each name followed by {@code \n}. */
  Hash digest() {
    return ListTexts.snapshotDigest(Arrays.asList(names));
  }

  /**
   * SHA-256 of the changes text: {@code +name\n} per added, {@code -name\n} per removed, by name.
   */
  static Hash changesDigest(List<String> added, List<String> removed) {
    return ListTexts.changesDigest(added, removed);
  }
}
