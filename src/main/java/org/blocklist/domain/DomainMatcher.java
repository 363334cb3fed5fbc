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
 * A copy of the entries array (references to the same strings) and an open-addressing hash table
 * with linear probing, power-of-two capacity and a load of at most 0.6, whose {@code int} slots
 * each pack an entry's index (plus one, so 0 marks an empty slot) in the low bits and the high bits
 * of its hash as a tag above them: a probe reads one {@code int} and touches a string only when the
 * tag agrees. The hash of a name is FNV-1a over its characters read from right to left, then mixed.
 * Reading from the right makes it incremental over suffixes: a lookup walks the query once from its
 * last character to its first, and at each dot the running hash is the hash of the suffix after
 * that dot, so every label-boundary suffix is probed without allocating a substring.
 *
 * <p>At 1,000,000 entries that is 2<sup>21</sup> slots, 8 MiB, plus 4 MiB for the array copy (with
 * compressed references): about 12.6 bytes per entry beyond the strings. The table holds no
 * references, so a build stores none at random: under G1 each such store pays a post-write barrier,
 * which made a table of references several times slower to build.
 */
public final class DomainMatcher {

  /** The matcher of an empty version: matches nothing. */
  public static final DomainMatcher EMPTY = of(new String[0]);

  private static final int FNV_OFFSET = 0x811c9dc5;
  private static final int FNV_PRIME = 0x01000193;
  private static final int MAX_CAPACITY = 1 << 30;

  private final String[] entries;
  private final int[] slots;
  private final int indexBits;
  private final int indexMask;
  private final int minLength;
  private final int maxLength;
  private final int removed;

  private DomainMatcher(
      String[] entries, int[] slots, int indexBits, int minLength, int maxLength, int removed) {
    this.entries = entries;
    this.slots = slots;
    this.indexBits = indexBits;
    this.indexMask = (1 << indexBits) - 1;
    this.minLength = minLength;
    this.maxLength = maxLength;
    this.removed = removed;
  }

