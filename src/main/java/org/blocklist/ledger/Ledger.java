package org.blocklist.ledger;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.blocklist.audit.AuditEvent;
import org.blocklist.audit.AuditLog;
import org.blocklist.audit.EventType;
import org.blocklist.auth.Principal;
import org.blocklist.auth.PrincipalAdmin;
import org.blocklist.domain.Canonical;
import org.blocklist.domain.Refusal;
import org.blocklist.domain.RequisitionDomainValidator;
import org.blocklist.domain.Validation;
import org.blocklist.log.Checkpoint;
import org.blocklist.log.Hash;
import org.blocklist.log.Manifest;
import org.blocklist.log.MerkleTree;
import org.blocklist.requisition.Action;
import org.blocklist.requisition.Requisition;
import org.blocklist.requisition.Status;
import org.blocklist.store.Database;
import org.blocklist.store.EventRows;
import org.blocklist.store.LedgerRows;
import org.blocklist.store.RequisitionRows;
import org.blocklist.store.SqlWork;
import org.blocklist.store.StoreException;

/**
 * The single writer. Every change (submission, decision, principal) runs on one thread, in one
 * store transaction that holds the write lock; an approval commits the manifest, the entries, the
 * signed checkpoint and both audit events together, and only then swaps the in-memory {@link
 * LedgerState} that readers see. So an approval acknowledged to the caller survives a crash, and a
 * crash before the commit leaves no trace of the version.
 */
public final class Ledger implements AutoCloseable {
  private final Database db;
  private final Connection connection;
  private final ExecutorService writer;
  private final LedgerKeys keys;
  private final RequisitionDomainValidator validator;
  private final int maxDomains;
  private final Clock clock;
  private final SecureRandom random;
  private final Timer approvals;
  private final List<Consumer<LedgerState>> listeners = new CopyOnWriteArrayList<>();
  private volatile LedgerState state;
  private MerkleTree tree;

  /**
   * @param initial the state verified from the store by {@link LedgerVerifier}
   * @param connection a connection to {@code db} that this ledger now owns
   */
  public Ledger(
      Database db,
      Connection connection,
      LedgerState initial,
      LedgerKeys keys,
      RequisitionDomainValidator validator,
      int maxDomains,
      int writeQueue,
      Clock clock,
      SecureRandom random,
      MeterRegistry registry) {
    this.db = requireNonNull(db, "db");
    this.connection = requireNonNull(connection, "connection");
    this.state = requireNonNull(initial, "initial");
    this.tree = initial.tree();
    this.keys = requireNonNull(keys, "keys");
    this.validator = requireNonNull(validator, "validator");
    this.maxDomains = maxDomains;
    this.clock = requireNonNull(clock, "clock");
    this.random = requireNonNull(random, "random");
    this.writer =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(writeQueue),
            r -> {
              Thread t = new Thread(r, "blocklist-writer");
              t.setDaemon(true);
              return t;
            });
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
  public void onPublish(Consumer<LedgerState> listener) {
    listeners.add(requireNonNull(listener, "listener"));
  }

  /**
   * Runs {@code work} in a transaction on the writer thread (for bookkeeping such as ISP status).
   */
  public <T> CompletableFuture<T> write(SqlWork<T, RuntimeException> work) {
    return onWriter(() -> db.transaction(connection, work));
  }

  /** What every reader sees now. */
  public LedgerState state() {
    return state;
  }

  public CompletableFuture<Submitted> submit(Principal police, Submission submission) {
    return onWriter(() -> doSubmit(police, submission));
  }

  public CompletableFuture<Requisition> approve(Principal decider, long id, String note) {
    return onWriter(
        () -> {
          long start = System.nanoTime();
          Requisition r = doApprove(decider, id, note);
          approvals.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
          return r;
        });
  }

  public CompletableFuture<Requisition> reject(Principal decider, long id, String reason) {
    return onWriter(() -> doReject(decider, id, reason));
  }

  public CompletableFuture<Requisition> withdraw(Principal police, long id) {
    return onWriter(() -> doWithdraw(police, id));
  }

  public CompletableFuture<String> addPrincipal(Principal admin, Principal added) {
    return onWriter(
        () ->
            db.transaction(
                connection, c -> PrincipalAdmin.add(c, added, admin.name(), now(), random)));
  }

