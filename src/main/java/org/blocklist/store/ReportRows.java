package org.blocklist.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.blocklist.accountability.Report;
import org.blocklist.accountability.ReportHost;
import org.blocklist.accountability.ReportStatus;

/** The {@code reports} and {@code report_hosts} tables (standard SQL). */
final class ReportRows {
  private static final String COLUMNS =
      "id, hotline_reference, category, submitter, submitted, status, triager, triaged, note,"
          + " requisition";

  private ReportRows() {}

  static void insert(Connection c, Report r) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO reports(id, hotline_reference, category, submitter, submitted, status)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      s.setLong(1, r.id());
      s.setString(2, r.hotlineReference());
      s.setString(3, r.category());
      s.setString(4, r.submitter());
      s.setString(5, Times.format(r.submitted()));
      s.setString(6, r.status().code());
      s.executeUpdate();
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO report_hosts(report, position, input, host, reduced_from_url, listed)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      int position = 0;
      for (ReportHost h : r.hosts()) {
        s.setLong(1, r.id());
        s.setInt(2, position++);
        s.setString(3, h.input());
        s.setString(4, h.host());
        s.setInt(5, h.reducedFromUrl() ? 1 : 0);
        s.setInt(6, h.listed() ? 1 : 0);
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  static void updateTriage(Connection c, Report r) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE reports SET status = ?, triager = ?, triaged = ?, note = ?, requisition = ?"
                + " WHERE id = ?")) {
      s.setString(1, r.status().code());
      s.setString(2, r.triager());
      s.setString(3, r.triaged() == null ? null : Times.format(r.triaged()));
      s.setString(4, r.note());
      if (r.requisition() == null) {
        s.setNull(5, Types.INTEGER);
      } else {
        s.setLong(5, r.requisition());
      }
      s.setLong(6, r.id());
      if (s.executeUpdate() != 1) {
        throw new SQLException("no report " + r.id() + " to update");
      }
    }
  }

  static long lastId(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM reports");
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static Optional<Report> get(Connection c, long id) throws SQLException {
    return page(c, null, null, null, id, 1).stream().filter(r -> r.id() == id).findFirst();
  }

  static List<Report> page(
      Connection c, ReportStatus status, String submitter, Long requisition, long fromId, int limit)
      throws SQLException {
    StringBuilder where = new StringBuilder("id >= ?");
    if (status != null) {
      where.append(" AND status = ?");
    }
    if (submitter != null) {
      where.append(" AND submitter = ?");
    }
    if (requisition != null) {
      where.append(" AND requisition = ?");
    }
    List<Report> out = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT " + COLUMNS + " FROM reports WHERE " + where + " ORDER BY id LIMIT ?")) {
      int i = 1;
      s.setLong(i++, fromId);
      if (status != null) {
        s.setString(i++, status.code());
      }
      if (submitter != null) {
        s.setString(i++, submitter);
      }
      if (requisition != null) {
        s.setLong(i++, requisition);
      }
      s.setInt(i, limit);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          long req = rs.getLong(10);
          Long reqOrNull = rs.wasNull() ? null : req;
          out.add(
              new Report(
                  rs.getLong(1),
                  hosts(c, rs.getLong(1)),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  Times.parse(rs.getString(5)),
                  ReportStatus.fromCode(rs.getString(6)),
                  rs.getString(7),
                  Times.parse(rs.getString(8)),
                  rs.getString(9),
                  reqOrNull));
        }
      }
    }
    return out;
  }

  private static List<ReportHost> hosts(Connection c, long id) throws SQLException {
    List<ReportHost> out = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT input, host, reduced_from_url, listed FROM report_hosts WHERE report = ?"
                + " ORDER BY position")) {
      s.setLong(1, id);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(
              new ReportHost(
                  rs.getString(1), rs.getString(2), rs.getInt(3) != 0, rs.getInt(4) != 0));
        }
      }
    }
    return out;
  }
}