  /**
   * The matcher of the next version: this one with {@code added} (none present) and without {@code
   * removed} (all present). It copies the table and changes only the slots concerned
   * (linear-probing deletion by backward shift), so a change of a thousand names to a million
   * entries costs two array copies instead of a rebuild; it rebuilds when the table would be too
   * full, when the index bits run out, or when removed names exceed a quarter of the slots in use.
   * This matcher is not modified.
   *
   * @throws IllegalArgumentException if an added name is present or a removed one is not
   */
  public DomainMatcher withChanges(java.util.List<String> added, java.util.List<String> removed) {
    int used = entries.length + added.size();
    if (used + 1 > indexMask
        || used > slots.length * 3L / 5
        || (this.removed + removed.size()) * 4L > used) {
      return rebuild(added, removed);
    }
    String[] nextEntries = java.util.Arrays.copyOf(entries, used);
    int[] nextSlots = slots.clone();
    int mask = nextSlots.length - 1;
    for (String name : removed) {
      int h = hash(name);
      int slot = slotOf(nextEntries, nextSlots, h, name);
      if (slot < 0) {
        throw new IllegalArgumentException("removed: " + name + " (expected: a present entry)");
      }
      nextEntries[(nextSlots[slot] & indexMask) - 1] = null;
      deleteSlot(nextEntries, nextSlots, slot, mask);
    }
    int min = minLength;
    int max = maxLength;
    int index = entries.length;
    for (String name : added) {
      int h = hash(name);
      if (slotOf(nextEntries, nextSlots, h, name) >= 0) {
        throw new IllegalArgumentException("added: " + name + " (expected: an absent entry)");
      }
      nextEntries[index] = name;
      int slot = h & mask;
      while (nextSlots[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      nextSlots[slot] = (h >>> indexBits) << indexBits | (index + 1);
      index++;
      min = Math.min(min, name.length());
      max = Math.max(max, name.length());
    }
    return new DomainMatcher(
        nextEntries, nextSlots, indexBits, min, max, this.removed + removed.size());
  }

  private DomainMatcher rebuild(java.util.List<String> added, java.util.List<String> removed) {
    java.util.Set<String> gone = new java.util.HashSet<>(removed);
    java.util.List<String> next = new java.util.ArrayList<>(entries.length + added.size());
    for (String e : entries) {
      if (e != null && !gone.remove(e)) {
        next.add(e);
      }
    }
    if (!gone.isEmpty()) {
      throw new IllegalArgumentException("removed: " + gone + " (expected: present entries)");
    }
    next.addAll(added);
    return of(next.toArray(new String[0]));
  }

  /** The slot holding {@code name} (whose table hash is {@code h}), or -1. */
  private int slotOf(String[] names, int[] table, int h, String name) {
    int tag = h >>> indexBits;
    int mask = table.length - 1;
    for (int slot = h & mask; ; slot = (slot + 1) & mask) {
      int stored = table[slot];
      if (stored == 0) {
        return -1;
      }
      if (stored >>> indexBits == tag && name.equals(names[(stored & indexMask) - 1])) {
        return slot;
      }
    }
  }

  /** Empties {@code slot} and shifts later entries of its probe run back (Knuth's algorithm R). */
  private void deleteSlot(String[] names, int[] table, int slot, int mask) {
    int hole = slot;
    table[hole] = 0;
    for (int j = (hole + 1) & mask; table[j] != 0; j = (j + 1) & mask) {
      int home = hash(names[(table[j] & indexMask) - 1]) & mask;
      boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
      if (movable) {
        table[hole] = table[j];
        table[j] = 0;
        hole = j;
      }
    }
  }

  /**
   * Builds a matcher from a version's entries: canonical names (DESIGN.md, "Entries"), sorted by
   * byte order and unique. The array is neither modified nor retained (the matcher keeps a copy
   * that refers to the same {@code String} objects). The order is not relied upon.
   *
   * @throws NullPointerException if the array or an entry is null
   * @throws IllegalArgumentException if an entry is empty or listed twice
   */
  public static DomainMatcher of(String[] sortedEntries) {
    requireNonNull(sortedEntries, "sortedEntries");
    String[] entries = sortedEntries.clone();
    int n = entries.length;
    int[] hashes = new int[n];
    int minLength = Integer.MAX_VALUE;
    int maxLength = 0;
    for (int i = 0; i < n; i++) {
      String entry = entries[i];
      if (entry == null) {
        throw new NullPointerException("sortedEntries[" + i + "]");
      }
      int length = entry.length();
      if (length == 0) {
        throw new IllegalArgumentException("sortedEntries[" + i + "]: empty (expected: a name)");
      }
      minLength = Math.min(minLength, length);
      maxLength = Math.max(maxLength, length);
      hashes[i] = hash(entry);
    }
    int[] slots = new int[capacityFor(n)];
    // index + 1 takes the low indexBits bits, with room for half as many again so that
    // withChanges can append before it must rebuild; the tag takes the rest.
    int indexBits = 32 - Integer.numberOfLeadingZeros(n + (n >> 1) + 16);
    insertInSlotOrder(entries, hashes, slots, indexBits);
    return new DomainMatcher(entries, slots, indexBits, minLength, maxLength, 0);
  }

  /**
   * Inserts every entry, in the order of their home slots (a counting sort on the slot's top bits
   * first), so that the table is written nearly sequentially: inserting in the entries' order
   * writes it at random, one cache miss per entry, several times slower at a million entries.
   */
  private static void insertInSlotOrder(
      String[] entries, int[] hashes, int[] slots, int indexBits) {
    int n = entries.length;
    int mask = slots.length - 1;
    int slotBits = Integer.numberOfTrailingZeros(slots.length);
    int shift = slotBits - Math.min(slotBits, 12);
    int[] starts = new int[(mask >>> shift) + 2];
    for (int h : hashes) {
      starts[((h & mask) >>> shift) + 1]++;
    }
    for (int b = 1; b < starts.length; b++) {
      starts[b] += starts[b - 1];
    }
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[starts[(hashes[i] & mask) >>> shift]++] = i;
    }
    int indexMask = (1 << indexBits) - 1;
    for (int i : order) {
      int h = hashes[i];
      int tag = h >>> indexBits;
      int slot = h & mask;
      for (int stored; (stored = slots[slot]) != 0; slot = (slot + 1) & mask) {
        if (stored >>> indexBits == tag && entries[(stored & indexMask) - 1].equals(entries[i])) {
          int first = Math.min(i, (stored & indexMask) - 1);
          throw new IllegalArgumentException(
              "sortedEntries["
                  + Math.max(i, first)
                  + "]: listed twice, first at "
                  + first
                  + " (expected: unique entries)");
        }
      }
      slots[slot] = tag << indexBits | (i + 1);
    }
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
          String entry = find(mix(h), canonicalName, from, suffixLength);
          if (entry != null) {
            return entry;
          }
        }
      }
      h = (h ^ c) * FNV_PRIME;
    }
    return length <= maxLength ? find(mix(h), canonicalName, 0, length) : null;
  }

  /** The number of entries. */
  public int size() {
    return entries.length - removed;
  }

  @Override
  public String toString() {
    return "DomainMatcher{size=" + size() + ", capacity=" + slots.length + "}";
  }

  private String find(int h, String name, int from, int length) {
    int tag = h >>> indexBits;
    int mask = slots.length - 1;
    for (int slot = h & mask; ; slot = (slot + 1) & mask) {
      int stored = slots[slot];
      if (stored == 0) {
        return null;
      }
      if (stored >>> indexBits == tag) {
        String entry = entries[(stored & indexMask) - 1];
        if (entry.length() == length && entry.regionMatches(0, name, from, length)) {
          return entry;
        }
      }
    }
  }

  /** The table hash of a whole name, as {@link #match} computes it for a suffix. */
  static int hash(String name) {
    int h = FNV_OFFSET;
    for (int i = name.length() - 1; i >= 0; i--) {
      h = (h ^ name.charAt(i)) * FNV_PRIME;
    }
    return mix(h);
  }

  /**
   * MurmurHash3's fmix32, so the low bits (the slot) and the high bits (the tag) mix every char.
   */
  private static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
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
