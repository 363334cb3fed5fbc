package org.blocklist.domain;

import static java.util.Objects.requireNonNull;

/**
 * Immutable, thread-safe suffix matcher over a version's entries: an entry blocks itself and every
 * name below it, on a label boundary ({@code example.com} blocks {@code www.example.com}, not
 * {@code notexample.com}).
 *
 * <p>One is built per published version on the writer thread ({@link #of}); lookups ({@link
 * #match}) run on the event loop and allocate nothing.
 *
 * <h2>How it works</h2>
 *
 * An open-addressing hash table with linear probing, power-of-two capacity and a load of at most
 * 0.6, holding references to the entry strings themselves and, in a parallel {@code int[]}, each
 * entry's hash (never 0, so 0 marks an empty slot and a probe touches the strings only when the
 * hashes agree). The hash of a name is FNV-1a over its characters read from right to left, then
 * mixed. Reading from the right makes it incremental over suffixes: a lookup walks the query once
 * from its last character to its first, and at each dot the running hash is the hash of the suffix
 * after that dot, so every label-boundary suffix is probed without allocating a substring. The
 * table costs 8 bytes per slot with compressed references, about 16 bytes per entry at 1,000,000
 * entries (capacity 2<sup>21</sup>).
 */
public final class DomainMatcher {

  /** The matcher of an empty version: matches nothing. */
  public static final DomainMatcher EMPTY = of(new String[0]);

  private static final int FNV_OFFSET = 0x811c9dc5;
  private static final int FNV_PRIME = 0x01000193;
  private static final int MAX_CAPACITY = 1 << 30;

  private final String[] entries;
  private final int[] hashes;
  private final int size;
  private final int minLength;
  private final int maxLength;

  private DomainMatcher(String[] entries, int[] hashes, int size, int minLength, int maxLength) {
    this.entries = entries;
    this.hashes = hashes;
    this.size = size;
    this.minLength = minLength;
    this.maxLength = maxLength;
  }

  /**
   * Builds a matcher from a version's entries: canonical names (DESIGN.md, "Entries"), sorted by
   * byte order and unique. The array is neither modified nor retained; the matcher keeps references
   * to the same {@code String} objects. The order is not relied upon.
   *
   * @throws NullPointerException if the array or an entry is null
   * @throws IllegalArgumentException if an entry is empty or listed twice
   */
  public static DomainMatcher of(String[] sortedEntries) {
    requireNonNull(sortedEntries, "sortedEntries");
    int n = sortedEntries.length;
    int capacity = capacityFor(n);
    String[] table = new String[capacity];
    int[] hashes = new int[capacity];
    int mask = capacity - 1;
    int minLength = Integer.MAX_VALUE;
    int maxLength = 0;
    for (int i = 0; i < n; i++) {
      String entry = sortedEntries[i];
      if (entry == null) {
        throw new NullPointerException("sortedEntries[" + i + "]");
      }
      int length = entry.length();
      if (length == 0) {
        throw new IllegalArgumentException("sortedEntries[" + i + "]: empty (expected: a name)");
      }
      minLength = Math.min(minLength, length);
      maxLength = Math.max(maxLength, length);
      int h = hash(entry);
      int slot = h & mask;
      while (hashes[slot] != 0) {
        if (hashes[slot] == h && table[slot].equals(entry)) {
          throw new IllegalArgumentException(
              "sortedEntries[" + i + "]: listed twice (expected: unique entries)");
        }
        slot = (slot + 1) & mask;
      }
      hashes[slot] = h;
      table[slot] = entry;
    }
    return new DomainMatcher(table, hashes, n, minLength, maxLength);
  }

  /**
   * Returns the entry that blocks {@code canonicalName}, or null if none does.
   *
   * <p>When several listed names cover the query (both {@code example.com} and {@code
   * www.example.com} are listed, the query is {@code a.www.example.com}), the <em>shortest</em> one
   * is returned: the top-most listed ancestor, whose scope is the widest. It is also the first one
   * found, since suffixes are probed from the right.
   *
   * <p>{@code canonicalName} is already canonical (lower-case LDH ASCII, no trailing dot); any
   * other string is answered without error, by the same rule applied to its dot-separated suffixes.
   * Allocates nothing.
   */
  public String match(String canonicalName) {
    int length = canonicalName.length();
    if (length < minLength) {
      return null; // also the empty matcher, whose minLength is Integer.MAX_VALUE
    }
    // Suffixes longer than the longest entry cannot match: read only the last maxLength + 1 chars.
    int lowest = Math.max(0, length - maxLength - 1);
    int h = FNV_OFFSET;
    for (int i = length - 1; i >= lowest; i--) {
      char c = canonicalName.charAt(i);
      if (c == '.') {
        int from = i + 1;
        int suffixLength = length - from;
        if (suffixLength >= minLength) {
          String entry = find(h, canonicalName, from, suffixLength);
          if (entry != null) {
            return entry;
          }
        }
      }
      h = (h ^ c) * FNV_PRIME;
    }
    return length <= maxLength ? find(h, canonicalName, 0, length) : null;
  }

  /** The number of entries. */
  public int size() {
    return size;
  }

  @Override
  public String toString() {
    return "DomainMatcher{size=" + size + ", capacity=" + hashes.length + "}";
  }

  private String find(int rawHash, String name, int from, int length) {
    int h = mix(rawHash);
    int mask = hashes.length - 1;
    for (int slot = h & mask; ; slot = (slot + 1) & mask) {
      int stored = hashes[slot];
      if (stored == 0) {
        return null;
      }
      if (stored == h) {
        String entry = entries[slot];
        if (entry.length() == length && entry.regionMatches(0, name, from, length)) {
          return entry;
        }
      }
    }
  }

  /** The table hash of a whole name, as {@link #match} computes it for a suffix; never 0. */
  static int hash(String name) {
    int h = FNV_OFFSET;
    for (int i = name.length() - 1; i >= 0; i--) {
      h = (h ^ name.charAt(i)) * FNV_PRIME;
    }
    return mix(h);
  }

  /** MurmurHash3's fmix32, so the low bits used as the slot depend on every character; 0 is 1. */
  private static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h == 0 ? 1 : h;
  }

  /** The smallest power of two, at least 2, that keeps the load at or below 0.6. */
  static int capacityFor(int entries) {
    long needed = Math.max(2L, (entries * 5L + 2) / 3);
    if (needed > MAX_CAPACITY) {
      throw new IllegalArgumentException(
          "sortedEntries: "
              + entries
              + " entries (expected: at most "
              + MAX_CAPACITY * 3L / 5
              + ")");
    }
    return Integer.highestOneBit((int) needed - 1) << 1;
  }
}
