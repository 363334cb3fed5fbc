package org.blocklist.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.blocklist.log.Hash;
import org.blocklist.log.Manifest;
import org.blocklist.log.MerkleTree;
import org.blocklist.state.ListState;
import org.blocklist.state.VersionRecord;

/**
 * Published states built in memory, for tests of the faces: each version's manifest is real, its
 * "checkpoint" is the text {@code checkpoint N} (no signature: faces pass it through as it is).
 */
public final class TestStates {
  public static final String ORIGIN = "test.blocklist.example/log";

  private TestStates() {}

  public static ListState empty() {
    return ListState.of(List.of(), new MerkleTree(), new String[0], "checkpoint 0");
  }

  /** The state after blocking {@code names} (sorted here) on top of {@code before}. */
  public static ListState block(ListState before, String... names) {
    return next(before, sorted(names), List.of());
  }

  /** The state after unblocking {@code names} (sorted here) on top of {@code before}. */
  public static ListState unblock(ListState before, String... names) {
    return next(before, List.of(), sorted(names));
  }

  private static ListState next(ListState before, List<String> added, List<String> removed) {
    ListState.Successor next = before.successor(added, removed);
    long version = next.version();
    Manifest manifest =
        new Manifest(
            ORIGIN,
            version,
            Instant.parse("2026-12-01T00:00:00Z").plusSeconds(version),
            version,
            removed.isEmpty() ? Manifest.BLOCK : Manifest.UNBLOCK,
            added.size(),
            removed.size(),
            next.entryCount(),
            next.listDigest(),
            next.changesDigest(),
            Hash.sha256(("audit " + version).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    return next.publish(new VersionRecord(manifest, "checkpoint " + version, added, removed));
  }

  private static List<String> sorted(String... names) {
    List<String> out = new ArrayList<>(List.of(names));
    out.sort(null);
    return out;
  }
}
