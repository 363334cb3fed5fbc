package org.blocklist.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;
import org.blocklist.log.ListTexts;
import org.junit.jupiter.api.Test;

/** The replayed list in shared chunks is the sorted list, and hashes as its snapshot text. */
class ReplayedListTest {
  @Test
  void empty_hashesAsTheEmptyText() {
    assertEquals(ListTexts.snapshotDigest(List.of()), ReplayedList.empty().digest());
    assertEquals(0, ReplayedList.empty().size());
  }

  @Test
  void randomVersions_giveTheListAndDigestOfAReferenceReplay() {
    Random random = new Random(20261203);
    TreeSet<String> reference = new TreeSet<>();
    ReplayedList list = ReplayedList.empty();
    for (int version = 1; version <= 300; version++) {
      TreeSet<String> added = new TreeSet<>();
      TreeSet<String> removed = new TreeSet<>();
      int changes = 1 + random.nextInt(version % 50 == 0 ? 5000 : 200);
      for (int i = 0; i < changes; i++) {
        if (!reference.isEmpty() && random.nextInt(4) == 0) {
          String victim = reference.ceiling(name(random));
          if (victim != null && !added.contains(victim)) {
            removed.add(victim);
          }
        } else {
          String name = name(random);
          if (!reference.contains(name) && !removed.contains(name)) {
            added.add(name);
          }
        }
      }
      ReplayedList.Result result = list.apply(new ArrayList<>(added), new ArrayList<>(removed));
      assertNull(result.conflict(), "version " + version);
      list = result.list();
      reference.addAll(added);
      reference.removeAll(removed);
      assertEquals(reference.size(), list.size(), "version " + version);
      assertEquals(ListTexts.snapshotDigest(reference), list.digest(), "version " + version);
    }
    assertEquals(new ArrayList<>(reference), list.names());
  }

  @Test
  void aListKeepsItsContent_whenTheNextIsBuiltFromIt() {
    ReplayedList one =
        ReplayedList.empty().apply(List.of("a.example", "c.example"), List.of()).list();
    ReplayedList two = one.apply(List.of("b.example"), List.of("a.example")).list();
    assertEquals(List.of("a.example", "c.example"), one.names());
    assertEquals(List.of("b.example", "c.example"), two.names());
  }

  @Test
  void aMillionNamesInOneVersion_areCutIntoChunks_andStillHashAsOneText() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 1_000_000; i++) {
      names.add(String.format(Locale.ROOT, "n%07d.example", i));
    }
    ReplayedList list = ReplayedList.empty().apply(names, List.of()).list();
    assertEquals(ListTexts.snapshotDigest(names), list.digest());
    ReplayedList next = list.apply(List.of("m.example"), List.of("n0500000.example")).list();
    TreeSet<String> expected = new TreeSet<>(names);
    expected.add("m.example");
    expected.remove("n0500000.example");
    assertEquals(ListTexts.snapshotDigest(expected), next.digest());
  }

  @Test
  void addingAListedName_isTheConflict() {
    ReplayedList list =
        ReplayedList.empty().apply(List.of("a.example", "b.example"), List.of()).list();
    assertEquals(
        new ReplayedList.Conflict("b.example", true),
        list.apply(List.of("a0.example", "b.example"), List.of()).conflict());
  }

  @Test
  void removingANameNotListed_isTheConflict() {
    ReplayedList list = ReplayedList.empty().apply(List.of("a.example"), List.of()).list();
    assertEquals(
        new ReplayedList.Conflict("z.example", false),
        list.apply(List.of(), List.of("z.example")).conflict());
    assertEquals(
        new ReplayedList.Conflict("a.example", false),
        ReplayedList.empty().apply(List.of(), List.of("a.example")).conflict());
  }

  private static String name(Random random) {
    return Integer.toString(random.nextInt(1_000_000), 36) + ".example";
  }
}
