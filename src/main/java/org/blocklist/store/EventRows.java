package org.blocklist.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.blocklist.log.Hash;

/** The append-only {@code events} table: canonical event text and chain hash per sequence. */
public final class EventRows {
  /** One stored event. */
  public record Row(long seq, String event, Hash hash) {}

  private EventRows() {}

  public static Optional<Row> last(Connection c) throws SQLException {
    try (PreparedStatement s =
            c.prepareStatement("SELECT seq, event, hash FROM events ORDER BY seq DESC LIMIT 1");
        ResultSet rs = s.executeQuery()) {
      return rs.next() ? Optional.of(row(rs)) : Optional.empty();
    }
  }

  public static void insert(Connection c, Row row) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("INSERT INTO events(seq, event, hash) VALUES (?, ?, ?)")) {
      s.setLong(1, row.seq());
      s.setString(2, row.event());
      s.setString(3, row.hash().hex());
      s.executeUpdate();
    }
  }

  public static List<Row> page(Connection c, long fromSeq, int limit) throws SQLException {
    List<Row> out = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT seq, event, hash FROM events WHERE seq >= ? ORDER BY seq LIMIT ?")) {
      s.setLong(1, fromSeq);
      s.setInt(2, limit);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(row(rs));
        }
      }
    }
    return out;
  }

  /** Receives stored events in sequence order. */
  @FunctionalInterface
  public interface RowSink<E extends Exception> {
    void accept(Row row) throws E;
  }

  /** Streams every event in sequence order. */
  public static <E extends Exception> void all(Connection c, RowSink<E> sink)
      throws SQLException, E {
    try (PreparedStatement s =
        c.prepareStatement("SELECT seq, event, hash FROM events ORDER BY seq")) {
      s.setFetchSize(10_000);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          sink.accept(row(rs));
        }
      }
    }
  }

  private static Row row(ResultSet rs) throws SQLException {
    String hex = rs.getString(3);
    Hash hash;
    try {
      hash = Hash.fromHex(hex);
    } catch (IllegalArgumentException e) {
      throw new SQLException(
          "event " + rs.getLong(1) + ": stored hash is not hex SHA-256: " + hex, e);
    }
    return new Row(rs.getLong(1), rs.getString(2), hash);
  }
}
