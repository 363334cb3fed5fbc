package org.blocklist.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.blocklist.log.Hash;
import org.junit.jupiter.api.Test;

/** The entry list against a sorted set: changes, snapshot text and its digest. */
class EntryListTest {
  @Property(tries = 300)
  void apply_equalsASortedSet_andDigestsAreThoseOfTheTexts(
      @ForAll @IntRange(min = 0, max = 300) int size,
      @ForAll @IntRange(min = 0, max = 40) int changes,
      @ForAll long seed) {
    Random random = new Random(seed);
    TreeSet<String> before = new TreeSet<>();
    while (before.size() < size) {
      before.add(name(random));
    }
    EntryList list = EntryList.ofSorted(before.toArray(new String[0]));
    TreeSet<String> added = new TreeSet<>();
    TreeSet<String> removed = new TreeSet<>();
    for (int i = 0; i < changes; i++) {
      if (random.nextBoolean() && !before.isEmpty()) {
        removed.add(new ArrayList<>(before).get(random.nextInt(before.size())));
      } else {
        String n = name(random);
        if (!before.contains(n)) {
          added.add(n);
        }
      }
    }
    EntryList after = list.apply(new ArrayList<>(added), new ArrayList<>(removed));
    TreeSet<String> expected = new TreeSet<>(before);
    expected.removeAll(removed);
    expected.addAll(added);
    assertEquals(List.copyOf(expected), List.of(after.array()));
    StringBuilder text = new StringBuilder();
    expected.forEach(n -> text.append(n).append('\n'));
    assertEquals(sha256(text.toString()), after.digest());
    assertEquals(text.length(), after.textLength());
    TreeSet<String> touched = new TreeSet<>(added);
    touched.addAll(removed);
    StringBuilder changesText = new StringBuilder();
    touched.forEach(n -> changesText.append(added.contains(n) ? '+' : '-').append(n).append('\n'));
    assertEquals(
        sha256(changesText.toString()),
        EntryList.changesDigest(new ArrayList<>(added), new ArrayList<>(removed)));
  }

  @Test
  void apply_refusesAnAddedNameThatIsListed() {
    EntryList list = EntryList.ofSorted(new String[] {"a.example", "b.example"});
    assertThrows(IllegalStateException.class, () -> list.apply(List.of("a.example"), List.of()));
    assertThrows(IllegalStateException.class, () -> list.apply(List.of(), List.of("c.example")));
  }

  @Test
  void emptyList_hashesTheEmptyText() {
    assertEquals(sha256(""), EntryList.EMPTY.digest());
  }

  private static String name(Random random) {
    return "n" + random.nextInt(2000) + "." + (random.nextBoolean() ? "example" : "test");
  }

  private static Hash sha256(String text) {
    return Hash.sha256(text.getBytes(StandardCharsets.US_ASCII));
  }
}
