package org.blocklist.store;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.blocklist.audit.ChainHead;
import org.blocklist.audit.ChainedEvent;
import org.blocklist.isp.Delivery;
import org.blocklist.ledger.AccountabilityStore;
import org.blocklist.ledger.ChainMovedException;
import org.blocklist.ledger.LedgerStore;
import org.blocklist.ledger.StoreException;
import org.blocklist.ledger.StoredTail;
import org.blocklist.ledger.StoredVersion;
import org.blocklist.log.Hash;
import org.blocklist.principal.Principal;
import org.blocklist.requisition.Requisition;

/**
 * The writer's store on one connection it owns, to SQLite or PostgreSQL ({@link SqlDatabase}): each
 * write is one transaction, serialised with every other writer of the database, that commits all it
 * was given or nothing. The SQL is the row classes', the same on both. A connection that failed is
 * replaced before the next call, so a database restart costs the calls made while it is down, not
 * the process. Not thread-safe: the writer thread (or the command line) is its only caller.
 *
 * <p>On PostgreSQL a replica that writes sets its {@linkplain #fence(long) fence}: each change of
 * the ledger then commits only while the database's {@code writer_epoch} is still this writer's, so
 * a writer that lost its lock cannot commit even a transaction it had begun; and each published
 * version is announced with {@code NOTIFY} {@value #VERSIONS_CHANNEL} (delivered at commit).
 */
public final class JdbcStore implements LedgerStore, AutoCloseable {
  /** The channel on which the writer announces each published version (payload: the version). */
  public static final String VERSIONS_CHANNEL = "blocklist_versions";

  private final SqlDatabase db;
  private Connection connection;
  private boolean suspect;
  private volatile long fence;

  private JdbcStore(SqlDatabase db, Connection connection) {
    this.db = db;
    this.connection = connection;
  }

  /** Opens a connection of its own to {@code db}. */
  public static JdbcStore open(SqlDatabase db) throws StoreException {
    requireNonNull(db, "db");
    return new JdbcStore(db, db.connect());
  }

  /**
   * The database and its durability settings, read back from the database (not from the
   * configuration), e.g. {@code journal_mode=wal synchronous=2}.
   */
  public String durability() throws StoreException {
    return db.describe(connection());
  }

  public SqlDatabase database() {
    return db;
  }

  /**
   * From now on, changes commit only while the database's writer epoch is {@code epoch} (0: no
   * fence, as for SQLite and the command line).
   */
  public void fence(long epoch) {
    this.fence = epoch;
  }

  /** The connection, replaced first if the last call on it failed and it is no longer valid. */
  private Connection connection() throws StoreException {
    if (suspect) {
      boolean valid;
      try {
        valid = connection.isValid(2);
      } catch (SQLException e) {
        valid = false;
      }
      if (!valid) {
        try {
          connection.close();
        } catch (SQLException e) {
          // it failed already: nothing to keep
        }
        connection = db.connect();
      }
      suspect = false;
    }
    return connection;
  }

  <T, E extends Exception> T read(SqlWork<T, E> work) throws StoreException, E {
    try {
      return db.read(connection(), work);
    } catch (StoreException e) {
      suspect = true;
      throw e;
    }
  }

  @Override
  public ChainHead chainHead() throws StoreException {
    return read(c -> EventRows.last(c).map(ChainHead::of).orElse(ChainHead.EMPTY));
  }

  @Override
  public Optional<Requisition> requisition(long id) throws StoreException {
    return read(c -> RequisitionRows.get(c, id));
  }

  @Override
  public long lastRequisitionId() throws StoreException {
    return read(RequisitionRows::lastId);
  }

  @Override
  public boolean principalExists(String name) throws StoreException {
    return read(c -> PrincipalRows.exists(c, name));
  }

  @Override
  public Optional<Principal> activePrincipal(String name) throws StoreException {
    return read(c -> PrincipalRows.active(c, name));
  }

  @Override
  public void insertRequisition(Requisition pending, List<ChainedEvent> events)
      throws StoreException, ChainMovedException {
    write(
        events,
        true,
        c -> {
          RequisitionRows.insert(c, pending);
          return null;
        });
  }

  @Override
  public void decide(Requisition decided, List<ChainedEvent> events)
      throws StoreException, ChainMovedException {
    write(
        events,
        true,
        c -> {
          RequisitionRows.updateDecision(c, decided);
          return null;
        });
  }

  @Override
  public void publish(
      Requisition approved,
      StoredVersion version,
      List<String> added,
      List<String> removed,
      List<ChainedEvent> events)
      throws StoreException, ChainMovedException {
    write(
        events,
        true,
        c -> {
          LedgerRows.insertVersion(c, version);
          LedgerRows.addEntries(c, added, version.version());
          LedgerRows.removeEntries(c, removed, version.version());
          RequisitionRows.updateDecision(c, approved);
          ReviewRows.published(c, approved, added, removed);
          if (db.dialect() == Schema.Dialect.POSTGRESQL) {
            ClusterRows.notify(c, VERSIONS_CHANNEL, String.valueOf(version.version()));
          }
          return null;
        });
  }

