package org.blocklist.sync;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.blocklist.feed.FeedException;

/**
 * The agent's own Prometheus series ({@code --metrics}); none carries an entry name:
 *
 * <ul>
 *   <li>{@code blocklist_sync_verified_version}: the version of the last verified checkpoint;
 *   <li>{@code blocklist_sync_checkpoint_age_seconds}: time since a checkpoint last verified;
 *   <li>{@code blocklist_sync_stale}: 1 while that age is above {@code --max-age};
 *   <li>{@code blocklist_sync_failures_total{reason}}: failed attempts, by {@link
 *       FeedException.Reason} label, plus {@code io} for the agent's own files;
 *   <li>{@code blocklist_sync_applied_total}: versions applied; {@code blocklist_sync_entries}:
 *       entries in the output; {@code blocklist_sync_output_skipped_records}: RPZ records left out
 *       as too long for DNS;
 *   <li>{@code blocklist_sync_on_change_runs_total{result=ok|failed|timeout}}.
 * </ul>
 */
final class SyncMetrics {
  /** The failure label of the agent's own file writes. */
  static final String IO = "io";

  private final MeterRegistry registry;
  private final Clock clock;
  private final AtomicLong version = new AtomicLong();
  private final AtomicLong entries = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicLong stale = new AtomicLong();
  private final AtomicReference<Instant> verifiedAt;
  private final Map<String, Counter> failures = new ConcurrentHashMap<>();
  private final Counter applied;

  SyncMetrics(MeterRegistry registry, Clock clock, Instant verifiedAt) {
    this.registry = requireNonNull(registry, "registry");
    this.clock = requireNonNull(clock, "clock");
    this.verifiedAt = new AtomicReference<>(requireNonNull(verifiedAt, "verifiedAt"));
    Gauge.builder("blocklist.sync.verified.version", version, AtomicLong::get)
        .description("Version of the last verified checkpoint")
        .register(registry);
    Gauge.builder("blocklist.sync.checkpoint.age", this, m -> m.age().toMillis() / 1000.0)
        .baseUnit("seconds")
        .description("Time since a checkpoint from the server last verified")
        .register(registry);
    Gauge.builder("blocklist.sync.stale", stale, AtomicLong::get)
        .description("1 while no checkpoint verified for longer than --max-age")
        .register(registry);
    Gauge.builder("blocklist.sync.entries", entries, AtomicLong::get)
        .description("Entries in the applied version")
        .register(registry);
    Gauge.builder("blocklist.sync.output.skipped.records", skipped, AtomicLong::get)
        .description("RPZ records left out of the output as longer than DNS allows")
        .register(registry);
    applied =
        Counter.builder("blocklist.sync.applied")
            .description("Versions verified and applied")
            .register(registry);
    for (FeedException.Reason reason : FeedException.Reason.values()) {
      failure(reason.label());
    }
    failure(IO);
    for (String result : new String[] {"ok", "failed", "timeout"}) {
      onChangeCounter(result);
    }
  }

  MeterRegistry registry() {
    return registry;
  }

  Duration age() {
    Duration age = Duration.between(verifiedAt.get(), clock.instant());
    return age.isNegative() ? Duration.ZERO : age;
  }

  void verified(long verifiedVersion, Instant when) {
    version.set(verifiedVersion);
    verifiedAt.set(when);
  }

  /** A new version is in the output. */
  void applied(TrustedState state, int skippedRecords) {
    applied.increment();
    holding(state, skippedRecords);
  }

  /** The output holds {@code state} (at start, or rewritten). */
  void holding(TrustedState state, int skippedRecords) {
    entries.set(state.list().size());
    skipped.set(skippedRecords);
  }

  void stale(boolean isStale) {
    stale.set(isStale ? 1 : 0);
  }

  void failure(String reason) {
    failures
        .computeIfAbsent(
            reason,
            r ->
                Counter.builder("blocklist.sync.failures")
                    .description("Attempts that failed, nothing applied, by reason")
                    .tag("reason", r)
                    .register(registry))
        .increment(0);
  }

  void failed(String reason) {
    failure(reason);
    failures.get(reason).increment();
  }

  void onChange(String result) {
    onChangeCounter(result).increment();
  }

  private Counter onChangeCounter(String result) {
    return Counter.builder("blocklist.sync.on.change.runs")
        .description("Runs of --on-change by result")
        .tag("result", result)
        .register(registry);
  }
}
