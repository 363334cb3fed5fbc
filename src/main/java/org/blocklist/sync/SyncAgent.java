package org.blocklist.sync;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.blocklist.feed.FeedException;
import org.blocklist.feed.FeedHttp;
import org.blocklist.feed.Trust;
import org.blocklist.rpz.RpzZone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code blocklist sync}: keeps a verified copy of the list next to an ISP's resolvers. Start at
 * {@link #open}, then {@link #once} or {@link #watch}. Each attempt is a {@link Synchronizer} step;
 * a failure applies nothing, is logged as one alarm line naming the reason and what differed,
 * counted in {@code blocklist_sync_failures_total{reason}}, and retried after an exponential
 * backoff with jitter. No checkpoint verified for longer than {@code --max-age} raises {@code
 * blocklist_sync_stale} and a loud log line.
 */
public final class SyncAgent implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SyncAgent.class);

  /**
   * A long-poll answered with no change sooner than half its wait (or any answer with no change
   * when {@code --max-age} is too short for a long-poll) is followed by this pause.
   */
  static final Duration MIN_POLL_INTERVAL = Duration.ofSeconds(1);

  /** How long a stop waits for a version being applied to be in place. */
  static final Duration STOP_WAIT = Duration.ofSeconds(10);

  private final SyncSettings settings;
  private final SyncEnvironment env;
  private final StateDirectory dir;
  private final Synchronizer sync;
  private final SyncMetrics metrics;
  private final MetricsServer metricsServer;
  private final RpzListener rpzListener;
  private final Backoff backoff;
  private final CountDownLatch stop = new CountDownLatch(1);
  private boolean stale;

  /** The outcome of {@link #once}: exit status 0 if {@code ok}, else 1; the message says why. */
  public record Result(boolean ok, String message) {}

  private SyncAgent(
      SyncSettings settings,
      SyncEnvironment env,
      StateDirectory dir,
      Synchronizer sync,
      SyncMetrics metrics,
      MetricsServer metricsServer,
      RpzListener rpzListener) {
    this.settings = settings;
    this.env = env;
    this.dir = dir;
    this.sync = sync;
    this.metrics = metrics;
    this.metricsServer = metricsServer;
    this.rpzListener = rpzListener;
    this.backoff =
        new Backoff(env.limits().backoffStart(), env.limits().backoffMax(), env.random());
  }

  /**
   * Reads the trust key, locks and checks the state directory, brings the output in line with the
   * trusted version, and starts the metrics listener and the RPZ zone ({@code --serve-rpz}) if
   * asked, the zone at the trusted version of the state directory.
   */
  public static SyncAgent open(SyncSettings settings, SyncEnvironment env)
      throws SyncStartException {
    requireNonNull(settings, "settings");
    requireNonNull(env, "env");
    Trust trust;
    try {
      trust = Trust.read(settings.trust());
    } catch (IOException e) {
      throw new SyncStartException("--trust " + settings.trust() + ": " + e.getMessage(), e);
    }
    StateDirectory dir = StateDirectory.open(settings.state());
    try {
      return open(settings, env, trust, dir);
    } catch (SyncStartException | RuntimeException e) {
      closeQuietly(dir);
      throw e;
    }
  }

  private static SyncAgent open(
      SyncSettings settings, SyncEnvironment env, Trust trust, StateDirectory dir)
      throws SyncStartException {
    SyncLimits limits = env.limits();
    StoredState stored = StoredState.load(dir, trust, limits.maxDeltaBytes(), limits.maxNames());
    Output output =
        new Output(settings.format(), settings.out(), settings.zone(), settings.action());
    Instant verifiedAt = dir.verifiedAt().orElse(env.clock().instant());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    SyncMetrics metrics = new SyncMetrics(registry, env.clock(), verifiedAt);
    metrics.verified(stored.anchor().size(), verifiedAt);
    Evidence evidence = new Evidence(dir.evidenceDir(), env.clock());
    try {
      if (stored.listProblem().isPresent()) {
        setAside(dir, stored, evidence, env);
      } else {
        dir.removeLeftovers(stored.anchor().size());
      }
      AtomicFiles.removeLeftovers(output.file());
    } catch (IOException e) {
      throw new SyncStartException("state directory " + dir.dir() + ": " + e.getMessage(), e);
    }
    OnChange onChange =
        settings.onChange().map(c -> new OnChange(c, limits.onChangeTime(), metrics)).orElse(null);
    RpzListener rpz = serveRpz(settings, stored, registry, env);
    try {
      return open(
          settings, env, trust, dir, stored, output, metrics, registry, evidence, onChange, rpz);
    } catch (SyncStartException | RuntimeException e) {
      if (rpz != null) {
        rpz.close();
      }
      throw e;
    }
  }

  /**
   * The RPZ listener of {@code --serve-rpz}, serving the trusted version the state directory holds
   * (version 0, empty, until a list has verified), or {@code null} when not asked.
   */
  private static RpzListener serveRpz(
      SyncSettings settings,
      StoredState stored,
      PrometheusMeterRegistry registry,
      SyncEnvironment env)
      throws SyncStartException {
    if (settings.serveRpz().isEmpty()) {
      return null;
    }
    ServeRpz serve = settings.serveRpz().get();
    AgentZone zone =
        stored
            .state()
            .map(s -> new AgentZone(s.version(), s.list()))
            .orElseGet(() -> new AgentZone(0, EntryList.EMPTY));
    try {
      return RpzListener.start(
          serve,
          RpzZone.of(settings.zone(), settings.action()),
          zone,
          registry,
          env.clock(),
          Ticker.systemTicker(),
          env.random());
    } catch (IOException e) {
      throw new SyncStartException("--serve-rpz " + serve.address() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SyncStartException("--serve-rpz " + serve.address() + ": interrupted", e);
    }
  }

  private static SyncAgent open(
      SyncSettings settings,
      SyncEnvironment env,
      Trust trust,
      StateDirectory dir,
      StoredState stored,
      Output output,
      SyncMetrics metrics,
      PrometheusMeterRegistry registry,
      Evidence evidence,
      OnChange onChange,
      RpzListener rpz)
      throws SyncStartException {
    SyncLimits limits = env.limits();
    Synchronizer sync =
        new Synchronizer(
            trust,
            new DeltaSource(new FeedHttp(settings.server(), settings.token()), limits),
            dir,
            evidence,
            output,
            onChange,
            metrics,
            env.clock(),
            stored,
            limits.maxNames(),
            rpz == null ? CommitListener.NONE : rpz);
    try {
      sync.refreshOutput();
    } catch (IOException e) {
      throw new SyncStartException("output " + output.file() + ": " + e.getMessage(), e);
    }
    MetricsServer server = null;
    if (settings.metrics().isPresent()) {
      try {
        server = MetricsServer.start(settings.metrics().get(), registry);
        LOG.info(
            "metrics on http://{}:{}/metrics",
            settings.metrics().get().getAddress().getHostAddress(),
            server.port());
      } catch (IOException e) {
        throw new SyncStartException(
            "--metrics " + settings.metrics().get() + ": cannot listen: " + e.getMessage(), e);
      }
    }
    LOG.info(
        "sync agent for {} on state {}: trusted version {}, output {} ({})",
        settings.server(),
        dir.dir(),
        stored.anchor().size(),
        output.file(),
        output.format().label());
    return new SyncAgent(settings, env, dir, sync, metrics, server, rpz);
  }

  /** The damaged list file goes to the evidence directory; the next attempt resyncs from 0. */
  private static void setAside(
      StateDirectory dir, StoredState stored, Evidence evidence, SyncEnvironment env)
      throws IOException {
    LOG.error(
        "the stored list of version {} does not verify ({}); fetching the whole list again, to be"
            + " accepted only if consistent with the trusted checkpoint",
        stored.anchor().size(),
        stored.listProblem().get());
    Path list = dir.listFile(stored.anchor().size());
    if (Files.exists(list)) {
      Files.createDirectories(evidence.dir());
      Path aside =
          evidence
              .dir()
              .resolve(env.clock().instant().toEpochMilli() + "-damaged-" + list.getFileName());
      Files.move(list, aside, StandardCopyOption.ATOMIC_MOVE);
      LOG.error("damaged list file moved to {}", aside);
    }
    dir.removeLeftovers(-1);
  }

  /** The port the metrics listener is bound to (for {@code --metrics 127.0.0.1:0}). */
  public int metricsPort() {
    if (metricsServer == null) {
      throw new IllegalStateException("no --metrics listener");
    }
    return metricsServer.port();
  }

  /** The port the RPZ zone is served on, TCP and UDP (for {@code --serve-rpz 127.0.0.1:0}). */
  public int rpzPort() {
    if (rpzListener == null) {
      throw new IllegalStateException("no --serve-rpz listener");
    }
    return rpzListener.port();
  }

  /** One attempt without waiting for a new version. */
  public Result once() {
    try {
      boolean applied = sync.attempt(Duration.ZERO);
      return new Result(
          true,
          (applied ? "applied version " : "up to date at version ")
              + sync.version()
              + "; output "
              + settings.out());
    } catch (FeedException e) {
      metrics.failed(e.reason().label());
      return new Result(false, failure(e.reason().label(), e.getMessage()) + staleness());
    } catch (IOException e) {
      metrics.failed(SyncMetrics.IO);
      return new Result(false, failure(SyncMetrics.IO, e.getMessage()) + staleness());
    }
  }

  /** Polls until {@link #stop}; each failure is an alarm, then a pause of the backoff. */
  public void watch() {
    Duration wait = pollWait();
    try {
      while (stop.getCount() > 0) {
        Instant started = env.clock().instant();
        Duration pause = Duration.ZERO;
        try {
          boolean applied = sync.attempt(wait);
          backoff.reset();
          Duration took = Duration.between(started, env.clock().instant());
          if (!applied && (wait.isZero() || took.compareTo(wait.dividedBy(2)) < 0)) {
            pause = MIN_POLL_INTERVAL;
          }
        } catch (FeedException e) {
          pause = alarm(e.reason().label(), e.getMessage());
        } catch (IOException e) {
          pause = alarm(SyncMetrics.IO, e.getMessage());
        }
        checkStale();
        if (!pause.isZero() && !env.pause().sleep(pause, stop)) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.info("sync agent stopped at version {}", sync.version());
  }

  /** The long-poll wait: the configured one, but well within {@code --max-age}. */
  private Duration pollWait() {
    Duration configured = env.limits().pollWait();
    Duration half = settings.maxAge().dividedBy(2);
    return configured.compareTo(half) > 0 ? half.withNanos(0) : configured;
  }

  private Duration alarm(String reason, String message) {
    metrics.failed(reason);
    Duration pause = backoff.next();
    LOG.error("{}; retrying in {} ms{}", failure(reason, message), pause.toMillis(), staleness());
    return pause;
  }

  private String failure(String reason, String message) {
    return "sync failed ("
        + reason
        + "): "
        + message
        + "; nothing applied, the output stays at version "
        + sync.version();
  }

  private void checkStale() {
    boolean nowStale = metrics.age().compareTo(settings.maxAge()) > 0;
    if (nowStale && !stale) {
      LOG.error("STALE{}", staleness());
    } else if (!nowStale && stale) {
      LOG.info("the feed verifies again: no longer stale");
    }
    stale = nowStale;
    metrics.stale(nowStale);
  }

  private String staleness() {
    Duration age = metrics.age();
    if (age.compareTo(settings.maxAge()) <= 0) {
      return "";
    }
    return "; STALE: no checkpoint from "
        + settings.server()
        + " has verified for "
        + age.toSeconds()
        + " s (--max-age "
        + settings.maxAge().toSeconds()
        + " s): the feed is frozen or unreachable";
  }

  /** Ends {@link #watch} at its next pause or attempt; waits for a version being applied. */
  public void stop() {
    stop.countDown();
    try {
      if (sync.applying().tryLock(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        sync.applying().unlock();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop.countDown();
    if (metricsServer != null) {
      metricsServer.close();
    }
    if (rpzListener != null) {
      rpzListener.close();
    }
    closeQuietly(dir);
  }

  private static void closeQuietly(StateDirectory dir) {
    try {
      dir.close();
    } catch (IOException e) {
      LOG.warn("state directory {}: {}", dir.dir(), e.getMessage());
    }
  }
}
