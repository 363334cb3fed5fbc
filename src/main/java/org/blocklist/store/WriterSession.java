package org.blocklist.store;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.blocklist.ledger.StoreException;

/**
 * The session of its own on which a replica holds, or tries to take, the writer's lock: the
 * session-level advisory lock {@link #LOCK}, which PostgreSQL releases when the session ends (the
 * process killed, the connection cut). The session sets {@code idle_session_timeout}, so that a
 * writer that stops pinging (frozen, or cut off without a reset) loses the lock after that time
 * too, and a socket timeout, so that a ping to a server that stopped answering fails in bounded
 * time.
 */
public final class WriterSession implements AutoCloseable {
  /** The advisory lock key of the writer ("blocklist writer"). */
  public static final long LOCK = 0x626c_6b6c_7772_7472L;

  /** The channel on which a new writer announces itself (payload: its URL). */
  public static final String WRITER_CHANNEL = "blocklist_writer";

  private final PostgresDatabase db;
  private final Connection c;

  private WriterSession(PostgresDatabase db, Connection c) {
    this.db = db;
    this.c = c;
  }

  /**
   * A new session whose statements fail after {@code timeoutSeconds} without an answer, and which
   * the server ends after {@code idleMillis} without one.
   */
  public static WriterSession open(PostgresDatabase db, int timeoutSeconds, long idleMillis)
      throws StoreException {
    requireNonNull(db, "db");
    Connection c = db.connect(timeoutSeconds);
    WriterSession s = new WriterSession(db, c);
    try {
      Database.execute(c, "SET idle_session_timeout = " + idleMillis);
    } catch (SQLException e) {
      s.close();
      throw db.failure("writer session", e);
    }
    return s;
  }

  /** Takes the writer's lock if no other session holds it; true if this session holds it now. */
  public boolean tryLock() throws StoreException {
    try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      s.setLong(1, LOCK);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    } catch (SQLException e) {
      throw db.failure("writer lock", e);
    }
  }

  /**
   * Raises the writer epoch (after every write of the previous writer, whose transactions hold
   * {@link PostgresDatabase#WRITE_LOCK}), records {@code url} and announces it; returns the epoch.
   */
  public long takeOver(String url) throws StoreException {
    return db.transaction(
        c,
        conn -> {
          long epoch = ClusterRows.takeOver(conn, url);
          ClusterRows.notify(conn, WRITER_CHANNEL, url);
          return epoch;
        });
  }

  /** Checks that the session is alive; fails if the server does not answer in time. */
  public void ping() throws StoreException {
    try {
      Database.execute(c, "SELECT 1");
    } catch (SQLException e) {
      throw db.failure("writer session ping", e);
    }
  }

  /**
   * Records {@code key} as the verifier key of the database if none is, and returns the one that
   * is: every replica must sign with the same key.
   */
  public String claimVerifierKey(String key) throws StoreException {
    return db.transaction(
        c,
        conn -> {
          var stored = ClusterRows.get(conn, ClusterRows.VERIFIER_KEY);
          if (stored.isPresent()) {
            return stored.get();
          }
          ClusterRows.put(conn, ClusterRows.VERIFIER_KEY, key);
          return key;
        });
  }

  /** Ends the session: the lock, if held, is released. */
  @Override
  public void close() {
    try {
      c.close();
    } catch (SQLException e) {
      // ending it is all that was wanted
    }
  }
}
