package org.blocklist.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.blocklist.accountability.MonthCounts;
import org.blocklist.ledger.AccountabilityRecords.ReviewRow;
import org.blocklist.requisition.Requisition;

/**
 * The {@code reviews} table: one row per listed entry with the requisition whose approval added it,
 * that approval's time, the last renewal, and {@code base} (the later of the two, indexed), from
 * which the review date is {@code review.days} on. Kept in the publishing transaction. Also the
 * month counts of the public figures. Standard SQL.
 */
final class ReviewRows {
  private ReviewRows() {}

  /**
   * In the transaction that publishes {@code approved}: its added names get a row, removed none.
   */
  static void published(
      Connection c, Requisition approved, List<String> added, List<String> removed)
      throws SQLException {
    if (!added.isEmpty()) {
      String time = Times.format(approved.decided());
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO reviews(name, requisition, approved, renewed, base)"
                  + " VALUES (?, ?, ?, NULL, ?)")) {
        for (String name : added) {
          s.setString(1, name);
          s.setLong(2, approved.id());
          s.setString(3, time);
          s.setString(4, time);
          s.addBatch();
        }
        s.executeBatch();
      }
    }
    if (!removed.isEmpty()) {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM reviews WHERE name = ?")) {
        for (String name : removed) {
          s.setString(1, name);
          s.addBatch();
        }
        s.executeBatch();
      }
    }
  }

  /**
   * Gives every listed entry without a review row one (a store made before reviews existed): the
   * approval that added it is its base.
   */
  static void backfill(Connection c) throws SQLException {
    Database.execute(
        c,
        "INSERT INTO reviews(name, requisition, approved, renewed, base)"
            + " SELECT e.name, r.id, r.decided, NULL, r.decided FROM entries e"
            + " JOIN requisitions r ON r.version = e.added"
            + " WHERE e.removed IS NULL"
            + " AND NOT EXISTS (SELECT 1 FROM reviews v WHERE v.name = e.name)");
  }

  static void renew(Connection c, List<String> names, Instant renewed) throws SQLException {
    String time = Times.format(renewed);
    try (PreparedStatement s =
        c.prepareStatement("UPDATE reviews SET renewed = ?, base = ? WHERE name = ?")) {
      for (String name : names) {
        s.setString(1, time);
        s.setString(2, time);
        s.setString(3, name);
        s.addBatch();
      }
      int[] counts = s.executeBatch();
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] == 0) {
          throw new SQLException("no review row for " + names.get(i));
        }
      }
    }
  }

  static Optional<Long> addedBy(Connection c, String name) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT requisition FROM reviews WHERE name = ?")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }

  /** Names whose base is before {@code base}, by name, at most {@code limit}. */
  static List<String> namesBefore(Connection c, Instant base, int limit) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement("SELECT name FROM reviews WHERE base < ? ORDER BY name LIMIT ?")) {
      s.setString(1, Times.format(base));
      s.setInt(2, limit);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  static List<ReviewRow> rowsBefore(Connection c, Instant base, long offset, int limit)
      throws SQLException {
    List<ReviewRow> out = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT name, requisition, approved, renewed FROM reviews WHERE base < ?"
                + " ORDER BY name LIMIT ? OFFSET ?")) {
      s.setString(1, Times.format(base));
      s.setInt(2, limit);
      s.setLong(3, offset);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(
              new ReviewRow(
                  rs.getString(1),
                  rs.getLong(2),
                  Times.parse(rs.getString(3)),
                  Times.parse(rs.getString(4))));
        }
      }
    }
    return out;
  }

  /** Reports, appeals received and appeals answered, by month ({@code YYYY-MM}). */
  static Map<String, MonthCounts> monthCounts(Connection c) throws SQLException {
    Map<String, MonthCounts> out = new HashMap<>();
    count(
        c,
        "SELECT SUBSTR(submitted, 1, 7), COUNT(*) FROM reports GROUP BY SUBSTR(submitted, 1, 7)",
        out,
        0);
    count(
        c,
        "SELECT SUBSTR(received, 1, 7), COUNT(*) FROM appeals GROUP BY SUBSTR(received, 1, 7)",
        out,
        1);
    count(
        c,
        "SELECT SUBSTR(answered, 1, 7), COUNT(*) FROM appeals WHERE answered IS NOT NULL"
            + " GROUP BY SUBSTR(answered, 1, 7)",
        out,
        2);
    return out;
  }

  private static void count(Connection c, String sql, Map<String, MonthCounts> out, int which)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql);
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        long n = rs.getLong(2);
        MonthCounts add =
            new MonthCounts(which == 0 ? n : 0, which == 1 ? n : 0, which == 2 ? n : 0);
        out.merge(rs.getString(1), add, MonthCounts::plus);
      }
    }
  }

  static Set<Long> expiryRequisitions(Connection c) throws SQLException {
    Set<Long> out = new HashSet<>();
    try (PreparedStatement s =
            c.prepareStatement(
                "SELECT id FROM requisitions WHERE legal_basis = 'review-expired'"
                    + " AND status = 'approved'");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getLong(1));
      }
    }
    return out;
  }
}
