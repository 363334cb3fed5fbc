package org.blocklist.verify;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.blocklist.feed.FeedException;
import org.blocklist.feed.FeedHttp;
import org.blocklist.feed.Trust;
import org.blocklist.log.Checkpoint;
import org.blocklist.log.Hash;
import org.blocklist.log.Manifest;

/**
 * The auditor's check of a whole history, from the server or from an archive, in this order; the
 * first thing that does not verify ends it:
 *
 * <ol>
 *   <li>the checkpoint: a signed note of the trusted key, of the trusted origin ({@link Trust});
 *   <li>the manifests of versions 1 to its size ({@link ManifestLog});
 *   <li>the replay of every version's changes from the empty list, with every count and digest of
 *       its manifest ({@link Replay});
 *   <li>the audit chain and its anchors in the manifests ({@link AuditCheck});
 *   <li>the root of the tree over the manifests against the signed checkpoint;
 *   <li>the public figures of {@code /v1/transparency}, recounted from the manifests and the audit
 *       events ({@link TransparencyCheck}).
 * </ol>
 *
 * <p>Threads are the caller's: {@code fetcher} fetches changes ahead of the replay (one thread is
 * enough), {@code hasher} hashes replayed lists (two threads use both cores of a small machine).
 */
public final class Verifier {
  /** Versions whose changes are fetched ahead of the replay. */
  static final int FETCH_AHEAD = 4;

  /** Replayed lists hashed at once. */
  static final int HASHING = 2;

  private final Trust trust;
  private final VerifyLimits limits;
  private final Clock clock;
  private final PrintStream progress;
  private final Executor fetcher;
  private final Executor hasher;

  public Verifier(
      Trust trust,
      VerifyLimits limits,
      Clock clock,
      PrintStream progress,
      Executor fetcher,
      Executor hasher) {
    this.trust = requireNonNull(trust, "trust");
    this.limits = requireNonNull(limits, "limits");
    this.clock = requireNonNull(clock, "clock");
    this.progress = requireNonNull(progress, "progress");
    this.fetcher = requireNonNull(fetcher, "fetcher");
    this.hasher = requireNonNull(hasher, "hasher");
  }

  /**
   * Verifies the history {@code http} serves; with {@code archive}, also keeps everything fetched
   * there (a new or empty directory), even when the history does not verify.
   */
  public Report verifyServer(FeedHttp http, Optional<Path> archive) throws VerificationException {
    Source source = new ServerSource(http, limits);
    if (archive.isEmpty()) {
      return verify(source);
    }
    Archive a = Archive.create(archive.get());
    a.write(Archive.README, readme(http.server().toString()));
    Report report;
    try {
      report = verify(new ArchivingSource(source, a));
    } catch (VerificationException e) {
      try {
        a.sync();
      } catch (VerificationException syncFailed) {
        e.addSuppressed(syncFailed);
      }
      throw e;
    }
    a.sync();
    return report;
  }

  /** Verifies an archive written by {@link #verifyServer}, with no network. */
  public Report verifyArchive(Path dir) throws VerificationException {
    return verify(new ArchiveSource(dir, limits));
  }

  Report verify(Source source) throws VerificationException {
    Progress p = new Progress(progress, clock);
    Checkpoint checkpoint;
    try {
      checkpoint = trust.verify(source.checkpoint());
    } catch (FeedException e) {
      throw new VerificationException(e.getMessage(), e);
    }
    ManifestLog log = ManifestLog.read(source, checkpoint, trust.origin(), limits, p);
    List<Manifest> manifests = log.manifests();
    long entries = replay(source, manifests, p);
    AuditCheck audit = new AuditCheck(manifests, log.tree(), limits.maxEvents());
    TransparencyCheck figures = new TransparencyCheck();
    for (List<ServedEvent> page = source.events(1, limits.page());
        !page.isEmpty();
        page = source.events(audit.next(), limits.page())) {
      for (ServedEvent e : page) {
        audit.accept(e);
        figures.event(e);
      }
      p.events(audit.next() - 1);
    }
    AuditSummary summary = audit.finish();
    Hash root = log.tree().root(manifests.size());
    if (!root.equals(checkpoint.root())) {
      throw VerificationException.mismatch(
          "checkpoint",
          "root",
          checkpoint.root().base64(),
          "the signed checkpoint of size " + checkpoint.size(),
          root.base64(),
          "the tree over the served manifests 1.." + manifests.size());
    }
    Optional<byte[]> served = source.transparency();
    String transparency =
        served.isEmpty() ? "not in this archive" : figures.compare(manifests, served.get());
    return new Report(
        source.describe(),
        checkpoint,
        entries,
        manifests.isEmpty() ? Optional.empty() : Optional.of(manifests.get(0).published()),
        manifests.isEmpty()
            ? Optional.empty()
            : Optional.of(manifests.get(manifests.size() - 1).published()),
        summary,
        transparency);
  }

  /** Replays every version; returns the entries of the latest. */
  private long replay(Source source, List<Manifest> manifests, Progress p)
      throws VerificationException {
    Replay replay = new Replay(new ListDigests(hasher, HASHING), limits.maxEntries());
    long size = manifests.size();
    try (ChangesAhead ahead = new ChangesAhead(source, fetcher, FETCH_AHEAD, size)) {
      for (Manifest m : manifests) {
        try {
          replay.apply(m, Changes.parse(m.version(), ahead.take(m.version())));
        } catch (VerificationException e) {
          replay.finish(); // an earlier version's list digest fails first
          throw e;
        }
        p.versions(m.version(), size, replay.entries());
      }
      replay.finish();
    }
    return replay.entries();
  }

  private byte[] readme(String server) {
    return ("An archive of blocklist verify: the history of the log served by "
            + server
            + ",\nfetched from "
            + clock.instant()
            + ". Re-verify it with no network:\n\n"
            + "  java -jar blocklist.jar verify --archive DIR --trust KEY\n\n"
            + "checkpoint                  the signed checkpoint (GET /v1/checkpoint)\n"
            + "versions/NNNNNNNN.manifest  the manifest of each version (the log leaves)\n"
            + "changes/NNNNNNNN.json       each version's changes (GET /v1/versions/N/changes)\n"
            + "events/NNNNNNNN.json        each page of audit events, named by its first event\n"
            + "                            (GET /v1/audit/events?from=N&limit=1000)\n"
            + "transparency.json           the public figures (GET /v1/transparency), recounted\n")
        .getBytes(StandardCharsets.UTF_8);
  }
}
