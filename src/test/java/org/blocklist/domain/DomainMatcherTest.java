package org.blocklist.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DomainMatcherTest {
  private static final DomainMatcher MATCHER =
      DomainMatcher.of(new String[] {"b.example", "bad.co.uk", "example.com", "x.y.z.example.org"});

  @Test
  void match_listedName_returnsTheEntry() {
    assertEquals("example.com", MATCHER.match("example.com"));
    assertEquals("bad.co.uk", MATCHER.match("bad.co.uk"));
    assertEquals("x.y.z.example.org", MATCHER.match("x.y.z.example.org"));
  }

  @Test
  void match_listedName_returnsTheSameStringObject() {
    String entry = "example.com";
    DomainMatcher matcher = DomainMatcher.of(new String[] {entry});

    assertSame(entry, matcher.match(new String("example.com".toCharArray())));
  }

  @Test
  void match_subdomain_returnsTheEntryAbove() {
    assertEquals("example.com", MATCHER.match("www.example.com"));
    assertEquals("b.example", MATCHER.match("a.b.example"));
    assertEquals("bad.co.uk", MATCHER.match("very.bad.co.uk"));
  }

  @Test
  void match_suffixNotOnLabelBoundary_isNull() {
    assertNull(MATCHER.match("notb.example"));
    assertNull(MATCHER.match("a-b.example"));
    assertNull(MATCHER.match("notexample.com"));
    assertNull(MATCHER.match("www.notexample.com"));
    assertNull(MATCHER.match("xbad.co.uk"));
  }

  @Test
  void match_parentOrSiblingOfAnEntry_isNull() {
    assertNull(MATCHER.match("example"));
    assertNull(MATCHER.match("co.uk"));
    assertNull(MATCHER.match("y.z.example.org"));
    assertNull(MATCHER.match("example.org"));
    assertNull(MATCHER.match("c.example"));
    assertNull(MATCHER.match("example.net"));
  }

  @Test
  void match_deepName_returnsTheEntry() {
    String deep = "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.example.com";

    assertEquals("example.com", MATCHER.match(deep));
    assertEquals("x.y.z.example.org", MATCHER.match("1.2.3.4.5.6.x.y.z.example.org"));
    assertNull(MATCHER.match("a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.example.net"));
  }

  @Test
  void match_nameShorterThanEveryEntry_isNull() {
    assertNull(MATCHER.match("a.io"));
    assertNull(MATCHER.match("com"));
    assertNull(MATCHER.match("a"));
    assertNull(MATCHER.match(""));
  }

  @Test
  void match_singleLabel_isNullUnlessListed() {
    assertNull(MATCHER.match("localhost"));
    assertNull(MATCHER.match("examplecom"));

    DomainMatcher withLabel = DomainMatcher.of(new String[] {"example", "test"});
    assertEquals("example", withLabel.match("example"));
    assertEquals("example", withLabel.match("b.example"));
    assertNull(withLabel.match("com"));
    assertNull(withLabel.match("b.exampl"));
  }

  @Test
  void match_emptyMatcher_isNull() {
    assertEquals(0, DomainMatcher.EMPTY.size());
    assertNull(DomainMatcher.EMPTY.match("example.com"));
    assertNull(DomainMatcher.EMPTY.match(""));
    assertNull(DomainMatcher.of(new String[0]).match("a"));
  }

  @Test
  void match_253OctetNames_matchOnlyOnLabelBoundaries() {
    String entry = label('e', 61) + ".example"; // 70 octets
    String longest = longName(entry, 253);
    String otherLongest = longName("e" + entry, 253);
    DomainMatcher matcher = DomainMatcher.of(new String[] {entry, longest});

    assertEquals(253, longest.length());
    assertEquals(entry, matcher.match(longest));
    assertEquals(entry, matcher.match(entry));
    assertNull(matcher.match(otherLongest));
    assertNull(matcher.match(longName("f.example", 253)));
  }

  @Test
  void match_253OctetEntry_isFoundAndBlocksNothingShorter() {
    String longest = longName("example", 253);
    DomainMatcher matcher = DomainMatcher.of(new String[] {longest});

    assertEquals(longest, matcher.match(longest));
    assertEquals(longest, matcher.match("a." + longest));
    assertNull(matcher.match(longest.substring(2)));
    assertNull(matcher.match("example"));
  }

  @Test
  void match_entryAndListedDescendant_returnsTheTopMostEntry() {
    DomainMatcher matcher =
        DomainMatcher.of(new String[] {"a.www.example.com", "example.com", "www.example.com"});

    assertEquals("example.com", matcher.match("www.example.com"));
    assertEquals("example.com", matcher.match("a.www.example.com"));
    assertEquals("example.com", matcher.match("b.a.www.example.com"));
    assertEquals("example.com", matcher.match("example.com"));
  }

  @Test
  void match_entriesWithEqualHashes_areToldApartByTheirText() {
    String[] pair = collidingNames();
    assertEquals(DomainMatcher.hash(pair[0]), DomainMatcher.hash(pair[1]));
    assertNotEquals(pair[0], pair[1]);

    DomainMatcher first = DomainMatcher.of(new String[] {pair[0]});
    assertEquals(pair[0], first.match(pair[0]));
    assertNull(first.match(pair[1]));
    assertNull(first.match("www." + pair[1]));

    DomainMatcher both = DomainMatcher.of(new String[] {pair[0], pair[1]});
    assertEquals(pair[0], both.match(pair[0]));
    assertEquals(pair[1], both.match(pair[1]));
    assertEquals(pair[1], both.match("www." + pair[1]));
  }

  @Test
  void of_doesNotModifyTheInput() {
    String[] entries = {"a.example", "b.example", "c.example", "example.com"};
    String[] copy = entries.clone();

    DomainMatcher matcher = DomainMatcher.of(entries);

    assertArrayEquals(copy, entries);
    for (int i = 0; i < entries.length; i++) {
      assertSame(copy[i], entries[i]);
    }
    assertEquals(4, matcher.size());
  }

  @Test
  void of_inputChangedAfterwards_matcherIsUnchanged() {
    String[] entries = {"a.example", "b.example"};
    DomainMatcher matcher = DomainMatcher.of(entries);

    entries[0] = "c.example";
    entries[1] = null;

    assertEquals("a.example", matcher.match("www.a.example"));
    assertEquals("b.example", matcher.match("b.example"));
    assertNull(matcher.match("c.example"));
  }

  @Test
  void of_manyEntries_findsEachOfThem() {
    String[] entries = new String[100_000];
    for (int i = 0; i < entries.length; i++) {
      entries[i] = "n" + i + ".example";
    }
    Arrays.sort(entries);

    DomainMatcher matcher = DomainMatcher.of(entries);

    assertEquals(100_000, matcher.size());
    for (String entry : entries) {
      assertSame(entry, matcher.match("www." + entry));
    }
    assertNull(matcher.match("n100000.example"));
    assertNull(matcher.match("n1.example.com"));
  }

  @Test
  void of_duplicateEntry_isRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DomainMatcher.of(new String[] {"a.example", "b.example", "b.example"}));

    assertEquals(
        "sortedEntries[2]: listed twice, first at 1 (expected: unique entries)", e.getMessage());
  }

  @Test
  void of_nullOrEmptyEntry_isRefused() {
    assertThrows(NullPointerException.class, () -> DomainMatcher.of(null));
    NullPointerException npe =
        assertThrows(
            NullPointerException.class, () -> DomainMatcher.of(new String[] {"a.example", null}));
    assertEquals("sortedEntries[1]", npe.getMessage());
    IllegalArgumentException iae =
        assertThrows(IllegalArgumentException.class, () -> DomainMatcher.of(new String[] {""}));
    assertEquals("sortedEntries[0]: empty (expected: a name)", iae.getMessage());
  }

  @Test
  void capacityFor_keepsTheLoadAtMostSixTenths() {
    assertEquals(2, DomainMatcher.capacityFor(0));
    assertEquals(2, DomainMatcher.capacityFor(1));
    assertEquals(4, DomainMatcher.capacityFor(2));
    assertEquals(1 << 21, DomainMatcher.capacityFor(1_000_000));
    for (int n = 1; n < 5_000; n++) {
      int capacity = DomainMatcher.capacityFor(n);
      assertEquals(0, capacity & (capacity - 1), "power of two for " + n);
      assertEquals(true, n <= capacity * 0.6, "load for " + n);
    }
  }

  private static String label(char c, int length) {
    return String.valueOf(c).repeat(length);
  }

  /** {@code parent} prefixed with labels of up to 63 'a's to exactly {@code length} octets. */
  private static String longName(String parent, int length) {
    StringBuilder name = new StringBuilder(parent);
    while (name.length() < length) {
      int room = length - name.length() - 1;
      name.insert(0, label('a', Math.min(63, Math.max(1, room))) + ".");
    }
    assertEquals(length, name.length(), "cannot pad " + parent);
    return name.toString();
  }

  /** Two distinct names with the same table hash, found by enumeration (a birthday search). */
  private static String[] collidingNames() {
    Map<Integer, String> seen = new HashMap<>();
    for (int i = 0; ; i++) {
      String name = "n" + i + ".example";
      String previous = seen.putIfAbsent(DomainMatcher.hash(name), name);
      if (previous != null) {
        return new String[] {previous, name};
      }
    }
  }
}
