package org.blocklist.sync;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.blocklist.log.Hash;

/**
 * A {@code /v1/delta} answer as read, not yet verified (DESIGN.md, HTTP API): the names are
 * canonical and each list strictly sorted, which {@link DeltaParser} checks while it reads.
 *
 * @param from the version the delta starts from
 * @param to the version it leads to
 * @param added names added from {@code from} to {@code to}, sorted
 * @param removed names removed, sorted
 * @param manifest the manifest text of {@code to} ({@code ""} when {@code to} is 0)
 * @param checkpoint the signed checkpoint note of {@code to}
 * @param inclusion the proof that the manifest is leaf {@code to - 1} of the tree of size {@code
 *     to}
 * @param consistency the proof that the tree of size {@code from} is a prefix of it
 */
record DeltaMessage(
    long from,
    long to,
    List<String> added,
    List<String> removed,
    String manifest,
    String checkpoint,
    List<Hash> inclusion,
    List<Hash> consistency) {
  DeltaMessage {
    requireNonNull(manifest, "manifest");
    requireNonNull(checkpoint, "checkpoint");
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    inclusion = List.copyOf(inclusion);
    consistency = List.copyOf(consistency);
  }
}
