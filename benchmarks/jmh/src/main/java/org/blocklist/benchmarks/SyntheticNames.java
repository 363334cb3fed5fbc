package org.blocklist.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.blocklist.domain.DomainMatcher;

/**
 * Deterministic, realistic-looking data for the matcher benchmarks: a version's entries (canonical
 * names of 2 to 4 labels under a mix of TLDs, sorted by byte order and unique) and a skewed mix of
 * lookups against them.
 */
final class SyntheticNames {

  /** Public suffixes with rough weights (per mille) of a national blocklist. */
  private static final String[] SUFFIXES = {
    "com", "net", "org", "ru", "de", "info", "xyz", "top", "io", "fr", "nl", "co.uk", "com.br",
    "pl", "online", "site", "biz", "me", "cc", "to", "su", "club", "in", "eu", "it"
  };

  private static final int[] WEIGHTS = {
    430, 70, 60, 60, 40, 30, 30, 30, 20, 20, 20, 20, 20, 15, 15, 15, 15, 15, 10, 10, 10, 10, 10, 10,
    15
  };

  private static final String[] SYLLABLES = {
    "ba", "be", "bi", "bo", "ca", "co", "cu", "da", "de", "di", "do", "fa", "fe", "fi", "ga", "go",
    "ha", "he", "ka", "ki", "ko", "la", "le", "li", "lo", "lu", "ma", "me", "mi", "mo", "na", "ne",
    "ni", "no", "pa", "pe", "pi", "po", "ra", "re", "ri", "ro", "sa", "se", "si", "so", "ta", "te",
    "ti", "to", "va", "ve", "vi", "vo", "za", "zo", "bet", "win", "casino", "film", "kino", "shop",
    "free", "play", "stream", "tv", "live", "online", "best", "top", "book", "torrent", "pharm",
    "loan", "x", "q", "j", "k", "y", "w", "ch", "sh", "tr", "st", "pr", "gr"
  };

  private static final String[] SUBDOMAINS = {"www", "m", "cdn", "api", "mail", "static", "img"};

  private static final int WEIGHT_TOTAL = Arrays.stream(WEIGHTS).sum();

  private SyntheticNames() {}

  /**
   * {@code count} unique entries, sorted by byte order, from {@code seed}. The strings are allocated
   * in sorted order, as when a version is read from the store in order, so neighbours in the array
   * are neighbours in memory (strings left in hash-set order would add two cache misses per entry to
   * every pass over the array).
   */
  static String[] entries(int count, long seed) {
    Random random = new Random(seed);
    Set<String> unique = new HashSet<>(count * 2);
    while (unique.size() < count) {
      unique.add(name(random));
    }
    String[] entries = unique.toArray(new String[0]);
    unique = null;
    Arrays.sort(entries);
    for (int i = 0; i < entries.length; i++) {
      entries[i] = new String(entries[i].toCharArray());
    }
    return entries;
  }

  /**
   * {@code count} lookups: 10% exact hits, 20% hits below an entry (1 to 3 extra labels), 35%
   * random names that are not blocked, 35% near misses that share an entry's suffix off a label
   * boundary ({@code x} + entry, {@code www.x} + entry). Shuffled.
   */
  static String[] mixedQueries(String[] entries, DomainMatcher matcher, int count, long seed) {
    Random random = new Random(seed);
    List<String> queries = new ArrayList<>(count);
    int exact = count / 10;
    int below = count / 5;
    int random35 = (count - exact - below) / 2;
    int near = count - exact - below - random35;
    for (int i = 0; i < exact; i++) {
      queries.add(entries[random.nextInt(entries.length)]);
    }
    for (int i = 0; i < below; i++) {
      queries.add(below(entries[random.nextInt(entries.length)], random));
    }
    queries.addAll(misses(matcher, random35, random));
    queries.addAll(nearMisses(entries, matcher, near, random));
    Collections.shuffle(queries, random);
    return queries.toArray(new String[0]);
  }

  /** {@code count} lookups that all hit: half exact, half below an entry. */
  static String[] hits(String[] entries, int count, long seed) {
    Random random = new Random(seed);
    String[] queries = new String[count];
    for (int i = 0; i < count; i++) {
      String entry = entries[random.nextInt(entries.length)];
      queries[i] = random.nextBoolean() ? entry : below(entry, random);
    }
    return queries;
  }

  /** {@code count} lookups that all miss: half random, half near misses. */
  static String[] misses(String[] entries, DomainMatcher matcher, int count, long seed) {
    Random random = new Random(seed);
    List<String> queries = new ArrayList<>(misses(matcher, count / 2, random));
    queries.addAll(nearMisses(entries, matcher, count - count / 2, random));
    Collections.shuffle(queries, random);
    return queries.toArray(new String[0]);
  }

  private static List<String> misses(DomainMatcher matcher, int count, Random random) {
    List<String> misses = new ArrayList<>(count);
    while (misses.size() < count) {
      String name = random.nextInt(3) == 0 ? below(name(random), random) : name(random);
      if (matcher.match(name) == null) {
        misses.add(name);
      }
    }
    return misses;
  }

  private static List<String> nearMisses(
      String[] entries, DomainMatcher matcher, int count, Random random) {
    List<String> misses = new ArrayList<>(count);
    while (misses.size() < count) {
      String entry = entries[random.nextInt(entries.length)];
      String name = random.nextBoolean() ? "x" + entry : "www.x" + entry;
      if (name.length() <= 253 && matcher.match(name) == null) {
        misses.add(name);
      }
    }
    return misses;
  }

  private static String below(String entry, Random random) {
    StringBuilder name = new StringBuilder(entry);
    int extra = 1 + random.nextInt(3);
    for (int i = 0; i < extra; i++) {
      String label =
          random.nextInt(3) == 0 ? SUBDOMAINS[random.nextInt(SUBDOMAINS.length)] : label(random);
      name.insert(0, label + ".");
    }
    return name.toString();
  }

  /** A name of 2 to 4 labels: 75% registrable domains, 20% one subdomain, 5% two. */
  private static String name(Random random) {
    String suffix = suffix(random);
    int roll = random.nextInt(100);
    int labels = roll < 75 ? 1 : roll < 95 ? 2 : 3;
    if (suffix.indexOf('.') > 0 && labels == 3) {
      labels = 2; // at most 4 labels in all
    }
    StringBuilder name = new StringBuilder(suffix);
    for (int i = 0; i < labels; i++) {
      String label =
          i > 0 && random.nextBoolean()
              ? SUBDOMAINS[random.nextInt(SUBDOMAINS.length)]
              : label(random);
      name.insert(0, label + ".");
    }
    return name.toString();
  }

  private static String suffix(Random random) {
    int roll = random.nextInt(WEIGHT_TOTAL);
    for (int i = 0; i < WEIGHTS.length; i++) {
      roll -= WEIGHTS[i];
      if (roll < 0) {
        return SUFFIXES[i];
      }
    }
    throw new AssertionError(roll);
  }

  /** A label of 3 to about 24 characters: syllables, sometimes digits or a hyphen. */
  private static String label(Random random) {
    StringBuilder label = new StringBuilder();
    int syllables = 2 + random.nextInt(5);
    for (int i = 0; i < syllables; i++) {
      if (i > 0 && random.nextInt(12) == 0) {
        label.append('-');
      }
      label.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
    }
    if (random.nextInt(5) == 0) {
      label.append(random.nextInt(1000));
    }
    return label.length() > 63 ? label.substring(0, 63) : label.toString();
  }
}
