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
