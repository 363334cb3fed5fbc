package org.blocklist.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The tables: plain rows, names as text, that an operator or auditor can read with {@code sqlite3}
 * or {@code psql}. Times are RFC 3339 UTC text. One list of statements serves both databases:
 * {@code ${ID}} is a 64-bit integer column and {@code ${NAME}} a text column that sorts by byte
 * order (the order of the snapshot text), which each {@link Dialect} spells its own way. A new
 * table is one more statement here and one small row class.
 */
public final class Schema {
  static final int VERSION = 1;

  /** How each database spells the two column types that differ. */
  public enum Dialect {
    /** SQLite: {@code INTEGER} (a primary key is the rowid), text compares bytewise already. */
    SQLITE("INTEGER", "TEXT"),
    /** PostgreSQL: {@code BIGINT}, and the {@code "C"} collation whatever the database's locale. */
    POSTGRESQL("BIGINT", "TEXT COLLATE \"C\"");

    private final String id;
    private final String name;

    Dialect(String id, String name) {
      this.id = id;
      this.name = name;
    }

    String spell(String statement) {
      return statement.replace("${ID}", id).replace("${NAME}", name);
    }
  }

  private static final String[] STATEMENTS = {
    """
    CREATE TABLE IF NOT EXISTS meta (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL)""",
    """
    CREATE TABLE IF NOT EXISTS principals (
      name ${NAME} PRIMARY KEY,
      role TEXT NOT NULL,
      token_sha256 TEXT NOT NULL UNIQUE,
      created TEXT NOT NULL,
      revoked TEXT)""",
    """
    CREATE TABLE IF NOT EXISTS requisitions (
      id ${ID} PRIMARY KEY,
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
      version ${ID})""",
    "CREATE INDEX IF NOT EXISTS requisitions_status ON requisitions(status, id)",
    """
    CREATE TABLE IF NOT EXISTS requisition_domains (
      requisition ${ID} NOT NULL REFERENCES requisitions(id),
      position ${ID} NOT NULL,
      name ${NAME} NOT NULL,
      PRIMARY KEY (requisition, position))""",
    """
    CREATE TABLE IF NOT EXISTS entries (
      name ${NAME} NOT NULL,
      added ${ID} NOT NULL,
      removed ${ID},
      PRIMARY KEY (name, added))""",
    "CREATE INDEX IF NOT EXISTS entries_current ON entries(name) WHERE removed IS NULL",
    // a replica reads the changes of the versions it has not applied yet
    "CREATE INDEX IF NOT EXISTS entries_added ON entries(added)",
    "CREATE INDEX IF NOT EXISTS entries_removed ON entries(removed) WHERE removed IS NOT NULL",
    """
    CREATE TABLE IF NOT EXISTS versions (
      version ${ID} PRIMARY KEY,
      manifest TEXT NOT NULL,
      checkpoint TEXT NOT NULL)""",
    """
    CREATE TABLE IF NOT EXISTS isp_status (
      name ${NAME} PRIMARY KEY,
      last_version ${ID} NOT NULL,
      last_seen TEXT NOT NULL,
      via TEXT NOT NULL)""",
    """
    CREATE TABLE IF NOT EXISTS events (
      seq ${ID} PRIMARY KEY,
      event TEXT NOT NULL,
      hash TEXT NOT NULL)""",
    """
    CREATE TABLE IF NOT EXISTS reports (
      id ${ID} PRIMARY KEY,
      hotline_reference TEXT NOT NULL,
      category TEXT NOT NULL,
      submitter TEXT NOT NULL,
      submitted TEXT NOT NULL,
      status TEXT NOT NULL,
      triager TEXT,
      triaged TEXT,
      note TEXT,
      requisition ${ID})""",
    "CREATE INDEX IF NOT EXISTS reports_status ON reports(status, id)",
    """
    CREATE TABLE IF NOT EXISTS report_hosts (
      report ${ID} NOT NULL REFERENCES reports(id),
      position ${ID} NOT NULL,
      input TEXT NOT NULL,
      host ${NAME} NOT NULL,
      reduced_from_url ${ID} NOT NULL,
      listed ${ID} NOT NULL,
      PRIMARY KEY (report, position))""",
    """
    CREATE TABLE IF NOT EXISTS appeals (
      id ${ID} PRIMARY KEY,
      host ${NAME} NOT NULL,
      message TEXT NOT NULL,
      language TEXT NOT NULL,
      channel TEXT NOT NULL,
      received TEXT NOT NULL,
      status TEXT NOT NULL,
      answerer TEXT,
      answered TEXT,
      decision TEXT,
      note TEXT,
      requisition ${ID})""",
    "CREATE INDEX IF NOT EXISTS appeals_status ON appeals(status, id)",
    """
    CREATE TABLE IF NOT EXISTS reviews (
      name ${NAME} PRIMARY KEY,
      requisition ${ID} NOT NULL,
      approved TEXT NOT NULL,
      renewed TEXT,
      base TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS reviews_base ON reviews(base, name)",
  };

  /**
   * The tables of the ledger in an order that respects their references ({@code store copy} copies
   * them in this order; a table it does not name is copied after these).
   */
  static final java.util.List<String> TABLES =
      java.util.List.of(
          "principals",
          "requisitions",
          "requisition_domains",
          "entries",
          "versions",
          "isp_status",
          "events",
          "reports",
          "report_hosts",
          "appeals",
          "reviews");

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

  /** Creates what is missing, inside the caller's transaction, and checks the schema version. */
  static void create(Connection c, Dialect dialect) throws SQLException {
    for (String sql : STATEMENTS) {
      Database.execute(c, dialect.spell(sql));
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
