package org.blocklist.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * {@link DomainMatcher} gives the same answer as a naive reference (a set of entries, and the query
 * walked up through its parent names with {@code substring}) over random entry sets and queries.
 * Names come from a two- or three-letter alphabet and short labels, so entries share suffixes, nest
 * inside each other, and probe sequences in the table collide.
 */
class DomainMatcherPropertiesTest {

  @Property(tries = 300)
  void match_agreesWithNaiveReference(
      @ForAll("entrySets") Set<String> entries, @ForAll("queries") List<String> queries) {
    DomainMatcher matcher = DomainMatcher.of(entries.toArray(new String[0]));
    assertEquals(entries.size(), matcher.size());

    List<String> all = new ArrayList<>(queries);
    for (String entry : entries) {
      all.add(entry); // exact hit
      all.add("a." + entry); // subdomain hit
      all.add("b.a." + entry);
      all.add("a" + entry); // near miss: shares the suffix, not on a label boundary
      int dot = entry.indexOf('.');
      if (dot > 0) {
        all.add(entry.substring(dot + 1)); // the parent
      }
    }
    for (String query : all) {
      String expected = naiveMatch(entries, query);
      Statistics.label("hit").collect(expected != null);
      assertEquals(expected, matcher.match(query), () -> "query " + query + " in " + entries);
    }
  }

  @Property(tries = 100)
  void match_allNamesOfATinyAlphabet_agreesWithNaiveReference(
      @ForAll("tinyEntrySets") Set<String> entries) {
    DomainMatcher matcher = DomainMatcher.of(entries.toArray(new String[0]));

    for (String query : everyName()) {
      assertEquals(naiveMatch(entries, query), matcher.match(query), () -> "query " + query);
    }
  }

  /** The top-most listed ancestor-or-self of {@code name}, walking parents with substring. */
  private static String naiveMatch(Set<String> entries, String name) {
    String found = null;
    String current = name;
    while (true) {
      if (entries.contains(current)) {
        found = current;
      }
      int dot = current.indexOf('.');
      if (dot < 0) {
        return found;
      }
      current = current.substring(dot + 1);
    }
  }

  @Provide
  Arbitrary<Set<String>> entrySets() {
    return names(3).set().ofMinSize(0).ofMaxSize(60).map(TreeSet::new);
  }

  @Provide
  Arbitrary<Set<String>> tinyEntrySets() {
    return Arbitraries.of(everyName()).set().ofMaxSize(12).map(TreeSet::new);
  }

  @Provide
  Arbitrary<List<String>> queries() {
    return names(5).list().ofMaxSize(40);
  }

  /** Names of 1 to {@code maxLabels} labels of 1 to 3 letters from a small alphabet. */
  private static Arbitrary<String> names(int maxLabels) {
    Arbitrary<String> label =
        Arbitraries.strings().withChars("abc").ofMinLength(1).ofMaxLength(3).injectDuplicates(0.3);
    return label.list().ofMinSize(1).ofMaxSize(maxLabels).map(labels -> String.join(".", labels));
  }

  /** Every name of 1 to 3 labels of 1 or 2 letters from {@code ab}: 6 + 36 + 216 names. */
  private static List<String> everyName() {
    List<String> labels = List.of("a", "b", "aa", "ab", "ba", "bb");
    List<String> names = new ArrayList<>(labels);
    for (String first : labels) {
      for (String second : labels) {
        names.add(first + "." + second);
        for (String third : labels) {
          names.add(first + "." + second + "." + third);
        }
      }
    }
    return names;
  }
}
