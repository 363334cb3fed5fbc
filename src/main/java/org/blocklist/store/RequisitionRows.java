package org.blocklist.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.blocklist.domain.DomainName;
import org.blocklist.ledger.LedgerStore;
import org.blocklist.ledger.StoredRequisition;
import org.blocklist.requisition.Action;
import org.blocklist.requisition.LegalBasis;
import org.blocklist.requisition.Requisition;
import org.blocklist.requisition.Status;

/** The {@code requisitions} and {@code requisition_domains} tables. */
final class RequisitionRows {
  private static final String COLUMNS =
      "id, action, legal_basis, case_reference, note, submitter, submitted, status, decider,"
          + " decided, decision_note, version";

  private RequisitionRows() {}

  /** Inserts {@code r} with its id. */
  static void insert(Connection c, Requisition r) throws SQLException {
    long id = r.id();
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO requisitions(id, action, legal_basis, case_reference, note, submitter,"
                + " submitted, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setLong(1, id);
      s.setString(2, r.action().code());
      s.setString(3, r.legalBasis().code());
      s.setString(4, r.caseReference());
      s.setString(5, r.note());
      s.setString(6, r.submitter());
      s.setString(7, Times.format(r.submitted()));
      s.setString(8, r.status().code());
      s.executeUpdate();
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO requisition_domains(requisition, position, name) VALUES (?, ?, ?)")) {
      int position = 0;
      for (DomainName d : r.domains()) {
        s.setLong(1, id);
        s.setInt(2, position++);
        s.setString(3, d.value());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /** The highest requisition id stored, 0 if none. */
  static long lastId(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM requisitions");
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static void updateDecision(Connection c, Requisition r) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE requisitions SET status = ?, decider = ?, decided = ?, decision_note = ?,"
                + " version = ? WHERE id = ?")) {
      s.setString(1, r.status().code());
      s.setString(2, r.decider());
      s.setString(3, r.decided() == null ? null : Times.format(r.decided()));
      s.setString(4, r.decisionNote());
      if (r.version() == null) {
        s.setNull(5, Types.INTEGER);
      } else {
        s.setLong(5, r.version());
      }
      s.setLong(6, r.id());
      if (s.executeUpdate() != 1) {
        throw new SQLException("no requisition " + r.id() + " to update");
      }
    }
  }

  static Optional<Requisition> get(Connection c, long id) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT " + COLUMNS + " FROM requisitions WHERE id = ?")) {
      s.setLong(1, id);
      List<Requisition> found = read(c, s);
      return found.stream().findFirst();
    }
  }

  /** Requisitions with {@code id >= fromId}, optionally of one status, in id order. */
  static List<Requisition> page(Connection c, Status status, long fromId, int limit)
      throws SQLException {
    String where = status == null ? "id >= ?" : "id >= ? AND status = ?";
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT " + COLUMNS + " FROM requisitions WHERE " + where + " ORDER BY id LIMIT ?")) {
      s.setLong(1, fromId);
      int next = 2;
      if (status != null) {
        s.setString(next++, status.code());
      }
      s.setInt(next, limit);
      return read(c, s);
    }
  }

  /**
   * Streams every requisition row in id order with the names of its domain rows, joining the two
   * tables in one ordered pass over each; a domain row of no requisition row goes to {@code
   * strayDomain}.
   */
  static <E extends Exception> void history(Connection c, LedgerStore.RequisitionSink<E> sink)
      throws SQLException, E {
    try (PreparedStatement rs =
            c.prepareStatement(
                "SELECT id, action, legal_basis, case_reference, note, submitter, submitted,"
                    + " status, decider, decided, version FROM requisitions ORDER BY id");
        PreparedStatement ds =
            c.prepareStatement(
                "SELECT requisition, position, name FROM requisition_domains"
                    + " ORDER BY requisition, position")) {
      rs.setFetchSize(1_000);
      ds.setFetchSize(10_000);
      try (ResultSet r = rs.executeQuery();
          ResultSet d = ds.executeQuery()) {
        boolean more = d.next();
        while (r.next()) {
          long id = r.getLong(1);
          for (; more && d.getLong(1) < id; more = d.next()) {
            sink.strayDomain(d.getLong(1), d.getLong(2), d.getString(3));
          }
          List<String> names = new ArrayList<>();
          for (; more && d.getLong(1) == id; more = d.next()) {
            names.add(d.getString(3));
          }
          long version = r.getLong(11);
          Long versionOrNull = r.wasNull() ? null : version;
          sink.requisition(
              new StoredRequisition(
                  id,
                  r.getString(2),
                  r.getString(3),
                  r.getString(4),
                  r.getString(5),
                  r.getString(6),
                  r.getString(7),
                  r.getString(8),
                  r.getString(9),
                  r.getString(10),
                  versionOrNull,
                  names));
        }
        for (; more; more = d.next()) {
          sink.strayDomain(d.getLong(1), d.getLong(2), d.getString(3));
        }
      }
    }
  }

  private static List<Requisition> read(Connection c, PreparedStatement s) throws SQLException {
    List<Requisition> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        long version = rs.getLong(12);
        Long versionOrNull = rs.wasNull() ? null : version;
        out.add(
            new Requisition(
                rs.getLong(1),
                Action.fromCode(rs.getString(2)),
                domains(c, rs.getLong(1)),
                LegalBasis.fromCode(rs.getString(3)),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                Times.parse(rs.getString(7)),
                Status.fromCode(rs.getString(8)),
                rs.getString(9),
                Times.parse(rs.getString(10)),
                rs.getString(11),
                versionOrNull));
      }
    }
    return out;
  }

  private static List<DomainName> domains(Connection c, long id) throws SQLException {
    List<DomainName> out = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT name FROM requisition_domains WHERE requisition = ? ORDER BY position")) {
      s.setLong(1, id);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(new DomainName(rs.getString(1)));
        }
      }
    }
    return out;
  }
}
