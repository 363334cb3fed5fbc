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
import org.blocklist.requisition.Preview;
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
 *
 * <p>On a store shared by replicas ({@link #replicate}), the ledger of a replica that does not
 * write refuses every change with {@link NotWriterException} (the API forwards it to the writer)
 * and applies, verified ({@link TailVerifier}), what the writer publishes ({@link #catchUp});
 * {@link #lead} makes it the writer, {@link #demote} stops its writes at once. All of it runs on
 * the one writer thread, so a state is never swapped in under a write computed from the one before.
 */
public final class Ledger implements AutoCloseable {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Ledger.class);

  /** Versions a replica reads from the store in one step while it catches up. */
  static final int TAIL_PAGE = 1_000;

  private final HeadTracking store;
  private final ThreadPoolExecutor writer;
  private final LedgerKeys keys;
  private final RequisitionRules rules;
  private final Clock clock;
  private final Ticker ticker;
  private final SecureRandom random;
  private final Timer approvals;
  private final List<Consumer<ListState>> listeners = new CopyOnWriteArrayList<>();
  private volatile ListState state;
  private volatile WriterRole role = WriterRole.SINGLE;
  private volatile String writerUrl;
  private volatile int retryAfterSeconds = 1;

  /** What this replica has verified of the shared store (writer thread only). */
  private TailVerifier.Verified verified;

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
    this.store = new HeadTracking(requireNonNull(store, "store"), null);
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

  public WriterRole role() {
    return role;
  }

  /**
   * Makes this ledger a replica of a shared store, whose history it verified up to {@code head}
   * along with its initial state: it refuses writes ({@link NotWriterException}, saying where the
   * writer is) until {@link #lead}, and {@link #catchUp} applies what the writer publishes.
   */
  public void replicate(ChainHead head, int retryAfterSeconds) {
    requireNonNull(head, "head");
    this.retryAfterSeconds = retryAfterSeconds;
    this.role = WriterRole.REPLICA;
    onWriter(
        () -> {
          verified = new TailVerifier.Verified(state, head);
          store.reset(head);
          return null;
        });
  }

  /** The API URL of the writer, where writes sent here go; null or empty while none is known. */
  public void writerUrl(String url) {
    this.writerUrl = url;
  }

  /** Stops writing at once (the writer's lock is lost); queued writes are refused. */
  public void demote() {
    if (role == WriterRole.WRITER) {
      role = WriterRole.REPLICA;
    }
  }

  /**
   * Applies, on the writer thread, every version and event the store holds past this replica's
   * verified state, each checked against the signed log ({@link TailVerifier}); the future holds
   * the version reached. A writer has nothing to catch up.
   */
  public CompletableFuture<Long> catchUp() {
    return onWriter(
        () -> {
          if (role != WriterRole.REPLICA) {
            return state.version();
          }
          applyTail();
          return state.version();
        });
  }

  /**
   * Becomes the writer, on the writer thread: first applies all that the previous writer published
   * (it can publish no more: {@code fence} has run and raised the epoch), then {@code fence} is in
   * force for every write that follows.
   */
  public CompletableFuture<Long> lead(Runnable fence) {
    requireNonNull(fence, "fence");
    return onWriter(
        () -> {
          if (role == WriterRole.REPLICA) {
            applyTail();
          }
          long stored = store.latestVersion();
          if (stored < state.version()) {
            // the database lost versions this replica verified (an asynchronous standby promoted):
            // writing now would publish another version under a number already served
            throw new StoreException(
                "the store ends at version "
                    + stored
                    + " but this replica verified version "
                    + state.version()
                    + ": it will not write over a history the ISPs may have received"
                    + " (see docs/replicas.md, when the database fails over)");
          }
          fence.run();
          nextRequisitionId = store.lastRequisitionId() + 1;
          role = WriterRole.WRITER;
          return state.version();
        });
  }

  private void applyTail() throws StoreException, VerificationException {
    if (verified == null) {
      throw new IllegalStateException("catchUp before replicate");
    }
    if (verified.state() != state) {
      // this replica published since: it trusts what it wrote itself
      verified = new TailVerifier.Verified(state, store.committed());
    }
    while (true) {
      StoredTail tail = store.tail(state.version(), verified.head().seq(), TAIL_PAGE);
      if (tail.versions().isEmpty() && tail.events().isEmpty()) {
        return;
      }
      verified = TailVerifier.apply(verified, tail, keys);
      if (verified.state() != state) {
        ListState after = verified.state();
        state = after;
        for (Consumer<ListState> listener : listeners) {
          listener.accept(after);
        }
      }
      if (tail.versions().size() < TAIL_PAGE) {
        return;
      }
    }
  }

  private void checkWriting() throws NotWriterException {
    if (!role.writes()) {
      throw new NotWriterException(
          "this replica does not write"
              + (writerUrl == null || writerUrl.isEmpty()
                  ? " and no writer is known now"
                  : "; the writer is " + writerUrl),
          writerUrl,
          retryAfterSeconds);
    }
  }

  public CompletableFuture<Submitted> submit(Principal police, Submission submission) {
    return onWriter(
        () -> {
          checkWriting();
          return doSubmit(police, submission);
        });
  }

  /**
   * What {@code submission} would become against the published state, stored nowhere; computed on
   * the caller's thread (canonicalisation of at most the size cap of names, no I/O).
   */
  public Preview preview(Submission submission) throws RequisitionException {
    return rules.preview(submission, state);
  }

  public CompletableFuture<Requisition> approve(Principal decider, long id, String note) {
    return onWriter(
        () -> {
          checkWriting();
          long start = ticker.read();
          Requisition r = doApprove(decider, id, note);
          approvals.record(ticker.read() - start, TimeUnit.NANOSECONDS);
          return r;
        });
  }

  public CompletableFuture<Requisition> reject(Principal decider, long id, String reason) {
    return onWriter(
        () -> {
          checkWriting();
          String why = RequisitionRules.rejectionReason(reason);
          Requisition r = find(id);
          rules.checkRejection(r, decider);
          return decide(r, decider, Status.REJECTED, EventType.REQUISITION_REJECTED, why);
        });
  }

  public CompletableFuture<Requisition> withdraw(Principal police, long id) {
    return onWriter(
        () -> {
          checkWriting();
          Requisition r = find(id);
          rules.checkWithdrawal(r, police);
          return decide(r, police, Status.WITHDRAWN, EventType.REQUISITION_WITHDRAWN, null);
        });
  }

  /** Adds a principal; the future holds its token, shown once. */
  public CompletableFuture<String> addPrincipal(Principal admin, Principal added) {
    return onWriter(
        () -> {
          checkWriting();
          return Principals.add(store, added, admin.name(), now(), random);
        });
  }

  public CompletableFuture<Principal> revokePrincipal(Principal admin, String name) {
    return onWriter(
        () -> {
          checkWriting();
          return Principals.revoke(store, name, admin.name(), now());
        });
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
    ChainedWrite.append(
        store, List.of(submittedEvent(r)), chained -> store.insertRequisition(r, chained));
    nextRequisitionId = id + 1;
    return s;
  }

  /** The {@code requisition-submitted} event of pending requisition {@code r}. */
  static AuditEvent submittedEvent(Requisition r) {
    return AuditEvent.of(
        EventType.REQUISITION_SUBMITTED,
        r.submitted(),
        r.submitter(),
        "requisition",
        r.id(),
        "action",
        r.action().code(),
        "legal-basis",
        r.legalBasis().code(),
        "domains",
        r.domains().size(),
        "content",
        Texts.contentDigest(r).hex());
  }

  /** The id the next inserted requisition takes (writer thread only). */
  long nextRequisitionId() {
    return nextRequisitionId;
  }

  /** Called by a write that inserted requisition {@code id} = {@link #nextRequisitionId()}. */
  void requisitionInserted(long id) {
    if (id != nextRequisitionId) {
      throw new IllegalStateException("requisition " + id + " but next is " + nextRequisitionId);
    }
    nextRequisitionId = id + 1;
  }

  RequisitionRules rules() {
    return rules;
  }

  LedgerStore store() {
    return store;
  }

  private Requisition doApprove(Principal decider, long id, String note) throws Exception {
    String decisionNote = RequisitionRules.decisionNote(note);
    Requisition r = find(id);
    return publishApproval(r, decider, rules.approval(r, decider, state), decisionNote);
  }

  /**
   * Publishes the version that approving {@code r} with {@code change} (checked by the rules
   * against the published state) produces; writer thread only.
   */
  Requisition publishApproval(
      Requisition r, Principal decider, RequisitionRules.Change change, String decisionNote)
      throws Exception {
    long id = r.id();
    ListState before = state;
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

  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  /** Work for the writer thread; may throw any checked exception, which fails the future. */
  @FunctionalInterface
  interface WriterWork<T> {
    T run() throws Exception;
  }

  <T> CompletableFuture<T> onWriter(WriterWork<T> work) {
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
