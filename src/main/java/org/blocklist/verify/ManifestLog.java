package org.blocklist.verify;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.blocklist.log.Checkpoint;
import org.blocklist.log.Manifest;
import org.blocklist.log.ManifestFormatException;
import org.blocklist.log.MerkleTree;

/**
 * Reads the manifests of versions 1 to the checkpoint's size, a page at a time, and checks each as
 * it comes: listed under its own version, strictly in the format of DESIGN.md, versions contiguous
 * from 1, the trusted origin, {@code published} never earlier than the version before, counts that
 * fit the action (a block removes nothing, an unblock adds nothing). Appends each leaf to the tree.
 */
final class ManifestLog {
  private final List<Manifest> manifests = new ArrayList<>();
  private final MerkleTree tree = new MerkleTree();

  private ManifestLog() {}

  /** The manifests of {@code checkpoint}'s tree, read from {@code source}. */
  static ManifestLog read(
      Source source, Checkpoint checkpoint, String origin, VerifyLimits limits, Progress progress)
      throws VerificationException {
    requireNonNull(origin, "origin");
    long size = checkpoint.size();
    if (size > limits.maxVersions()) {
      throw new VerificationException(
          "checkpoint: size " + size + " (limit: " + limits.maxVersions() + " versions)");
    }
    ManifestLog log = new ManifestLog();
    while (log.manifests.size() < size) {
      long from = log.manifests.size() + 1L;
      int limit = (int) Math.min(limits.page(), size - from + 1);
      List<ServedManifest> page = source.manifests(from, limit);
      if (page.isEmpty()) {
        throw VerificationException.mismatch(
            "versions", "count", size, "the signed checkpoint", from - 1, "the manifests served");
      }
      for (ServedManifest served : page.subList(0, Math.min(page.size(), limit))) {
        log.add(served, origin);
      }
      progress.manifests(log.manifests.size(), size);
    }
    return log;
  }

  List<Manifest> manifests() {
    return manifests;
  }

  MerkleTree tree() {
    return tree;
  }

  private void add(ServedManifest served, String origin) throws VerificationException {
    long expected = manifests.size() + 1L;
    if (served.version() != expected) {
      throw VerificationException.mismatch(
          "versions",
          "version",
          expected,
          "contiguous from 1",
          served.version(),
          "the next manifest served");
    }
    String subject = VerificationException.version(expected);
    Manifest m;
    try {
      m = Manifest.parse(served.text());
    } catch (ManifestFormatException e) {
      throw new VerificationException(subject + ": manifest: " + e.getMessage(), e);
    }
    if (m.version() != expected) {
      throw VerificationException.mismatch(
          subject, "version", expected, "the version it is served as", m.version(), "its text");
    }
    if (!m.origin().equals(origin)) {
      throw VerificationException.mismatch(
          subject, "origin", origin, "the trusted key", m.origin(), "the manifest");
    }
    if (!manifests.isEmpty()) {
      Instant before = manifests.get(manifests.size() - 1).published();
      if (m.published().isBefore(before)) {
        throw new VerificationException(
            subject
                + ": published: "
                + m.published()
                + " is before version "
                + (expected - 1)
                + "'s "
                + before
                + " (expected: never earlier)");
      }
    }
    if (Manifest.BLOCK.equals(m.action()) ? m.removed() != 0 : m.added() != 0) {
      throw new VerificationException(
          subject
              + ": action "
              + m.action()
              + " with added "
              + m.added()
              + " and removed "
              + m.removed()
              + " (expected: a block removes nothing, an unblock adds nothing)");
    }
    manifests.add(m);
    tree.append(m.leafHash());
  }
}
