package org.blocklist.audit;

import java.sql.Connection;
import java.sql.SQLException;
import org.blocklist.log.Hash;
import org.blocklist.store.EventRows;

/**
 * Appends events inside the caller's transaction. The chain head is read from the store in that
 * same transaction (which holds the write lock), so the server and the command line can both append
 * without forking the chain.
 */
public final class AuditLog {
  private AuditLog() {}

  public static EventRows.Row append(Connection c, AuditEvent event) throws SQLException {
    EventRows.Row last = EventRows.last(c).orElse(null);
    long seq = last == null ? 1 : last.seq() + 1;
    Hash previous = last == null ? Hash.ZERO : last.hash();
    String text = event.text(seq);
    EventRows.Row row = new EventRows.Row(seq, text, AuditChain.next(previous, text));
    EventRows.insert(c, row);
    return row;
  }
}
