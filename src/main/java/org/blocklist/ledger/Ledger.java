package org.blocklist.ledger;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.blocklist.audit.AuditEvent;
import org.blocklist.audit.ChainHead;
import org.blocklist.audit.ChainedEvent;
import org.blocklist.audit.EventType;
import org.blocklist.isp.Delivery;
import org.blocklist.log.Checkpoint;
import org.blocklist.log.Hash;
import org.blocklist.log.Manifest;
import org.blocklist.principal.Principal;
import org.blocklist.requisition.Problem;
import org.blocklist.requisition.Requisition;
import org.blocklist.requisition.RequisitionException;
import org.blocklist.requisition.RequisitionRules;
import org.blocklist.requisition.Status;
import org.blocklist.requisition.Submission;
import org.blocklist.requisition.Submitted;
import org.blocklist.requisition.Texts;
import org.blocklist.state.ListState;
import org.blocklist.state.VersionRecord;

/**
 * The single writer. Every change (submission, decision, principal) runs on one thread in three
 * steps: check the rules ({@link RequisitionRules}) against the published state, compute what
 * changes with no I/O (for an approval: the next entries and matcher, the manifest, the next tree
 * root and its signed checkpoint, the audit events), then one {@link LedgerStore} call that commits
 * all of it. Only after the commit is the new {@link ListState} swapped in for readers, so an
 * approval acknowledged to the caller survives a crash, and a failed commit leaves nothing to
 * repair: the published state and the tree were never touched.
 */
