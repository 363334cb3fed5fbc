package org.blocklist.store;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.blocklist.ledger.StoreException;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * A session that {@code LISTEN}s for new versions ({@link JdbcStore#VERSIONS_CHANNEL}) and new
 * writers ({@link WriterSession#WRITER_CHANNEL}), and reads the writer's URL.
 */
public final class VersionListener implements AutoCloseable {
  private final PostgresDatabase db;
  private final Connection c;
  private final PGConnection pg;

  private VersionListener(PostgresDatabase db, Connection c) throws SQLException {
    this.db = db;
    this.c = c;
    this.pg = c.unwrap(PGConnection.class);
  }

  public static VersionListener open(PostgresDatabase db) throws StoreException {
    requireNonNull(db, "db");
    Connection c = db.connect();
    try {
      VersionListener l = new VersionListener(db, c);
      Database.execute(c, "LISTEN " + JdbcStore.VERSIONS_CHANNEL);
      Database.execute(c, "LISTEN " + WriterSession.WRITER_CHANNEL);
      return l;
    } catch (SQLException e) {
      try {
        c.close();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw db.failure("listen", e);
    }
  }

  /**
   * Waits up to {@code millis} for a notification; returns how many arrived (0 on time-out). Fails
   * if the session is lost.
   */
  public int await(int millis) throws StoreException {
    try {
      PGNotification[] n = pg.getNotifications(millis);
      return n == null ? 0 : n.length;
    } catch (SQLException e) {
      throw db.failure("waiting for notifications", e);
    }
  }

  /** The URL the current writer advertised, if one took over. */
  public Optional<String> writerUrl() throws StoreException {
    try {
      return ClusterRows.get(c, ClusterRows.WRITER_URL);
    } catch (SQLException e) {
      throw db.failure("reading the writer's URL", e);
    }
  }

  /** The latest stored version. */
  public long latestVersion() throws StoreException {
    try {
      return LedgerRows.latestVersion(c);
    } catch (SQLException e) {
      throw db.failure("reading the latest version", e);
    }
  }

  @Override
  public void close() {
    try {
      c.close();
    } catch (SQLException e) {
      // ending it is all that was wanted
    }
  }
}
