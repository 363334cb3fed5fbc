package org.blocklist.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.blocklist.isp.Delivery;

/** The {@code isp_status} table: per ISP principal, the last version served, when and how. */
public final class IspStatusRows {
  private IspStatusRows() {}

  static Map<String, Delivery> all(Connection c) throws SQLException {
    Map<String, Delivery> out = new HashMap<>();
    try (PreparedStatement s =
            c.prepareStatement("SELECT name, last_version, last_seen, via FROM isp_status");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.put(
            rs.getString(1),
            new Delivery(rs.getLong(2), Times.parse(rs.getString(3)), rs.getString(4)));
      }
    }
    return out;
  }

  static void upsert(Connection c, Map<String, Delivery> rows) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO isp_status(name, last_version, last_seen, via) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT(name) DO UPDATE SET last_version = excluded.last_version,"
                + " last_seen = excluded.last_seen, via = excluded.via")) {
      for (Map.Entry<String, Delivery> e : rows.entrySet()) {
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
