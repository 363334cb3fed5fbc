package org.blocklist.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.blocklist.feed.FeedException;
import org.blocklist.log.Hash;
import org.junit.jupiter.api.Test;

/** The list the agent holds: applying a delta, and its snapshot text read back strictly. */
class EntryListTest {
  @Property(tries = 300)
  void apply_isTheSetDifferenceAndUnion(
      @ForAll("names") TreeSet<String> base, @ForAll("names") TreeSet<String> other)
      throws Exception {
    EntryList list = EntryList.parseSnapshot(text(base), 1000);
    List<String> added = new ArrayList<>(other);
    added.removeAll(base);
    List<String> removed = new ArrayList<>(base);
    removed.retainAll(
        other.isEmpty() ? List.of() : List.of(other.first(), base.isEmpty() ? "" : base.first()));
    TreeSet<String> expected = new TreeSet<>(base);
    expected.removeAll(removed);
    expected.addAll(added);
    EntryList next = list.apply(added, removed, 7, 1000);
    assertEquals(new ArrayList<>(expected), next);
    assertEquals(Hash.sha256(text(expected)), next.digest());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    next.writeSnapshot(out);
    assertEquals(
        new String(text(expected), StandardCharsets.US_ASCII),
        out.toString(StandardCharsets.US_ASCII));
  }

  /**
   * Lists larger than the digest's stride (64 KiB), changed version after version in a few random
   * places: each list's digest, resumed from the one before, is the JDK's SHA-256 of the naive text
   * (the oracle), and its snapshot text is that text.
   */
  @Property(tries = 15)
  void chainedApplies_digestAndTextEqualTheNaiveOnes(@ForAll long seed) throws Exception {
    java.util.Random random = new java.util.Random(seed);
    TreeSet<String> expected = new TreeSet<>();
    while (expected.size() < 6000 + random.nextInt(3000)) {
      expected.add(randomName(random));
    }
    EntryList list = EntryList.parseSnapshot(text(expected), 100_000);
    assertEquals(oracle(text(expected)), list.digest());
    for (int v = 0; v < 6; v++) {
      TreeSet<String> added = new TreeSet<>();
      TreeSet<String> removed = new TreeSet<>();
      List<String> current = new ArrayList<>(expected);
      for (int i = random.nextInt(4); i >= 0; i--) {
        String name = randomName(random);
        if (!expected.contains(name)) {
          added.add(name);
        }
        if (random.nextBoolean()) {
          removed.add(current.get(random.nextInt(current.size())));
        }
      }
      removed.removeAll(added);
      EntryList next = list.apply(new ArrayList<>(added), new ArrayList<>(removed), v, 100_000);
      expected.removeAll(removed);
      expected.addAll(added);
      assertEquals(new ArrayList<>(expected), next);
      assertEquals(oracle(text(expected)), next.digest(), "version " + v);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      next.writeSnapshot(out);
      assertEquals(
          new String(text(expected), StandardCharsets.US_ASCII),
          out.toString(StandardCharsets.US_ASCII));
      list = next;
    }
  }

  private static String randomName(java.util.Random random) {
    StringBuilder b = new StringBuilder();
    for (int i = 3 + random.nextInt(12); i > 0; i--) {
      b.append((char) ('a' + random.nextInt(26)));
    }
    return b.append(".example").toString();
  }

  private static Hash oracle(byte[] text) throws Exception {
    return Hash.of(java.security.MessageDigest.getInstance("SHA-256").digest(text));
  }

  @Provide
  Arbitrary<TreeSet<String>> names() {
    return Arbitraries.strings()
        .withCharRange('a', 'e')
        .ofMinLength(1)
        .ofMaxLength(3)
        .map(s -> s + ".example")
        .set()
        .ofMaxSize(20)
        .map(TreeSet::new);
  }

  @Test
  void apply_refusesAnAddedNameAlreadyListed_andARemovedOneNotListed() throws Exception {
    EntryList list =
        EntryList.parseSnapshot("a.example\nc.example\n".getBytes(StandardCharsets.US_ASCII), 10);
    assertEquals(
        "delta: added[1] is already listed at version 4",
        assertThrows(
                FeedException.class,
                () -> list.apply(List.of("b.example", "c.example"), List.of(), 4, 10))
            .getMessage());
    assertEquals(
        "delta: removed[0] is not listed at version 4",
        assertThrows(FeedException.class, () -> list.apply(List.of(), List.of("b.example"), 4, 10))
            .getMessage());
    assertEquals(
        "delta: added[0] is also removed[0]",
        assertThrows(
                FeedException.class,
                () -> list.apply(List.of("a.example"), List.of("a.example"), 4, 10))
            .getMessage());
    FeedException tooMany =
        assertThrows(FeedException.class, () -> list.apply(List.of("b.example"), List.of(), 4, 2));
    assertEquals(FeedException.Reason.TOO_LARGE, tooMany.reason());
  }

  @Test
  void parseSnapshot_refusesWhatIsNotSnapshotText_namingTheLine() {
    assertEquals("the last line does not end in a newline", refusal("a.example"));
    assertEquals(
        "line 2: not after line 1 (expected: sorted, unique)", refusal("b.example\na.example\n"));
    assertEquals(
        "line 2: not after line 1 (expected: sorted, unique)", refusal("a.example\na.example\n"));
    assertEquals("line 1: not a canonical name", refusal("A.example\n"));
    assertEquals("line 2: not a canonical name", refusal("a.example\n\n"));
    assertEquals("line 1: not a canonical name", refusal("caf\u00e9.example\n"));
  }

  private static String refusal(String text) {
    return assertThrows(
            IllegalArgumentException.class,
            () -> EntryList.parseSnapshot(text.getBytes(StandardCharsets.UTF_8), 10))
        .getMessage();
  }

  private static byte[] text(Iterable<String> names) {
    StringBuilder b = new StringBuilder();
    names.forEach(n -> b.append(n).append('\n'));
    return b.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
