package org.blocklist.cluster;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.blocklist.ledger.Ledger;
import org.blocklist.ledger.StoreException;
import org.blocklist.store.JdbcStore;
import org.blocklist.store.PostgresDatabase;
import org.blocklist.store.VersionListener;
import org.blocklist.store.WriterSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replica's part in the cluster, on one thread of its own. Each round (at most every {@link
 * #roundMillis}): a replica that does not write tries the writer's lock; on taking it, it raises
 * the writer epoch ({@link WriterSession#takeOver}), has the ledger apply the last versions of the
 * previous writer and fence its store to the new epoch ({@link Ledger#lead}), and writes from then
 * on. The writer pings its lock session each round; a ping that fails (the session is gone, or the
 * server did not answer within half of {@code failoverSeconds}) demotes it at once. A replica that
 * does not write reads the writer's URL and, when the store holds a newer version, has the ledger
 * catch up; between rounds it waits on {@code LISTEN}, so a new version is applied as soon as its
 * {@code NOTIFY} arrives, and the round itself is the poll that catches a lost notification.
 *
 * <p>Failover bound: a killed writer's session ends at once, a frozen or cut-off one after {@code
 * idle_session_timeout} (half of {@code failoverSeconds}); the next round of another replica takes
 * the lock.
 */
public final class Replication implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Replication.class);

  /** How long a round of catching up or taking over may wait for the writer thread. */
  static final long LEDGER_WAIT_SECONDS = 120;

  private final PostgresDatabase db;
  private final JdbcStore store;
  private final Ledger ledger;
  private final String advertise;
  private final int roundMillis;
  private final int timeoutSeconds;
  private final long idleMillis;
  private final Thread thread;
  private final Counter takeovers;
  private final Counter failures;
  private volatile boolean closed;
  private volatile boolean writing;
  private WriterSession session;
  private VersionListener listener;

  /**
   * @param advertise this replica's API URL as the others reach it
   * @param failoverSeconds the bound on the time without a writer
   */
  public Replication(
      PostgresDatabase db,
      JdbcStore store,
      Ledger ledger,
      String advertise,
      int failoverSeconds,
      ThreadFactory threads,
      MeterRegistry registry) {
    this.db = requireNonNull(db, "db");
    this.store = requireNonNull(store, "store");
    this.ledger = requireNonNull(ledger, "ledger");
    this.advertise = requireNonNull(advertise, "advertise");
    this.roundMillis = Math.min(1000, failoverSeconds * 1000 / 4);
    this.timeoutSeconds = Math.max(1, failoverSeconds / 2);
    this.idleMillis = failoverSeconds * 1000L / 2;
    this.thread = threads.newThread(this::run);
    Gauge.builder("blocklist.cluster.writer", this, r -> r.writing ? 1 : 0)
        .description("1 while this replica holds the writer's lock, else 0")
        .register(registry);
    this.takeovers =
        Counter.builder("blocklist.cluster.takeovers")
            .description("Times this replica became the writer")
            .register(registry);
    this.failures =
        Counter.builder("blocklist.cluster.failures")
            .description("Rounds that failed (database unreachable, verification failed)")
            .register(registry);
  }

  /**
   * Runs the first round here (a lone replica is the writer when this returns), then the others on
   * the replication thread.
   */
  public void start() {
    round();
    thread.start();
  }

  public boolean writing() {
    return writing;
  }

  private void run() {
    while (!closed) {
      try {
        if (listener == null) {
          listener = VersionListener.open(db);
        }
        listener.await(roundMillis);
      } catch (StoreException e) {
        lost(e);
        pause();
      }
      if (!closed) {
        round();
      }
    }
  }

  private void round() {
    try {
      if (session == null) {
        session = WriterSession.open(db, timeoutSeconds, idleMillis);
      }
      if (writing) {
        session.ping();
      } else if (session.tryLock()) {
        takeOver();
      }
      if (!writing) {
        if (listener == null) {
          listener = VersionListener.open(db);
        }
        ledger.writerUrl(listener.writerUrl().orElse(null));
        if (listener.latestVersion() > ledger.state().version()) {
          join(ledger.catchUp());
        }
      }
    } catch (StoreException e) {
      lost(e);
    } catch (RuntimeException e) {
      failures.increment();
      log.error("replication round failed; this replica keeps its last verified state", e);
    }
  }

  private void takeOver() throws StoreException {
    long epoch = session.takeOver(advertise);
    try {
      join(ledger.lead(() -> store.fence(epoch)));
    } catch (RuntimeException e) {
      // release the lock: this replica cannot write, another may
      session.close();
      session = null;
      throw e;
    }
    writing = true;
    ledger.writerUrl(advertise);
    takeovers.increment();
    log.info(
        "this replica is the writer now (epoch {}, version {})", epoch, ledger.state().version());
  }

  /** Waits for the ledger's writer thread; its failure is this round's. */
  private static void join(CompletableFuture<Long> work) {
    try {
      work.get(LEDGER_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the ledger refused: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("the ledger did not answer in time", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** The database failed us: a writer stops writing at once; sessions are opened anew. */
  private void lost(StoreException e) {
    failures.increment();
    if (writing) {
      writing = false;
      store.fence(-1);
      ledger.demote();
      ledger.writerUrl(null);
      log.error("lost the writer's lock; writes are refused from now on: {}", e.getMessage());
    } else if (!closed) {
      log.warn("replication: {}", e.getMessage());
    }
    if (session != null) {
      session.close();
      session = null;
    }
    if (listener != null) {
      listener.close();
      listener = null;
    }
  }

  /** A round's pause after a failure, on the listener's wait when it is back. */
  private void pause() {
    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(roundMillis));
  }

  /** Stops the rounds and ends both sessions: the lock, if held, goes to another replica. */
  @Override
  public void close() throws InterruptedException {
    closed = true;
    thread.interrupt();
    thread.join(TimeUnit.SECONDS.toMillis(10));
    if (writing) {
      writing = false;
      store.fence(-1);
      ledger.demote();
    }
    if (session != null) {
      session.close();
    }
    if (listener != null) {
      listener.close();
    }
  }
}