  @Override
  public void addPrincipal(
      Principal principal, Hash tokenHash, Instant created, List<ChainedEvent> events)
      throws StoreException, ChainMovedException {
    write(
        events,
        true,
        c -> {
          PrincipalRows.insert(c, principal, tokenHash, created);
          return null;
        });
  }

  @Override
  public void revokePrincipal(String name, Instant revoked, List<ChainedEvent> events)
      throws StoreException, ChainMovedException {
    write(
        events,
        true,
        c -> {
          if (!PrincipalRows.revoke(c, name, revoked)) {
            throw new SQLException("no active principal " + name + " to revoke");
          }
          return null;
        });
  }

  @Override
  public void appendEvents(List<ChainedEvent> events) throws StoreException, ChainMovedException {
    write(events, false, c -> null);
  }

  @Override
  public void storeDeliveries(Map<String, Delivery> deliveries) throws StoreException {
    transaction(
        c -> {
          IspStatusRows.upsert(c, deliveries);
          return null;
        });
  }

  @Override
  public StoredTail tail(long afterVersion, long afterSeq, int maxVersions) throws StoreException {
    return read(
        c -> {
          List<StoredVersion> versions = LedgerRows.versionsAfter(c, afterVersion, maxVersions);
          long last =
              versions.isEmpty() ? afterVersion : versions.get(versions.size() - 1).version();
          return new StoredTail(
              versions,
              LedgerRows.changed(c, "added", afterVersion + 1, last),
              LedgerRows.changed(c, "removed", afterVersion + 1, last),
              EventRows.after(c, afterSeq));
        });
  }

  @Override
  public long latestVersion() throws StoreException {
    return read(LedgerRows::latestVersion);
  }

  @Override
  public <T, E extends Exception> T readHistory(HistoryWork<T, E> work) throws StoreException, E {
    StoreException[] inner = {null};
    try {
      return this.<T, E>read(
          c -> {
            try {
              return work.run(new JdbcHistory(c));
            } catch (StoreException e) {
              inner[0] = e;
              throw new SQLException(e.getMessage(), e);
            }
          });
    } catch (StoreException e) {
      throw inner[0] != null ? inner[0] : e;
    }
  }

  /** The writes and reads of reports, reviews and appeals, on this store's connection. */
  public AccountabilityStore accountability() {
    return new JdbcAccountability(this);
  }

  /**
   * One transaction: the fence if {@code fenced} and one is set, the events (checked against the
   * stored head), then the rows.
   */
  void write(List<ChainedEvent> events, boolean fenced, SqlWork<Void, RuntimeException> rows)
      throws StoreException, ChainMovedException {
    long epoch = fence;
    this.<Void, ChainMovedException>transaction(
        c -> {
          if (fenced && epoch != 0) {
            ClusterRows.checkEpoch(c, epoch);
          }
          EventRows.append(c, events);
          rows.run(c);
          return null;
        });
  }

  private <T, E extends Exception> T transaction(SqlWork<T, E> work) throws StoreException, E {
    try {
      return db.transaction(connection(), work);
    } catch (StoreException e) {
      suspect = true;
      throw e;
    }
  }

  @Override
  public void close() throws StoreException {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("closing the store: " + e.getMessage(), e);
    }
  }

  /** The history read on the connection of one read transaction. */
  private static final class JdbcHistory implements History {
    private final Connection c;

    JdbcHistory(Connection c) {
      this.c = c;
    }

    @Override
    public List<StoredVersion> versions() throws StoreException {
      return Database.wrap(c, LedgerRows::versions);
    }

    @Override
    public void entries(EntrySink sink) throws StoreException {
      Database.wrap(
          c,
          conn -> {
            LedgerRows.entries(conn, sink);
            return null;
          });
    }

    @Override
    public <E extends Exception> void events(EventSink<E> sink) throws StoreException, E {
      Database.<Void, E>wrap(
          c,
          conn -> {
            EventRows.all(conn, sink);
            return null;
          });
    }

    @Override
    public <E extends Exception> void requisitions(RequisitionSink<E> sink)
        throws StoreException, E {
      Database.<Void, E>wrap(
          c,
          conn -> {
            RequisitionRows.history(conn, sink);
            return null;
          });
    }

    @Override
    public <E extends Exception> void principals(PrincipalSink<E> sink) throws StoreException, E {
      Database.<Void, E>wrap(
          c,
          conn -> {
            PrincipalRows.history(conn, sink);
            return null;
          });
    }

    @Override
    public Map<String, Delivery> deliveries() throws StoreException {
      return Database.wrap(c, IspStatusRows::all);
    }

    @Override
    public ChainHead chainHead() throws StoreException {
      return Database.wrap(
          c, conn -> EventRows.last(conn).map(ChainHead::of).orElse(ChainHead.EMPTY));
    }
  }
}
