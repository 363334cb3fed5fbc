package org.blocklist.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.blocklist.accountability.Appeal;
import org.blocklist.accountability.AppealDecision;
import org.blocklist.accountability.AppealStatus;

/** The {@code appeals} table (standard SQL). */
final class AppealRows {
  private static final String COLUMNS =
      "id, host, message, language, channel, received, status, answerer, answered, decision,"
          + " note, requisition";

  private AppealRows() {}

  static void insert(Connection c, Appeal a) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO appeals(id, host, message, language, channel, received, status)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      s.setLong(1, a.id());
      s.setString(2, a.host());
      s.setString(3, a.message());
      s.setString(4, a.language());
      s.setString(5, a.channel());
      s.setString(6, Times.format(a.received()));
      s.setString(7, a.status().code());
      s.executeUpdate();
    }
  }

  static void updateAnswer(Connection c, Appeal a) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE appeals SET status = ?, answerer = ?, answered = ?, decision = ?, note = ?,"
                + " requisition = ? WHERE id = ?")) {
      s.setString(1, a.status().code());
      s.setString(2, a.answerer());
      s.setString(3, a.answered() == null ? null : Times.format(a.answered()));
      s.setString(4, a.decision() == null ? null : a.decision().code());
      s.setString(5, a.note());
      if (a.requisition() == null) {
        s.setNull(6, Types.INTEGER);
      } else {
        s.setLong(6, a.requisition());
      }
      s.setLong(7, a.id());
      if (s.executeUpdate() != 1) {
        throw new SQLException("no appeal " + a.id() + " to update");
      }
    }
  }

  static long lastId(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM appeals");
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static Optional<Appeal> get(Connection c, long id) throws SQLException {
    return page(c, null, id, 1).stream().filter(a -> a.id() == id).findFirst();
  }

  static List<Appeal> page(Connection c, AppealStatus status, long fromId, int limit)
      throws SQLException {
    String where = status == null ? "id >= ?" : "id >= ? AND status = ?";
    List<Appeal> out = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT " + COLUMNS + " FROM appeals WHERE " + where + " ORDER BY id LIMIT ?")) {
      s.setLong(1, fromId);
      int next = 2;
      if (status != null) {
        s.setString(next++, status.code());
      }
      s.setInt(next, limit);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          long req = rs.getLong(12);
          Long reqOrNull = rs.wasNull() ? null : req;
          String decision = rs.getString(10);
          out.add(
              new Appeal(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  Times.parse(rs.getString(6)),
                  AppealStatus.fromCode(rs.getString(7)),
                  rs.getString(8),
                  Times.parse(rs.getString(9)),
                  decision == null ? null : AppealDecision.fromCode(decision),
                  rs.getString(11),
                  reqOrNull));
        }
      }
    }
    return out;
  }
}
