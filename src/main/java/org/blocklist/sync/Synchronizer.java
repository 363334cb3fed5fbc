package org.blocklist.sync;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.blocklist.feed.FeedException;
import org.blocklist.feed.FeedException.Reason;
import org.blocklist.feed.Trust;
import org.blocklist.log.Checkpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt of the agent: ask for the delta from the trusted version, verify it ({@link
 * DeltaVerifier}), and only then apply it: the state directory first (the commit point), then the
 * output, then {@code --on-change}. A rolled-back or forked server's checkpoint is kept as
 * evidence; nothing else is written for a refused delta, so the last good output stays as it was.
 */
final class Synchronizer {
  private static final Logger LOG = LoggerFactory.getLogger(Synchronizer.class);

  private final Trust trust;
  private final DeltaSource source;
  private final DeltaVerifier verifier;
  private final StateDirectory dir;
  private final Evidence evidence;
  private final Output output;
  private final OnChange onChange;
  private final SyncMetrics metrics;
  private final Clock clock;
  private final CommitListener committed;
  private final ReentrantLock applying = new ReentrantLock();

  private Checkpoint anchor;
  private String anchorNote;
  private TrustedState trusted;

  /**
   * @param onChange the command to run after a change, or {@code null}
   * @param stored what the state directory held; without a verified list the first attempt fetches
   *     the whole list (from 0) and checks it against the stored checkpoint
   * @param committed told of each version once it is committed and in the output
   */
  Synchronizer(
      Trust trust,
      DeltaSource source,
      StateDirectory dir,
      Evidence evidence,
      Output output,
      OnChange onChange,
      SyncMetrics metrics,
      Clock clock,
      StoredState stored,
      int maxNames,
      CommitListener committed) {
    this.trust = requireNonNull(trust, "trust");
    this.source = requireNonNull(source, "source");
    this.verifier = new DeltaVerifier(trust, maxNames);
    this.dir = requireNonNull(dir, "dir");
    this.evidence = requireNonNull(evidence, "evidence");
    this.output = requireNonNull(output, "output");
    this.onChange = onChange;
    this.metrics = requireNonNull(metrics, "metrics");
    this.clock = requireNonNull(clock, "clock");
    this.committed = requireNonNull(committed, "committed");
    this.anchor = stored.anchor();
    this.anchorNote = stored.anchorNote();
    this.trusted = stored.state().orElse(null);
  }

  /** The version the resolvers have (the anchor's, once a resync has applied). */
  long version() {
    return anchor.size();
  }

  /** Held while a version is being applied; a stop waits for it. */
  ReentrantLock applying() {
    return applying;
  }

  /**
   * Writes the output if it is not what the trusted state gives (a crash before it was written).
   */
  void refreshOutput() throws IOException {
    if (trusted != null && !output.isCurrent(trusted)) {
      int skipped = output.write(trusted, dir.listFile(trusted.version()));
      metrics.holding(trusted, skipped);
      LOG.info("output {} rewritten for version {}", output.file(), trusted.version());
      runOnChange(trusted);
    } else if (trusted != null) {
      metrics.holding(trusted, 0);
    }
  }

  /**
   * One attempt, the long-poll held at most {@code wait}.
   *
   * @return whether a new version was applied
   */
  boolean attempt(Duration wait) throws FeedException, IOException {
    boolean resync = trusted == null;
    long from = resync ? 0 : trusted.version();
    DeltaSource.Fetched fetched;
    try {
      fetched = source.delta(from, wait);
    } catch (FeedException e) {
      if (e.reason() == Reason.STATUS && e.status() == 409 && "ahead_of_server".equals(e.error())) {
        throw rolledBack(e);
      }
      throw e;
    }
    DeltaMessage delta = fetched.message();
    TrustedState next;
    try {
      next =
          verifier.verify(
              anchor,
              from,
              resync ? EntryList.EMPTY : trusted.list(),
              delta,
              (size1, size2) -> resync ? source.consistency(size1, size2) : delta.consistency());
    } catch (FeedException e) {
      if (e.reason() == Reason.ROLLBACK || e.reason() == Reason.FORK) {
        keepEvidence(e, delta.checkpoint(), fetched.body());
      }
      throw e;
    }
    Instant now = clock.instant();
    metrics.verified(next.version(), now);
    boolean changed = resync || next.version() != trusted.version();
    if (changed) {
      apply(next, delta);
    }
    dir.recordVerified(now);
    return changed;
  }

  private void apply(TrustedState next, DeltaMessage delta) throws IOException {
    long previous = anchor.size();
    int skipped;
    applying.lock();
    try {
      dir.commit(next);
      trusted = next;
      anchor = next.checkpoint();
      anchorNote = next.note();
      skipped = output.write(next, dir.listFile(next.version()));
      if (previous != next.version()) {
        dir.forget(previous);
      }
    } finally {
      applying.unlock();
    }
    committed.committed(delta.from(), next, delta.added(), delta.removed());
    metrics.applied(next, skipped);
    LOG.info(
        "applied version {} (delta from {}: {} added, {} removed), {} entries, list {}{}",
        next.version(),
        delta.from(),
        delta.added().size(),
        delta.removed().size(),
        next.list().size(),
        next.listDigest(),
        skipped == 0 ? "" : "; " + skipped + " RPZ records left out as too long for DNS");
    runOnChange(next);
  }

  private void runOnChange(TrustedState state) {
    if (onChange != null) {
      onChange.run(state.version(), output.file());
    }
  }

  /** The server says it is behind the trusted version: show it with its own signed checkpoint. */
  private FeedException rolledBack(FeedException answer) throws FeedException {
    String note = source.checkpoint();
    Checkpoint cp = trust.verify(note);
    if (cp.size() >= anchor.size()) {
      return new FeedException(
          Reason.MALFORMED,
          answer.getMessage()
              + ", but its checkpoint is at size "
              + cp.size()
              + " (the trusted size is "
              + anchor.size()
              + ")");
    }
    FeedException e =
        new FeedException(
            Reason.ROLLBACK,
            "the server's signed checkpoint is at size "
                + cp.size()
                + " (expected: at least "
                + anchor.size()
                + ", the trusted checkpoint's): the server's log went back");
    keepEvidence(e, note, answer.getMessage().getBytes(StandardCharsets.UTF_8));
    return e;
  }

  private void keepEvidence(FeedException e, String offending, byte[] answer) {
    try {
      List<Path> kept = evidence.keep(e.reason(), offending, answer, anchorNote);
      LOG.error(
          "{}: evidence kept in {}",
          e.reason().label(),
          kept.isEmpty() ? evidence.dir() + " (full)" : kept.get(0));
    } catch (IOException io) {
      LOG.error(
          "{}: the evidence could not be kept in {}: {}",
          e.reason().label(),
          evidence.dir(),
          io.getMessage());
    }
  }
}
