package org.blocklist.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.blocklist.ledger.LedgerStore;
import org.blocklist.ledger.StoredVersion;

/**
 * The {@code versions} and {@code entries} tables. An entry row lives from the version that added
 * it ({@code added}) until the version that removed it ({@code removed}, null while listed); a name
 * blocked again after an unblock gets a second row.
 */
final class LedgerRows {
  private LedgerRows() {}

  static void insertVersion(Connection c, StoredVersion v) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO versions(version, manifest, checkpoint) VALUES (?, ?, ?)")) {
      s.setLong(1, v.version());
      s.setString(2, v.manifest());
      s.setString(3, v.checkpoint());
      s.executeUpdate();
    }
  }

  static List<StoredVersion> versions(Connection c) throws SQLException {
    List<StoredVersion> out = new ArrayList<>();
    try (PreparedStatement s =
            c.prepareStatement(
                "SELECT version, manifest, checkpoint FROM versions ORDER BY version");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.add(new StoredVersion(rs.getLong(1), rs.getString(2), rs.getString(3)));
      }
    }
    return out;
  }

  /** Versions after {@code after}, at most {@code limit}, in order. */
  static List<StoredVersion> versionsAfter(Connection c, long after, int limit)
      throws SQLException {
    List<StoredVersion> out = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT version, manifest, checkpoint FROM versions WHERE version > ?"
                + " ORDER BY version LIMIT ?")) {
      s.setLong(1, after);
      s.setInt(2, limit);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(new StoredVersion(rs.getLong(1), rs.getString(2), rs.getString(3)));
        }
      }
    }
    return out;
  }

  static long latestVersion(Connection c) throws SQLException {
    try (PreparedStatement s =
            c.prepareStatement("SELECT COALESCE(MAX(version), 0) FROM versions");
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * The names added ({@code column} {@code added}) or removed ({@code removed}) by each version in
   * {@code from..to}, sorted by name.
   */
  static Map<Long, List<String>> changed(Connection c, String column, long from, long to)
      throws SQLException {
    if (!column.equals("added") && !column.equals("removed")) {
      throw new IllegalArgumentException("column: " + column + " (expected: added or removed)");
    }
    Map<Long, List<String>> out = new HashMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT "
                + column
                + ", name FROM entries WHERE "
                + column
                + " BETWEEN ? AND ? ORDER BY "
                + column
                + ", name")) {
      s.setLong(1, from);
      s.setLong(2, to);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getLong(1), v -> new ArrayList<>()).add(rs.getString(2));
        }
      }
    }
    return out;
  }

  static void addEntries(Connection c, Collection<String> names, long version) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("INSERT INTO entries(name, added) VALUES (?, ?)")) {
      for (String name : names) {
        s.setString(1, name);
        s.setLong(2, version);
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /** Marks each name removed at {@code version}; fails if one is not currently listed. */
  static void removeEntries(Connection c, Collection<String> names, long version)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("UPDATE entries SET removed = ? WHERE name = ? AND removed IS NULL")) {
      for (String name : names) {
        s.setLong(1, version);
        s.setString(2, name);
        if (s.executeUpdate() != 1) {
          throw new SQLException("entry not listed in the store: " + name);
        }
      }
    }
  }

  /** Streams every entry row, ordered by name then by the version that added it. */
  static void entries(Connection c, LedgerStore.EntrySink sink) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT name, added, removed FROM entries ORDER BY name, added")) {
      s.setFetchSize(10_000);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          long removed = rs.getLong(3);
          if (rs.wasNull()) {
            removed = 0;
          }
          sink.accept(rs.getString(1), rs.getLong(2), removed);
        }
      }
    }
  }
}
