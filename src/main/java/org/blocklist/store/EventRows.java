package org.blocklist.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.blocklist.audit.AuditChain;
import org.blocklist.audit.ChainedEvent;
import org.blocklist.ledger.ChainMovedException;
import org.blocklist.ledger.LedgerStore;
import org.blocklist.log.Hash;

/** The append-only {@code events} table: canonical event text and chain hash per sequence. */
final class EventRows {
  private EventRows() {}

  static Optional<ChainedEvent> last(Connection c) throws SQLException {
    try (PreparedStatement s =
            c.prepareStatement("SELECT seq, event, hash FROM events ORDER BY seq DESC LIMIT 1");
        ResultSet rs = s.executeQuery()) {
      return rs.next() ? Optional.of(row(rs)) : Optional.empty();
    }
  }

  /**
   * Appends {@code events} inside the caller's transaction, which holds the write lock, if the
   * stored chain still ends where the first of them was chained from.
   */
  static void append(Connection c, List<ChainedEvent> events)
      throws SQLException, ChainMovedException {
    if (events.isEmpty()) {
      return;
    }
    ChainedEvent first = events.get(0);
    Optional<ChainedEvent> last = last(c);
    long lastSeq = last.map(ChainedEvent::seq).orElse(0L);
    Hash lastHash = last.map(ChainedEvent::hash).orElse(Hash.ZERO);
    if (lastSeq != first.seq() - 1
        || !AuditChain.next(lastHash, first.text()).equals(first.hash())) {
      throw new ChainMovedException(
          "the chain ends at event "
              + lastSeq
              + ", not where event "
              + first.seq()
              + " was chained");
    }
    try (PreparedStatement s =
        c.prepareStatement("INSERT INTO events(seq, event, hash) VALUES (?, ?, ?)")) {
      for (ChainedEvent e : events) {
        s.setLong(1, e.seq());
        s.setString(2, e.text());
        s.setString(3, e.hash().hex());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  static List<ChainedEvent> page(Connection c, long fromSeq, int limit) throws SQLException {
    List<ChainedEvent> out = new ArrayList<>();
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

  /** Every event after {@code afterSeq}, in order. */
  static List<ChainedEvent> after(Connection c, long afterSeq) throws SQLException {
    List<ChainedEvent> out = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement("SELECT seq, event, hash FROM events WHERE seq > ? ORDER BY seq")) {
      s.setLong(1, afterSeq);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(row(rs));
        }
      }
    }
    return out;
  }

  /** Streams every event in sequence order. */
  static <E extends Exception> void all(Connection c, LedgerStore.EventSink<E> sink)
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

  private static ChainedEvent row(ResultSet rs) throws SQLException {
    String hex = rs.getString(3);
    Hash hash;
    try {
      hash = Hash.fromHex(hex);
    } catch (IllegalArgumentException e) {
      throw new SQLException(
          "event " + rs.getLong(1) + ": stored hash is not hex SHA-256: " + hex, e);
    }
    return new ChainedEvent(rs.getLong(1), rs.getString(2), hash);
  }
}