  public CompletableFuture<Principal> revokePrincipal(Principal admin, String name) {
    return onWriter(
        () -> db.transaction(connection, c -> PrincipalAdmin.revoke(c, name, admin.name(), now())));
  }

  private Submitted doSubmit(Principal police, Submission s) throws Exception {
    String caseReference =
        Texts.check("caseReference", s.caseReference(), Submission.MAX_CASE_REFERENCE, true);
    String note = Texts.check("note", s.note(), Submission.MAX_NOTE, false);
    if (s.domains().isEmpty()) {
      throw new LedgerException(Problem.INVALID_REQUEST, "domains: empty (expected: 1 or more)");
    }
    if (s.domains().size() > maxDomains) {
      throw new LedgerException(
          Problem.TOO_MANY_DOMAINS,
          "domains: " + s.domains().size() + " (expected: at most " + maxDomains + ")");
    }
    Validation validation = validator.validate(s.domains());
    if (!validation.ok()) {
      List<Detail> details = new ArrayList<>();
      for (Refusal refusal : validation.refused()) {
        details.add(Detail.refused(refusal.input(), refusal.reason().code(), refusal.message()));
      }
      throw new LedgerException(
          Problem.INVALID_DOMAINS,
          details.size() + " of " + s.domains().size() + " domains refused; nothing was stored",
          details);
    }
    List<org.blocklist.domain.DomainName> names = new ArrayList<>();
    for (Canonical c : validation.accepted()) {
      names.add(c.name());
    }
    checkListState(s.action(), names, state);
    Instant now = now();
    Requisition draft =
        new Requisition(
            0,
            s.action(),
            names,
            s.legalBasis(),
            caseReference,
            note,
            police.name(),
            now,
            Status.PENDING,
            null,
            null,
            null,
            null);
    Requisition stored =
        db.transaction(
            connection,
            c -> {
              long id = RequisitionRows.insert(c, draft);
              Requisition r =
                  new Requisition(
                      id,
                      draft.action(),
                      draft.domains(),
                      draft.legalBasis(),
                      draft.caseReference(),
                      draft.note(),
                      draft.submitter(),
                      draft.submitted(),
                      draft.status(),
                      null,
                      null,
                      null,
                      null);
              AuditLog.append(
                  c,
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
                      Texts.contentDigest(r).hex()));
              return r;
            });
    return new Submitted(stored, validation.accepted());
  }

  private Requisition doApprove(Principal decider, long id, String note) throws Exception {
    String decisionNote = Texts.check("note", note, Submission.MAX_NOTE, false);
    LedgerState before = state;
    long version = before.version() + 1;
    boolean[] appended = {false};
    try {
      LedgerState[] after = new LedgerState[1];
      Requisition approved =
          db.transaction(
              connection,
              c -> {
                Requisition r = pending(c, id);
                if (r.submitter().equals(decider.name())) {
                  throw new LedgerException(
                      Problem.FOUR_EYES,
                      "requisition "
                          + id
                          + " was submitted by "
                          + decider.name()
                          + ", who cannot also decide it");
                }
                List<String> names = new ArrayList<>();
                r.domains().forEach(d -> names.add(d.value()));
                names.sort(null);
                checkListState(r.action(), r.domains(), before);
                Instant now = now();
                EventRows.Row approvedEvent =
                    AuditLog.append(
                        c,
                        AuditEvent.of(
                            EventType.REQUISITION_APPROVED,
                            now,
                            decider.name(),
                            "requisition",
                            id,
                            "version",
                            version));
                List<String> added = r.action() == Action.BLOCK ? names : List.of();
                List<String> removed = r.action() == Action.UNBLOCK ? names : List.of();
                EntryList entries = before.entryList().apply(added, removed);
                Manifest manifest =
                    new Manifest(
                        keys.origin(),
                        version,
                        now,
                        id,
                        r.action().code(),
                        added.size(),
                        removed.size(),
                        entries.size(),
                        entries.digest(),
                        EntryList.changesDigest(added, removed),
                        approvedEvent.hash());
                appended[0] = true;
                tree.append(manifest.leafHash());
                Hash root = tree.root(version);
                String checkpoint =
                    keys.signCheckpoint(new Checkpoint(keys.origin(), version, root));
                LedgerRows.insertVersion(
                    c, new LedgerRows.VersionRow(version, manifest.text(), checkpoint));
                LedgerRows.addEntries(c, added, version);
                LedgerRows.removeEntries(c, removed, version);
                Requisition decided =
                    r.decide(Status.APPROVED, decider.name(), now, decisionNote, version);
                RequisitionRows.updateDecision(c, decided);
                AuditLog.append(
                    c,
                    AuditEvent.of(
                        EventType.VERSION_PUBLISHED,
                        now,
                        decider.name(),
                        "version",
                        version,
                        "leaf",
                        manifest.leafHash().hex(),
                        "root",
                        root.hex()));
                after[0] =
                    before.next(
                        new VersionRecord(manifest, checkpoint, added, removed), entries, tree);
                return decided;
              });
      state = after[0];
      for (Consumer<LedgerState> listener : listeners) {
        listener.accept(after[0]);
      }
      return approved;
    } catch (Exception | Error e) {
      if (appended[0]) {
        tree = LedgerVerifier.rebuildTree(before);
      }
      throw e;
    }
  }

  private Requisition doReject(Principal decider, long id, String reason) throws Exception {
    String why = Texts.check("reason", reason, Submission.MAX_NOTE, true);
    return decide(decider, id, Status.REJECTED, EventType.REQUISITION_REJECTED, why, false);
  }

  private Requisition doWithdraw(Principal police, long id) throws Exception {
    return decide(police, id, Status.WITHDRAWN, EventType.REQUISITION_WITHDRAWN, null, true);
  }

  private Requisition decide(
      Principal actor, long id, Status status, EventType type, String why, boolean bySubmitter)
      throws StoreException, LedgerException {
    return db.transaction(
        connection,
        c -> {
          Requisition r = pending(c, id);
          if (bySubmitter && !r.submitter().equals(actor.name())) {
            throw new LedgerException(
                Problem.NOT_SUBMITTER, "only its submitter may withdraw requisition " + id);
          }
          if (!bySubmitter && r.submitter().equals(actor.name())) {
            throw new LedgerException(
                Problem.FOUR_EYES, "the submitter of requisition " + id + " cannot decide it");
          }
          Instant now = now();
          Requisition decided = r.decide(status, actor.name(), now, why, null);
          RequisitionRows.updateDecision(c, decided);
          AuditLog.append(c, AuditEvent.of(type, now, actor.name(), "requisition", id));
          return decided;
        });
  }

  private static Requisition pending(Connection c, long id) throws SQLException, LedgerException {
    Requisition r =
        RequisitionRows.get(c, id)
            .orElseThrow(
                () -> new LedgerException(Problem.NOT_FOUND, "no requisition with id " + id));
    if (r.status() != Status.PENDING) {
      throw new LedgerException(
          Problem.NOT_PENDING, "requisition " + id + " is " + r.status().code() + ", not pending");
    }
    return r;
  }

  /** A block of a listed name or an unblock of an unlisted one is refused, naming the domains. */
  private static void checkListState(
      Action action, List<org.blocklist.domain.DomainName> names, LedgerState s)
      throws LedgerException {
    boolean block = action == Action.BLOCK;
    List<Detail> conflicts = new ArrayList<>();
    for (org.blocklist.domain.DomainName name : names) {
      if (s.isListed(name.value()) == block) {
        conflicts.add(
            Detail.domain(
                name.value(),
                block
                    ? "already listed in version " + s.version()
                    : "not listed in version " + s.version()));
      }
    }
    if (!conflicts.isEmpty()) {
      throw new LedgerException(
          block ? Problem.ALREADY_LISTED : Problem.NOT_LISTED,
          conflicts.size()
              + (block ? " domains are already listed" : " domains are not listed")
              + "; nothing changed",
          conflicts);
    }
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
            try {
              result.complete(work.run());
            } catch (Exception | Error e) {
              result.completeExceptionally(e);
            }
          });
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(e);
    }
    return result;
  }

  /** Finishes the queued work, then closes the writer's connection. */
  @Override
  public void close() throws InterruptedException, SQLException {
    writer.shutdown();
    if (!writer.awaitTermination(30, TimeUnit.SECONDS)) {
      writer.shutdownNow();
    }
    connection.close();
  }
}
