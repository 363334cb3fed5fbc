package org.blocklist.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The {@code versions} and {@code entries} tables. An entry row lives from the version that added
 * it ({@code added}) until the version that removed it ({@code removed}, null while listed); a name
 * blocked again after an unblock gets a second row.
 */
public final class LedgerRows {
  /** One stored version: its manifest text and its signed checkpoint note. */
  public record VersionRow(long version, String manifest, String checkpoint) {}

  /** One stored entry row. {@code removed} is 0 while the entry is listed. */
  public record EntryRow(String name, long added, long removed) {}

  /** Receives entry rows one at a time, so that a million rows need no list. */
  @FunctionalInterface
  public interface EntrySink {
    void accept(String name, long added, long removed);
  }

  private LedgerRows() {}

  public static void insertVersion(Connection c, VersionRow v) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO versions(version, manifest, checkpoint) VALUES (?, ?, ?)")) {
      s.setLong(1, v.version());
      s.setString(2, v.manifest());
      s.setString(3, v.checkpoint());
      s.executeUpdate();
    }
  }

  public static List<VersionRow> versions(Connection c) throws SQLException {
    List<VersionRow> out = new ArrayList<>();
    try (PreparedStatement s =
            c.prepareStatement(
                "SELECT version, manifest, checkpoint FROM versions ORDER BY version");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.add(new VersionRow(rs.getLong(1), rs.getString(2), rs.getString(3)));
      }
    }
    return out;
  }

  public static long latestVersion(Connection c) throws SQLException {
    try (PreparedStatement s =
            c.prepareStatement("SELECT COALESCE(MAX(version), 0) FROM versions");
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  public static void addEntries(Connection c, Collection<String> names, long version)
      throws SQLException {
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
  public static void removeEntries(Connection c, Collection<String> names, long version)
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
  public static void entries(Connection c, EntrySink sink) throws SQLException {
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
