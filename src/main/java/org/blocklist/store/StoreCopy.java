package org.blocklist.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.blocklist.ledger.StoreException;

/**
 * Copies every row of a SQLite store into an empty PostgreSQL store, table by table in {@link
 * Schema#TABLES} order (then any other table the source has), in one PostgreSQL transaction: the
 * copy is whole or absent. The rows are copied as they are (the same plain columns on both); the
 * caller verifies the copy as a replica would at start.
 */
public final class StoreCopy {
  /** Rows sent to PostgreSQL in one batch. */
  static final int BATCH = 5_000;

  private StoreCopy() {}

  /** Copies {@code from} into {@code to}, which must hold no rows; returns rows per table. */
  public static List<String> copy(Database from, PostgresDatabase to) throws StoreException {
    try (Connection source = from.connectReader();
        Connection target = to.connect()) {
      return from.read(
          source,
          src ->
              to.transaction(
                  target,
                  dst -> {
                    List<String> tables = tables(src);
                    for (String t : tables) {
                      if (count(dst, t) != 0) {
                        throw new SQLException(
                            "table "
                                + t
                                + " of "
                                + to.url()
                                + " is not empty: copy into a new"
                                + " database");
                      }
                    }
                    List<String> copied = new ArrayList<>();
                    for (String t : tables) {
                      copied.add(t + " " + copyTable(src, dst, t));
                    }
                    return copied;
                  }));
    } catch (SQLException e) {
      throw to.failure("store copy", e);
    }
  }

  private static List<String> tables(Connection c) throws SQLException {
    List<String> out = new ArrayList<>(Schema.TABLES);
    try (PreparedStatement s =
            c.prepareStatement(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                    + " ORDER BY name");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        String t = rs.getString(1);
        if (!t.equals("meta") && !out.contains(t)) {
          out.add(t);
        }
      }
    }
    return out;
  }

  private static long count(Connection c, String table) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + table);
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long copyTable(Connection src, Connection dst, String table) throws SQLException {
    long rows = 0;
    try (PreparedStatement read = src.prepareStatement("SELECT * FROM " + table)) {
      read.setFetchSize(BATCH);
      try (ResultSet rs = read.executeQuery()) {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          columns.add(meta.getColumnName(i));
        }
        String sql =
            "INSERT INTO "
                + table
                + "("
                + String.join(", ", columns)
                + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(n, "?"))
                + ")";
        try (PreparedStatement write = dst.prepareStatement(sql)) {
          while (rs.next()) {
            for (int i = 1; i <= n; i++) {
              Object v = rs.getObject(i);
              write.setObject(i, v instanceof Integer x ? Long.valueOf(x) : v);
            }
            write.addBatch();
            if (++rows % BATCH == 0) {
              write.executeBatch();
            }
          }
          write.executeBatch();
        }
      }
    }
    return rows;
  }
}
