package org.blocklist.sync;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import org.blocklist.log.Checkpoint;
import org.blocklist.log.Hash;
import org.blocklist.log.Manifest;
import org.blocklist.log.TreeHashes;

/**
 * A version the agent has verified: its signed checkpoint, its manifest with the inclusion proof
 * that ties it to the checkpoint (none for version 0), and its list.
 *
 * @param note the signed checkpoint note as the server sent it ({@code ""} before any was verified)
 * @param checkpoint the checkpoint that {@code note} carries
 * @param manifest the manifest of version {@code checkpoint.size()}, empty for version 0
 * @param inclusion the proof that the manifest is the tree's last leaf
 * @param list the entries of that version
 */
record TrustedState(
    String note,
    Checkpoint checkpoint,
    Optional<Manifest> manifest,
    List<Hash> inclusion,
    EntryList list) {
  TrustedState {
    requireNonNull(note, "note");
    requireNonNull(checkpoint, "checkpoint");
    requireNonNull(manifest, "manifest");
    requireNonNull(list, "list");
    inclusion = List.copyOf(inclusion);
    if (manifest.isPresent() != (checkpoint.size() > 0)) {
      throw new IllegalArgumentException(
          "manifest: " + manifest.isPresent() + " at size " + checkpoint.size());
    }
  }

  /** Nothing verified yet: version 0, the empty list, of {@code origin}. */
  static TrustedState initial(String origin) {
    return new TrustedState(
        "",
        new Checkpoint(origin, 0, TreeHashes.EMPTY_ROOT),
        Optional.empty(),
        List.of(),
        EntryList.EMPTY);
  }

  long version() {
    return checkpoint.size();
  }

  /** The list digest ({@code SHA-256} of the snapshot text) the manifest fixes. */
  Hash listDigest() {
    return manifest.map(Manifest::list).orElseGet(Hash::sha256);
  }
}
