package org.blocklist.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The cluster's rows in {@code meta} (PostgreSQL only): {@code writer_epoch}, raised by each
 * replica that becomes the writer, {@code writer_url}, the API URL it advertised, and {@code
 * verifier_key}, the key every replica must sign with.
 */
final class ClusterRows {
  static final String EPOCH = "writer_epoch";
  static final String WRITER_URL = "writer_url";
  static final String VERIFIER_KEY = "verifier_key";

  /** The SQLSTATE of a write refused because another replica became the writer since. */
  static final String FENCED = "BL001";

  private ClusterRows() {}

  /**
   * Fails, inside the caller's write transaction (which holds {@link PostgresDatabase#WRITE_LOCK}),
   * unless the stored writer epoch is still {@code epoch}.
   */
  static void checkEpoch(Connection c, long epoch) throws SQLException {
    long stored = Long.parseLong(get(c, EPOCH).orElse("0"));
    if (stored != epoch) {
      throw new SQLException(
          "this replica is no longer the writer (its epoch "
              + epoch
              + ", the database's "
              + stored
              + "): nothing written",
          FENCED);
    }
  }

  /** Raises the writer epoch and records {@code url}; returns the new epoch. */
  static long takeOver(Connection c, String url) throws SQLException {
    long epoch = Long.parseLong(get(c, EPOCH).orElse("0")) + 1;
    put(c, EPOCH, String.valueOf(epoch));
    put(c, WRITER_URL, url);
    return epoch;
  }

  static Optional<String> get(Connection c, String key) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
      s.setString(1, key);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  static void put(Connection c, String key, String value) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO meta(key, value) VALUES (?, ?)"
                + " ON CONFLICT(key) DO UPDATE SET value = excluded.value")) {
      s.setString(1, key);
      s.setString(2, value);
      s.executeUpdate();
    }
  }

  /** {@code NOTIFY channel, payload}, delivered when the caller's transaction commits. */
  static void notify(Connection c, String channel, String payload) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
      s.setString(1, channel);
      s.setString(2, payload);
      s.execute();
    }
  }
}
