package org.blocklist.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The {@code isp_status} table: per ISP principal, the last version served, when and how. */
public final class IspStatusRows {
  /** One ISP's last delivery. */
  public record Row(long lastVersion, Instant lastSeen, String via) {}

  private IspStatusRows() {}

  public static Map<String, Row> all(Connection c) throws SQLException {
    Map<String, Row> out = new HashMap<>();
    try (PreparedStatement s =
            c.prepareStatement("SELECT name, last_version, last_seen, via FROM isp_status");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.put(
            rs.getString(1), new Row(rs.getLong(2), Times.parse(rs.getString(3)), rs.getString(4)));
      }
    }
    return out;
  }

  public static void upsert(Connection c, Map<String, Row> rows) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO isp_status(name, last_version, last_seen, via) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT(name) DO UPDATE SET last_version = excluded.last_version,"
                + " last_seen = excluded.last_seen, via = excluded.via")) {
      for (Map.Entry<String, Row> e : rows.entrySet()) {
        s.setString(1, e.getKey());
        s.setLong(2, e.getValue().lastVersion());
        s.setString(3, Times.format(e.getValue().lastSeen()));
        s.setString(4, e.getValue().via());
        s.addBatch();
      }
      s.executeBatch();
    }
  }
}