public final class Ledger implements AutoCloseable {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Ledger.class);

  private final LedgerStore store;
  private final ThreadPoolExecutor writer;
  private final LedgerKeys keys;
  private final RequisitionRules rules;
  private final Clock clock;
  private final Ticker ticker;
  private final SecureRandom random;
  private final Timer approvals;
  private final List<Consumer<ListState>> listeners = new CopyOnWriteArrayList<>();
  private volatile ListState state;

  /**
   * The commit failure whose durability is unknown that stopped the writer, or null: after one,
   * every write is refused (no retry can tell what the failed commit left on disk; a restart's
   * verification does), and reads go on from the last published state. Set on the writer thread.
   */
  private volatile StoreException stopped;

  /** The id of the next requisition; only this writer inserts requisitions. */
  private long nextRequisitionId;

  /**
   * @param store the store, used from the writer thread only from now on
   * @param initial the state verified from the store by {@link LedgerVerifier}
   * @param threads makes the one writer thread
   */
  public Ledger(
      LedgerStore store,
      ListState initial,
      LedgerKeys keys,
      RequisitionRules rules,
      int writeQueue,
      Clock clock,
      Ticker ticker,
      SecureRandom random,
      ThreadFactory threads,
      MeterRegistry registry)
      throws StoreException {
    this.store = requireNonNull(store, "store");
    this.state = requireNonNull(initial, "initial");
    this.keys = requireNonNull(keys, "keys");
    this.rules = requireNonNull(rules, "rules");
    this.clock = requireNonNull(clock, "clock");
    this.ticker = requireNonNull(ticker, "ticker");
    this.random = requireNonNull(random, "random");
    this.nextRequisitionId = store.lastRequisitionId() + 1;
    this.writer =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(writeQueue),
            requireNonNull(threads, "threads"));
    Gauge.builder("blocklist.writer.stopped", this, l -> l.stopped == null ? 0 : 1)
        .description("1 once a commit of unknown durability has stopped the writer (restart it)")
        .register(registry);
    this.approvals =
        Timer.builder("blocklist.approval.duration")
            .description("Time to validate, commit, sign and publish an approved version")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
  }

  /**
   * Calls {@code listener} on the writer thread with each new state, right after it becomes
   * visible; the listener must hand any real work to another thread.
   */
  public void onPublish(Consumer<ListState> listener) {
    listeners.add(requireNonNull(listener, "listener"));
  }

  /** What every reader sees now. */
  public ListState state() {
    return state;
  }

  public CompletableFuture<Submitted> submit(Principal police, Submission submission) {
    return onWriter(() -> doSubmit(police, submission));
  }

  public CompletableFuture<Requisition> approve(Principal decider, long id, String note) {
    return onWriter(
        () -> {
          long start = ticker.read();
          Requisition r = doApprove(decider, id, note);
          approvals.record(ticker.read() - start, TimeUnit.NANOSECONDS);
          return r;
        });
  }

  public CompletableFuture<Requisition> reject(Principal decider, long id, String reason) {
    return onWriter(
        () -> {
          String why = RequisitionRules.rejectionReason(reason);
          Requisition r = find(id);
          rules.checkRejection(r, decider);
          return decide(r, decider, Status.REJECTED, EventType.REQUISITION_REJECTED, why);
        });
  }

  public CompletableFuture<Requisition> withdraw(Principal police, long id) {
    return onWriter(
        () -> {
          Requisition r = find(id);
          rules.checkWithdrawal(r, police);
          return decide(r, police, Status.WITHDRAWN, EventType.REQUISITION_WITHDRAWN, null);
        });
  }

  /** Adds a principal; the future holds its token, shown once. */
  public CompletableFuture<String> addPrincipal(Principal admin, Principal added) {
    return onWriter(() -> Principals.add(store, added, admin.name(), now(), random));
  }

  public CompletableFuture<Principal> revokePrincipal(Principal admin, String name) {
    return onWriter(() -> Principals.revoke(store, name, admin.name(), now()));
  }

  /** Appends events that accompany no other change (key created, start-up verified). */
  public CompletableFuture<Void> record(List<AuditEvent> events) {
    return onWriter(
        () -> {
          ChainedWrite.append(store, events, store::appendEvents);
          return null;
        });
  }

  /** Stores the last delivery to each ISP (a batch of the ISP status). */
  public CompletableFuture<Void> storeDeliveries(Map<String, Delivery> deliveries) {
    Map<String, Delivery> batch = Map.copyOf(deliveries);
    return onWriter(
        () -> {
          store.storeDeliveries(batch);
          return null;
        });
  }

  private Submitted doSubmit(Principal police, Submission submission) throws Exception {
    long id = nextRequisitionId;
    Instant now = now();
    Submitted s = rules.submit(police, submission, state, id, now);
    Requisition r = s.requisition();
    AuditEvent event =
        AuditEvent.of(
            EventType.REQUISITION_SUBMITTED,
            now,
            police.name(),
            "requisition",
            id,
            "action",
            r.action().code(),
            "legal-basis",
            r.legalBasis().code(),
            "domains",
            r.domains().size(),
            "content",
            Texts.contentDigest(r).hex());
    ChainedWrite.append(store, List.of(event), chained -> store.insertRequisition(r, chained));
    nextRequisitionId = id + 1;
    return s;
  }

  private Requisition doApprove(Principal decider, long id, String note) throws Exception {
    String decisionNote = RequisitionRules.decisionNote(note);
    Requisition r = find(id);
    ListState before = state;
    RequisitionRules.Change change = rules.approval(r, decider, before);
    ListState.Successor next = before.successor(change.added(), change.removed());
    long version = next.version();
    Instant now = now();
    Requisition approved = r.decide(Status.APPROVED, decider.name(), now, decisionNote, version);
    Hash list = next.listDigest();
    Hash changes = next.changesDigest();
    AuditEvent approvedEvent =
        AuditEvent.of(
            EventType.REQUISITION_APPROVED,
            now,
            decider.name(),
            "requisition",
            id,
            "version",
            version);
    VersionRecord record =
        ChainedWrite.<VersionRecord, RuntimeException>run(
            store,
            head -> {
              ChainedEvent approval = head.chain(List.of(approvedEvent)).get(0);
              Manifest manifest =
                  new Manifest(
                      keys.origin(),
                      version,
                      now,
                      id,
                      r.action().code(),
                      next.added().size(),
                      next.removed().size(),
                      next.entryCount(),
                      list,
                      changes,
                      approval.hash());
              Hash root = next.rootWith(manifest.leafHash());
              String checkpoint = keys.signCheckpoint(new Checkpoint(keys.origin(), version, root));
              AuditEvent published =
                  AuditEvent.of(
                      EventType.VERSION_PUBLISHED,
                      now,
                      decider.name(),
                      "version",
                      version,
                      "leaf",
                      manifest.leafHash().hex(),
                      "root",
                      root.hex());
              List<ChainedEvent> events =
                  List.of(approval, ChainHead.of(approval).chain(List.of(published)).get(0));
              store.publish(
                  approved,
                  new StoredVersion(version, manifest.text(), checkpoint),
                  next.added(),
                  next.removed(),
                  events);
              return new VersionRecord(manifest, checkpoint, next.added(), next.removed());
            });
    ListState after = next.publish(record);
    state = after;
    for (Consumer<ListState> listener : listeners) {
      listener.accept(after);
    }
    return approved;
  }

  private Requisition decide(
      Requisition r, Principal actor, Status status, EventType type, String why)
      throws StoreException {
    Instant now = now();
    Requisition decided = r.decide(status, actor.name(), now, why, null);
    AuditEvent event = AuditEvent.of(type, now, actor.name(), "requisition", r.id());
    ChainedWrite.append(store, List.of(event), chained -> store.decide(decided, chained));
    return decided;
  }

  /** The requisition {@code id}, whatever its status (the rules check it), or 404. */
  private Requisition find(long id) throws StoreException, RequisitionException {
    return store
        .requisition(id)
        .orElseThrow(
            () -> new RequisitionException(Problem.NOT_FOUND, "no requisition with id " + id));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  /** Work for the writer thread; may throw any checked exception, which fails the future. */
  @FunctionalInterface
  private interface WriterWork<T> {
    T run() throws Exception;
  }

  private <T> CompletableFuture<T> onWriter(WriterWork<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      writer.execute(
          () -> {
            StoreException stop = stopped;
            if (stop != null) {
              result.completeExceptionally(
                  StoreException.uncertain(
                      "the writer stopped after a commit whose durability is unknown ("
                          + stop.getMessage()
                          + "); restart the service: its start-up verification decides what was"
                          + " committed",
                      stop));
              return;
            }
            try {
              result.complete(work.run());
            } catch (StoreException e) {
              if (e.uncertain()) {
                stopped = e;
                log.error(
                    "writer stopped: a commit failed and its durability is unknown; every write is"
                        + " refused until a restart (reads go on): {}",
                    e.getMessage());
              }
              result.completeExceptionally(e);
            } catch (Exception | Error e) {
              result.completeExceptionally(e);
            }
          });
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(e);
    }
    return result;
  }

  /** Finishes the queued work and stops the writer thread (the store is closed by its owner). */
  @Override
  public void close() throws InterruptedException {
    writer.shutdown();
    if (!writer.awaitTermination(30, TimeUnit.SECONDS)) {
      writer.shutdownNow();
    }
  }
}
