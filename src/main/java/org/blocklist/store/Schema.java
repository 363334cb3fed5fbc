package org.blocklist.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The tables: plain rows, names as text, that an operator or auditor can read with {@code sqlite3}.
 * Times are RFC 3339 UTC text.
 */
final class Schema {
  static final int VERSION = 1;

  private static final String[] STATEMENTS = {
    """
    CREATE TABLE IF NOT EXISTS meta (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL)""",
    """
    CREATE TABLE IF NOT EXISTS principals (
      name TEXT PRIMARY KEY,
      role TEXT NOT NULL,
      token_sha256 TEXT NOT NULL UNIQUE,
      created TEXT NOT NULL,
      revoked TEXT)""",
    """
    CREATE TABLE IF NOT EXISTS requisitions (
      id INTEGER PRIMARY KEY,
      action TEXT NOT NULL,
      legal_basis TEXT NOT NULL,
      case_reference TEXT NOT NULL,
      note TEXT,
      submitter TEXT NOT NULL,
      submitted TEXT NOT NULL,
      status TEXT NOT NULL,
      decider TEXT,
      decided TEXT,
      decision_note TEXT,
      version INTEGER)""",
    "CREATE INDEX IF NOT EXISTS requisitions_status ON requisitions(status, id)",
    """
    CREATE TABLE IF NOT EXISTS requisition_domains (
      requisition INTEGER NOT NULL REFERENCES requisitions(id),
      position INTEGER NOT NULL,
      name TEXT NOT NULL,
      PRIMARY KEY (requisition, position))""",
    """
    CREATE TABLE IF NOT EXISTS entries (
      name TEXT NOT NULL,
      added INTEGER NOT NULL,
      removed INTEGER,
      PRIMARY KEY (name, added))""",
    "CREATE INDEX IF NOT EXISTS entries_current ON entries(name) WHERE removed IS NULL",
    """
    CREATE TABLE IF NOT EXISTS versions (
      version INTEGER PRIMARY KEY,
      manifest TEXT NOT NULL,
      checkpoint TEXT NOT NULL)""",
    """
    CREATE TABLE IF NOT EXISTS isp_status (
      name TEXT PRIMARY KEY,
      last_version INTEGER NOT NULL,
      last_seen TEXT NOT NULL,
      via TEXT NOT NULL)""",
    """
    CREATE TABLE IF NOT EXISTS events (
      seq INTEGER PRIMARY KEY,
      event TEXT NOT NULL,
      hash TEXT NOT NULL)""",
  };

  private Schema() {}

  static void create(Connection c) throws SQLException {
    for (String sql : STATEMENTS) {
      Database.execute(c, sql);
    }
    try (PreparedStatement s = c.prepareStatement("SELECT value FROM meta WHERE key = 'schema'");
        ResultSet rs = s.executeQuery()) {
      if (rs.next()) {
        int found = Integer.parseInt(rs.getString(1));
        if (found != VERSION) {
          throw new SQLException("schema version: " + found + " (expected: " + VERSION + ")");
        }
        return;
      }
    }
    Database.execute(c, "INSERT INTO meta(key, value) VALUES ('schema', '" + VERSION + "')");
  }
}
