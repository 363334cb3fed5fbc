package org.blocklist.verify;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.blocklist.log.Checkpoint;

/**
 * What a verified history holds: the short report {@code verify} prints on stdout.
 *
 * @param source where it was read from
 * @param checkpoint the signed checkpoint it was verified against
 * @param entries entries of the latest version
 * @param firstPublished publication time of version 1, if any
 * @param lastPublished publication time of the latest version, if any
 * @param audit what the audit chain holds
 * @param transparency what the recount of the public figures found
 */
public record Report(
    String source,
    Checkpoint checkpoint,
    long entries,
    Optional<Instant> firstPublished,
    Optional<Instant> lastPublished,
    AuditSummary audit,
    String transparency) {

  public Report {
    requireNonNull(source, "source");
    requireNonNull(checkpoint, "checkpoint");
    requireNonNull(firstPublished, "firstPublished");
    requireNonNull(lastPublished, "lastPublished");
    requireNonNull(audit, "audit");
    requireNonNull(transparency, "transparency");
  }

  /** The versions in the log. */
  public long versions() {
    return checkpoint.size();
  }

  /** A few lines for a person, each {@code key: value}. */
  public String text() {
    StringBuilder b = new StringBuilder();
    line(b, "verified", checkpoint.origin() + " from " + source);
    line(b, "versions", String.format(Locale.ROOT, "%,d", versions()));
    line(b, "entries", String.format(Locale.ROOT, "%,d", entries));
    line(
        b,
        "requisitions",
        String.format(
            Locale.ROOT,
            "%,d submitted: %,d approved, %,d rejected, %,d withdrawn, %,d pending",
            audit.submitted(),
            audit.approved(),
            audit.rejected(),
            audit.withdrawn(),
            audit.pending()));
    line(b, "first published", firstPublished.map(Instant::toString).orElse("none"));
    line(b, "last published", lastPublished.map(Instant::toString).orElse("none"));
    line(
        b,
        "audit events",
        String.format(
            Locale.ROOT,
            "%,d, chain head %s (%,d after the latest version's approval, anchored by the next"
                + " version)",
            audit.events(),
            audit.head().hex(),
            audit.afterLastAnchor()));
    line(b, "transparency", transparency);
    line(
        b,
        "checkpoint",
        String.format(
            Locale.ROOT, "size %d, root %s", checkpoint.size(), checkpoint.root().base64()));
    return b.toString();
  }

  private static void line(StringBuilder b, String key, String value) {
    b.append(key).append(": ").append(value).append('\n');
  }
}
