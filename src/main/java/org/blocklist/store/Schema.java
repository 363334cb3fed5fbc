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
    """
    CREATE TABLE IF NOT EXISTS reports (
      id INTEGER PRIMARY KEY,
      hotline_reference TEXT NOT NULL,
      category TEXT NOT NULL,
      submitter TEXT NOT NULL,
      submitted TEXT NOT NULL,
      status TEXT NOT NULL,
      triager TEXT,
      triaged TEXT,
      note TEXT,
      requisition INTEGER)""",
    "CREATE INDEX IF NOT EXISTS reports_status ON reports(status, id)",
    """
    CREATE TABLE IF NOT EXISTS report_hosts (
      report INTEGER NOT NULL REFERENCES reports(id),
      position INTEGER NOT NULL,
      input TEXT NOT NULL,
      host TEXT NOT NULL,
      reduced_from_url INTEGER NOT NULL,
      listed INTEGER NOT NULL,
      PRIMARY KEY (report, position))""",
    """
    CREATE TABLE IF NOT EXISTS appeals (
      id INTEGER PRIMARY KEY,
      host TEXT NOT NULL,
      message TEXT NOT NULL,
      language TEXT NOT NULL,
      channel TEXT NOT NULL,
      received TEXT NOT NULL,
      status TEXT NOT NULL,
      answerer TEXT,
      answered TEXT,
      decision TEXT,
      note TEXT,
      requisition INTEGER)""",
    "CREATE INDEX IF NOT EXISTS appeals_status ON appeals(status, id)",
    """
    CREATE TABLE IF NOT EXISTS reviews (
      name TEXT PRIMARY KEY,
      requisition INTEGER NOT NULL,
      approved TEXT NOT NULL,
      renewed TEXT,
      base TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS reviews_base ON reviews(base, name)",
  };

  private Schema() {}

  /**
   * A store made before the reviews table existed gets a review row for each listed entry, once
   * (the {@code reviews} key of {@code meta} says it was done).
   */
  private static void reviews(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT value FROM meta WHERE key = 'reviews'");
        ResultSet rs = s.executeQuery()) {
      if (rs.next()) {
        return;
      }
    }
    ReviewRows.backfill(c);
    Database.execute(c, "INSERT INTO meta(key, value) VALUES ('reviews', '1')");
  }

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
        reviews(c);
        return;
      }
    }
    Database.execute(c, "INSERT INTO meta(key, value) VALUES ('schema', '" + VERSION + "')");
    reviews(c);
  }
}
