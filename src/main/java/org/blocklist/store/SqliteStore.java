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
import org.blocklist.ledger.StoredVersion;
import org.blocklist.log.Hash;
import org.blocklist.principal.Principal;
import org.blocklist.requisition.Requisition;

/**
 * The writer's store on one SQLite connection it owns: each write is one {@code BEGIN IMMEDIATE}
 * transaction that commits all it was given or nothing. Not thread-safe: the writer thread (or the
 * command line) is its only caller.
 */
public final class SqliteStore implements LedgerStore, AutoCloseable {
  private final Database db;
  private final Connection connection;

  private SqliteStore(Database db, Connection connection) {
    this.db = db;
    this.connection = connection;
  }

  /** Opens a connection of its own to {@code db}. */
  public static SqliteStore open(Database db) throws StoreException {
    requireNonNull(db, "db");
    return new SqliteStore(db, db.connect());
  }

  /**
   * The journal mode and synchronous level of this store's own connection, read back from SQLite
   * (not from the configuration), e.g. {@code journal_mode=wal synchronous=2}.
   */
  public String durability() throws StoreException {
    return db.read(connection, Database::durability);
  }

  @Override
  public ChainHead chainHead() throws StoreException {
    return db.read(connection, c -> EventRows.last(c).map(ChainHead::of).orElse(ChainHead.EMPTY));
  }

  @Override
  public Optional<Requisition> requisition(long id) throws StoreException {
    return db.read(connection, c -> RequisitionRows.get(c, id));
  }

  @Override
  public long lastRequisitionId() throws StoreException {
    return db.read(connection, RequisitionRows::lastId);
  }

  @Override
  public boolean principalExists(String name) throws StoreException {
    return db.read(connection, c -> PrincipalRows.exists(c, name));
  }

  @Override
  public Optional<Principal> activePrincipal(String name) throws StoreException {
    return db.read(connection, c -> PrincipalRows.active(c, name));
  }

  @Override
  public void insertRequisition(Requisition pending, List<ChainedEvent> events)
      throws StoreException, ChainMovedException {
    write(
        events,
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
        c -> {
          LedgerRows.insertVersion(c, version);
          LedgerRows.addEntries(c, added, version.version());
          LedgerRows.removeEntries(c, removed, version.version());
          RequisitionRows.updateDecision(c, approved);
          ReviewRows.published(c, approved, added, removed);
          return null;
        });
  }

  @Override
  public void addPrincipal(
      Principal principal, Hash tokenHash, Instant created, List<ChainedEvent> events)
      throws StoreException, ChainMovedException {
    write(
        events,
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
        c -> {
          if (!PrincipalRows.revoke(c, name, revoked)) {
            throw new SQLException("no active principal " + name + " to revoke");
          }
          return null;
        });
  }

  @Override
  public void appendEvents(List<ChainedEvent> events) throws StoreException, ChainMovedException {
    write(events, c -> null);
  }

  @Override
  public void storeDeliveries(Map<String, Delivery> deliveries) throws StoreException {
    db.transaction(
        connection,
        c -> {
          IspStatusRows.upsert(c, deliveries);
          return null;
        });
  }

  @Override
  public <T, E extends Exception> T readHistory(HistoryWork<T, E> work) throws StoreException, E {
    try {
      connection.setAutoCommit(false);
      try {
        return work.run(new SqliteHistory(connection));
      } finally {
        connection.rollback();
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException("store read failed: " + e.getMessage(), e);
    }
  }

  /** The writes and reads of reports, reviews and appeals, on this store's connection. */
  public AccountabilityStore accountability() {
    return new SqliteAccountability(this);
  }

  /** A read on this store's connection (writer thread only). */
  <T> T read(SqlWork<T, RuntimeException> work) throws StoreException {
    return db.read(connection, work);
  }

  /** One transaction: the events first (checked against the stored head), then the rows. */
  void write(List<ChainedEvent> events, SqlWork<Void, RuntimeException> rows)
      throws StoreException, ChainMovedException {
    db.<Void, ChainMovedException>transaction(
        connection,
        c -> {
          EventRows.append(c, events);
          rows.run(c);
          return null;
        });
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
  private static final class SqliteHistory implements History {
    private final Connection c;

    SqliteHistory(Connection c) {
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
  }
}
