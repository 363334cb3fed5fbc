package org.blocklist.ledger;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import org.blocklist.log.Hash;

/**
 * The entries of one version: canonical names sorted by byte order, immutable. Names are ASCII, so
 * {@link String#compareTo} is byte order.
 */
final class EntryList {
  static final EntryList EMPTY = new EntryList(new String[0], 0);

  private static final int DIGEST_BUFFER = 64 * 1024;

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
   * both sorted.
   */
  EntryList apply(List<String> added, List<String> removed) {
    String[] out = new String[names.length + added.size() - removed.size()];
    int i = 0;
    int a = 0;
    int r = 0;
    int o = 0;
    while (i < names.length || a < added.size()) {
      if (a < added.size() && (i == names.length || added.get(a).compareTo(names[i]) < 0)) {
        out[o++] = added.get(a++);
      } else if (r < removed.size() && removed.get(r).equals(names[i])) {
        r++;
        i++;
      } else {
        out[o++] = names[i++];
      }
    }
    if (o != out.length || r != removed.size()) {
      throw new IllegalStateException("apply: added or removed names were not as checked");
    }
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
    MessageDigest digest = Hash.newDigest();
    byte[] buffer = new byte[DIGEST_BUFFER];
    int[] fill = {0};
    for (String name : names) {
      put(digest, buffer, fill, (char) 0, name);
    }
    digest.update(buffer, 0, fill[0]);
    return Hash.finish(digest);
  }

  /**
   * SHA-256 of the changes text: {@code +name\n} per added, {@code -name\n} per removed, by name.
   */
  static Hash changesDigest(List<String> added, List<String> removed) {
    MessageDigest digest = Hash.newDigest();
    byte[] buffer = new byte[DIGEST_BUFFER];
    int[] fill = {0};
    int a = 0;
    int r = 0;
    while (a < added.size() || r < removed.size()) {
      boolean takeAdded =
          r == removed.size() || (a < added.size() && added.get(a).compareTo(removed.get(r)) < 0);
      String name = takeAdded ? added.get(a++) : removed.get(r++);
      put(digest, buffer, fill, takeAdded ? '+' : '-', name);
    }
    digest.update(buffer, 0, fill[0]);
    return Hash.finish(digest);
  }

  /** Appends {@code [prefix] name \n} (names are ASCII) to the buffer, flushing when full. */
  private static void put(
      MessageDigest digest, byte[] buffer, int[] fill, char prefix, String name) {
    int needed = name.length() + 2;
    if (fill[0] + needed > buffer.length) {
      digest.update(buffer, 0, fill[0]);
      fill[0] = 0;
    }
    int f = fill[0];
    if (prefix != 0) {
      buffer[f++] = (byte) prefix;
    }
    for (int k = 0; k < name.length(); k++) {
      buffer[f++] = (byte) name.charAt(k);
    }
    buffer[f++] = '\n';
    fill[0] = f;
  }
}
