package org.blocklist.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** A matcher updated version by version answers exactly as one built from the final list. */
class DomainMatcherChangesTest {
  @Property(tries = 200)
  void withChanges_answersLikeAFreshBuild(
      @ForAll @IntRange(min = 0, max = 200) int start,
      @ForAll @IntRange(min = 1, max = 30) int versions,
      @ForAll long seed) {
    Random random = new Random(seed);
    TreeSet<String> list = new TreeSet<>();
    while (list.size() < start) {
      list.add(name(random));
    }
    DomainMatcher matcher = DomainMatcher.of(list.toArray(new String[0]));
    for (int v = 0; v < versions; v++) {
      List<String> added = new ArrayList<>();
      List<String> removed = new ArrayList<>();
      boolean block = random.nextInt(3) > 0 || list.isEmpty();
      int count = 1 + random.nextInt(block ? 40 : Math.max(1, list.size() / 2));
      for (int i = 0; i < count; i++) {
        if (block) {
          String n = name(random);
          if (!list.contains(n) && !added.contains(n)) {
            added.add(n);
          }
        } else if (!list.isEmpty()) {
          String n = new ArrayList<>(list).get(random.nextInt(list.size()));
          if (!removed.contains(n)) {
            removed.add(n);
          }
        }
      }
      list.addAll(added);
      list.removeAll(removed);
      matcher = matcher.withChanges(added, removed);
      assertEquals(list.size(), matcher.size());
    }
    DomainMatcher fresh = DomainMatcher.of(list.toArray(new String[0]));
    for (int q = 0; q < 300; q++) {
      String query = random.nextInt(3) == 0 ? "w." + name(random) : name(random);
      assertEquals(fresh.match(query), matcher.match(query), query);
    }
    for (String entry : list) {
      assertEquals(entry, matcher.match("a." + entry));
    }
  }

  @Test
  void withChanges_refusesToAddAPresentName_orRemoveAnAbsentOne() {
    DomainMatcher m = DomainMatcher.of(new String[] {"a.example"});
    assertThrows(
        IllegalArgumentException.class, () -> m.withChanges(List.of("a.example"), List.of()));
    assertThrows(
        IllegalArgumentException.class, () -> m.withChanges(List.of(), List.of("b.example")));
    assertEquals("a.example", m.match("x.a.example"), "the original is untouched");
  }

  @Test
  void removingEverything_andAddingAgain_works() {
    DomainMatcher m = DomainMatcher.of(new String[] {"a.example", "b.example"});
    DomainMatcher empty = m.withChanges(List.of(), List.of("a.example", "b.example"));
    assertNull(empty.match("a.example"));
    assertEquals(0, empty.size());
    DomainMatcher again = empty.withChanges(List.of("b.example"), List.of());
    assertEquals("b.example", again.match("www.b.example"));
    assertNull(again.match("a.example"));
  }

  /** Names from a small alphabet, so suffixes are shared and hashes collide in the table. */
  private static String name(Random random) {
    String[] labels = {"a", "b", "ab", "ba", "aa"};
    return labels[random.nextInt(labels.length)]
        + random.nextInt(60)
        + (random.nextBoolean() ? ".example" : ".b.example");
  }
}
