package org.blocklist.log;

import java.security.MessageDigest;
import java.util.List;

/**
 * The digests that a manifest's {@code list} and {@code changes} lines fix (DESIGN.md, "Versions,
 * the log and signatures"), in one place for the server that signs them and the ISP client that
 * checks them.
 *
 * <ul>
 *   <li>snapshot text: the entries sorted by byte order, each followed by {@code \n};
 *   <li>changes text: {@code +name\n} per added and {@code -name\n} per removed entry, by name.
 * </ul>
 *
 * <p>Names are canonical entries, hence ASCII; the callers pass them sorted.
 */
public final class ListTexts {
  private static final int DIGEST_BUFFER = 64 * 1024;

  private ListTexts() {}

  /** SHA-256 of the snapshot text of {@code sortedNames}. */
  public static Hash snapshotDigest(Iterable<String> sortedNames) {
    MessageDigest digest = Hash.newDigest();
    Buffer buffer = new Buffer(digest);
    for (String name : sortedNames) {
      buffer.put((char) 0, name);
    }
    return buffer.finish();
  }

  /** SHA-256 of the changes text of {@code added} and {@code removed}, each sorted. */
  public static Hash changesDigest(List<String> added, List<String> removed) {
    Buffer buffer = new Buffer(Hash.newDigest());
    int a = 0;
    int r = 0;
    while (a < added.size() || r < removed.size()) {
      boolean takeAdded =
          r == removed.size() || (a < added.size() && added.get(a).compareTo(removed.get(r)) < 0);
      String name = takeAdded ? added.get(a++) : removed.get(r++);
      buffer.put(takeAdded ? '+' : '-', name);
    }
    return buffer.finish();
  }

  /** Batches names into 64 KiB updates: hashing a million-entry snapshot runs at memory speed. */
  private static final class Buffer {
    private final MessageDigest digest;
    private final byte[] bytes = new byte[DIGEST_BUFFER];
    private int fill;

    Buffer(MessageDigest digest) {
      this.digest = digest;
    }

    /** Appends {@code [prefix] name \n}, flushing when full. */
    void put(char prefix, String name) {
      int needed = name.length() + 2;
      if (needed > bytes.length) {
        throw new IllegalArgumentException("name of " + name.length() + " characters");
      }
      if (fill + needed > bytes.length) {
        digest.update(bytes, 0, fill);
        fill = 0;
      }
      if (prefix != 0) {
        bytes[fill++] = (byte) prefix;
      }
      asciiBytes(name, bytes, fill);
      fill += name.length();
      bytes[fill++] = '\n';
    }

    Hash finish() {
      digest.update(bytes, 0, fill);
      return Hash.finish(digest);
    }

    /**
     * Copies the ASCII {@code name} into {@code buffer}. {@code String.getBytes(int, int, byte[],
     * int)} is deprecated because it drops the high byte of each char, which is exactly right for
     * ASCII names, and for compact (Latin-1) strings it is a single array copy.
     */
    @SuppressForbidden(reason = "entry names are ASCII; the deprecated copy is the fast one")
    @SuppressWarnings("deprecation")
    private static void asciiBytes(String name, byte[] buffer, int offset) {
      name.getBytes(0, name.length(), buffer, offset);
    }
  }
}
