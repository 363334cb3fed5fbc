package org.blocklist.sync;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.blocklist.feed.FeedException;
import org.blocklist.feed.Trust;
import org.blocklist.log.Checkpoint;
import org.blocklist.log.Hash;
import org.blocklist.log.Manifest;
import org.blocklist.log.ManifestFormatException;
import org.blocklist.log.ProofException;
import org.blocklist.log.ProofVerifier;
import org.blocklist.log.ResumableDigest;

/**
 * The state directory read back at start and checked as strictly as a delta: the trusted checkpoint
 * against the pinned key, the manifest's inclusion in it, and the list file against the manifest's
 * {@code entries} and {@code list}.
 *
 * <p>If {@value StateDirectory#TRUSTED} does not verify the agent refuses to start: without a
 * trusted checkpoint it could no longer tell a rolled-back or forked server, and an operator must
 * look. If only the list file is missing or damaged, the checkpoint stays the anchor: the agent
 * fetches the whole list again (a delta from 0) and takes it only if its checkpoint is consistent
 * with the trusted one ({@link #anchor}); the damaged file is moved to the evidence directory.
 *
 * @param anchor the trusted checkpoint that every later one must extend
 * @param anchorNote its signed note
 * @param state the whole trusted version, when its list file verified
 * @param listProblem why the list file was not taken, when it was not
 */
record StoredState(
    Checkpoint anchor,
    String anchorNote,
    Optional<TrustedState> state,
    Optional<String> listProblem) {
  StoredState {
    requireNonNull(anchor, "anchor");
    requireNonNull(anchorNote, "anchorNote");
    requireNonNull(state, "state");
    requireNonNull(listProblem, "listProblem");
  }

  /** Reads and checks what {@code dir} holds; a fresh directory is version 0. */
  static StoredState load(StateDirectory dir, Trust trust, long maxListBytes, int maxNames)
      throws SyncStartException {
    Optional<JsonNode> json;
    try {
      json = dir.readTrusted();
    } catch (IOException e) {
      throw refused(dir, "cannot be read: " + e.getMessage(), e);
    }
    if (json.isEmpty()) {
      TrustedState initial = TrustedState.initial(trust.origin());
      return new StoredState(initial.checkpoint(), "", Optional.of(initial), Optional.empty());
    }
    JsonNode j = json.get();
    if (!StateDirectory.FORMAT.equals(j.path("format").asText())) {
      throw refused(
          dir, "format " + j.path("format") + " (expected: " + StateDirectory.FORMAT + ")", null);
    }
    String note = j.path("checkpoint").asText();
    Checkpoint cp;
    try {
      cp = trust.verify(note);
    } catch (FeedException e) {
      throw refused(
          dir, "its checkpoint does not verify with the --trust key: " + e.getMessage(), e);
    }
    List<Hash> inclusion = new ArrayList<>();
    for (JsonNode h : j.path("inclusion")) {
      try {
        inclusion.add(Hash.fromBase64(h.asText()));
      } catch (IllegalArgumentException e) {
        throw refused(dir, "inclusion: " + h + " is not a base64 hash", e);
      }
    }
    Optional<Manifest> manifest = manifest(dir, cp, j.path("manifest").asText(), inclusion, trust);
    Path listFile = dir.listFile(cp.size());
    try {
      EntryList list = readList(listFile, manifest, maxListBytes, maxNames);
      return new StoredState(
          cp,
          note,
          Optional.of(new TrustedState(note, cp, manifest, inclusion, list)),
          Optional.empty());
    } catch (IOException | IllegalArgumentException e) {
      return new StoredState(
          cp, note, Optional.empty(), Optional.of(listFile + ": " + e.getMessage()));
    }
  }

  private static Optional<Manifest> manifest(
      StateDirectory dir, Checkpoint cp, String text, List<Hash> inclusion, Trust trust)
      throws SyncStartException {
    if (cp.size() == 0) {
      if (!text.isEmpty() || !inclusion.isEmpty()) {
        throw refused(dir, "a manifest at version 0 (expected: none)", null);
      }
      return Optional.empty();
    }
    try {
      Manifest m = Manifest.parse(text);
      if (!m.origin().equals(trust.origin()) || m.version() != cp.size()) {
        throw refused(
            dir,
            "manifest of "
                + m.origin()
                + " version "
                + m.version()
                + " (expected: "
                + trust.origin()
                + " version "
                + cp.size()
                + ", the checkpoint's)",
            null);
      }
      ProofVerifier.verifyInclusion(cp.size() - 1, cp.size(), m.leafHash(), inclusion, cp.root());
      return Optional.of(m);
    } catch (ManifestFormatException | ProofException e) {
      throw refused(dir, "manifest: " + e.getMessage(), e);
    }
  }

  private static EntryList readList(
      Path file, Optional<Manifest> manifest, long maxBytes, int maxNames) throws IOException {
    long size = Files.size(file);
    if (size > maxBytes) {
      throw new IOException(size + " bytes (expected: at most " + maxBytes + ")");
    }
    byte[] text = Files.readAllBytes(file);
    ResumableDigest resumable = ResumableDigest.of(text);
    Hash digest = resumable.hash();
    Hash expected = manifest.map(Manifest::list).orElseGet(Hash::sha256);
    if (!digest.equals(expected)) {
      throw new IOException(
          "digest " + digest + " (expected: " + expected + ", the trusted manifest's list)");
    }
    EntryList list = EntryList.parseSnapshot(text, maxNames, resumable);
    long entries = manifest.map(Manifest::entries).orElse(0L);
    if (list.size() != entries) {
      throw new IOException(list.size() + " names (expected: " + entries + ", the manifest's)");
    }
    return list;
  }

  private static SyncStartException refused(StateDirectory dir, String why, Throwable cause) {
    return new SyncStartException(
        "refusing to start: "
            + dir.trustedFile()
            + " "
            + why
            + ". The trusted checkpoint is what protects against a rolled-back or forked server;"
            + " check the --trust key, or move the state directory aside to start again from"
            + " version 0 (trusting whatever the server then says).",
        cause);
  }
}
