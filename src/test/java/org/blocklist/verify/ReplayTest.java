package org.blocklist.verify;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import org.blocklist.log.Hash;
import org.blocklist.log.ListTexts;
import org.blocklist.log.Manifest;
import org.junit.jupiter.api.Test;

/**
 * The replay's checks that only a consistent lie reaches (a manifest whose changes digest matches
 * changes that do not apply): a served history the server's own checks would refuse.
 */
class ReplayTest {
  private final Replay replay = new Replay(new ListDigests(Runnable::run, 1), 1_000_000);
  private final TreeSet<String> list = new TreeSet<>();

  @Test
  void aBlockOfANameAlreadyListed_isNamed() throws Exception {
    apply(1, List.of("a.example", "b.example"), List.of());
    VerificationException e =
        assertThrows(VerificationException.class, () -> apply(2, List.of("b.example"), List.of()));
    assertEquals("version 2: added: b.example is already listed (in version 1)", e.getMessage());
  }

  @Test
  void anUnblockOfANameNotListed_isNamed() throws Exception {
    apply(1, List.of("a.example"), List.of());
    VerificationException e =
        assertThrows(VerificationException.class, () -> apply(2, List.of(), List.of("c.example")));
    assertEquals("version 2: removed: c.example is not listed (in version 1)", e.getMessage());
  }

  @Test
  void aNameBothAddedAndRemoved_isNamed() {
    VerificationException e =
        assertThrows(
            VerificationException.class,
            () -> apply(1, List.of("a.example"), List.of("a.example")));
    assertEquals("version 1: changes: \"a.example\" is both added and removed", e.getMessage());
  }

  @Test
  void anIdnName_inItsCanonicalALabelForm_isAccepted() {
    assertDoesNotThrow(() -> apply(1, List.of("xn--fa-hia.de"), List.of()));
  }

  @Test
  void aTooLongName_isNotCanonical() {
    String name = "a".repeat(64) + ".example";
    VerificationException e =
        assertThrows(VerificationException.class, () -> apply(1, List.of(name), List.of()));
    assertEquals(
        "version 1: added: \"" + name + "\" is not a canonical entry name", e.getMessage());
  }

  /** A manifest that agrees with {@code added} and {@code removed}, whatever they are. */
  private void apply(long version, List<String> added, List<String> removed) throws Exception {
    TreeSet<String> after = new TreeSet<>(list);
    after.addAll(added);
    after.removeAll(removed);
    Manifest m =
        new Manifest(
            "blocklist.example/log",
            version,
            Instant.parse("2026-12-03T10:00:00Z"),
            version,
            added.isEmpty() ? Manifest.UNBLOCK : Manifest.BLOCK,
            added.size(),
            removed.size(),
            after.size(),
            ListTexts.snapshotDigest(after),
            ListTexts.changesDigest(added, removed),
            Hash.ZERO);
    replay.apply(m, new Changes(version, added, removed));
    replay.finish();
    list.clear();
    list.addAll(after);
  }
}
