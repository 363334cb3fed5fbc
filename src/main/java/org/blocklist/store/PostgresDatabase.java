package org.blocklist.store;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Properties;
import java.util.Set;
import org.blocklist.ledger.StoreException;

/**
 * The shared PostgreSQL store of several replicas. Every write transaction first takes the
 * transaction-level advisory lock {@link #WRITE_LOCK}, so that writes of all processes (the
 * replicas, the {@code principal} command) are serialised as SQLite's {@code BEGIN IMMEDIATE}
 * serialises them, and reads inside it see the latest commit (READ COMMITTED). A read runs in one
 * {@code REPEATABLE READ, READ ONLY} transaction: one snapshot for the whole of it. Commits are
 * synchronous (the server's {@code synchronous_commit}, which must be {@code on} or stronger).
 */
public final class PostgresDatabase implements SqlDatabase {
  /** The advisory lock key that serialises write transactions ("blocklist writes"). */
  public static final long WRITE_LOCK = 0x626c_6b6c_7772_6974L;

  /** The advisory lock key of schema creation, so that replicas starting together do not race. */
  static final long SCHEMA_LOCK = 0x626c_6b6c_7363_686dL;

  /** The largest password file read. */
  static final long MAX_PASSWORD_BYTES = 4096;

  /** Seconds a connection attempt may take. */
  static final int CONNECT_TIMEOUT_SECONDS = 5;

  private static final Set<PosixFilePermission> GROUP_OR_OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  private final String url;
  private final String user;
  private final String password;

  private PostgresDatabase(String url, String user, String password) {
    this.url = url;
    this.user = user;
    this.password = password;
  }

  /**
   * Connects to {@code url} as {@code user} with the password held in {@code passwordFile} (which
   * must be readable by its owner only; none when null), then creates or migrates the schema.
   */
  public static PostgresDatabase open(String url, String user, Path passwordFile)
      throws StoreException {
    requireNonNull(url, "url");
    requireNonNull(user, "user");
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new StoreException(
          "store.url: " + url + " (expected: jdbc:postgresql://host:port/database)");
    }
    PostgresDatabase db =
        new PostgresDatabase(url, user, passwordFile == null ? null : password(passwordFile));
    try (Connection c = db.connect()) {
      db.transaction(
          c,
          conn -> {
            lock(conn, SCHEMA_LOCK);
            Schema.create(conn, Schema.Dialect.POSTGRESQL);
            return null;
          });
    } catch (SQLException e) {
      throw db.failure("cannot create the schema in " + url, e);
    }
    return db;
  }

  /** The password: the first line of {@code file}, which only its owner may read. */
  static String password(Path file) throws StoreException {
    try {
      Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
      mode.retainAll(GROUP_OR_OTHERS);
      if (!mode.isEmpty()) {
        throw new StoreException(
            "store.passwordFile: "
                + file
                + " is readable or writable by others "
                + mode
                + " (expected: owner only, chmod 600)");
      }
      if (Files.size(file) > MAX_PASSWORD_BYTES) {
        throw new StoreException(
            "store.passwordFile: "
                + file
                + " is "
                + Files.size(file)
                + " bytes (expected: at most "
                + MAX_PASSWORD_BYTES
                + ")");
      }
      String text = Files.readString(file, StandardCharsets.UTF_8);
      int end = text.indexOf('\n');
      return (end < 0 ? text : text.substring(0, end)).strip();
    } catch (IOException e) {
      throw new StoreException("store.passwordFile: cannot read " + file + ": " + e, e);
    }
  }

  public String url() {
    return url;
  }

  @Override
  public Connection connect() throws StoreException {
    return connect(0);
  }

  @Override
  public Connection connectReader() throws StoreException {
    return connect(0);
  }

  /**
   * A new connection; {@code socketTimeoutSeconds} above 0 bounds every statement's wait for the
   * server (the writer's lock session uses it to notice a server that stopped answering).
   */
  public Connection connect(int socketTimeoutSeconds) throws StoreException {
    Properties p = new Properties();
    p.setProperty("user", user);
    if (password != null) {
      p.setProperty("password", password);
    }
    p.setProperty("ApplicationName", "blocklist");
    p.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
    p.setProperty("tcpKeepAlive", "true");
    if (socketTimeoutSeconds > 0) {
      p.setProperty("socketTimeout", String.valueOf(socketTimeoutSeconds));
    }
    try {
      Connection c = DriverManager.getConnection(url, p);
      c.setAutoCommit(true);
      return c;
    } catch (SQLException e) {
      throw failure("cannot connect to " + url, e);
    }
  }

  @Override
  public <T, E extends Exception> T transaction(Connection c, SqlWork<T, E> work)
      throws StoreException, E {
    try {
      c.setAutoCommit(false);
      T result;
      try {
        lock(c, WRITE_LOCK);
        result = work.run(c);
        c.commit();
      } catch (Exception e) { // rethrown precisely: SQLException, E or unchecked
        undo(c, e);
        throw e;
      }
      c.setAutoCommit(true);
      return result;
    } catch (SQLException e) {
      throw failure("store transaction failed", e);
    }
  }

  @Override
  public <T, E extends Exception> T read(Connection c, SqlWork<T, E> work)
      throws StoreException, E {
    try {
      c.setAutoCommit(false);
      try {
        Database.execute(c, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        return work.run(c);
      } finally {
        undo(c);
      }
    } catch (SQLException e) {
      throw failure("store read failed", e);
    }
  }

  @Override
  public String describe(Connection c) throws StoreException {
    return url
        + ": "
        + read(
            c,
            conn ->
                "server "
                    + setting(conn, "server_version")
                    + " synchronous_commit="
                    + setting(conn, "synchronous_commit")
                    + " fsync="
                    + setting(conn, "fsync"));
  }

  @Override
  public Schema.Dialect dialect() {
    return Schema.Dialect.POSTGRESQL;
  }

  /** SQLSTATE 53100 is {@code disk_full}. */
  @Override
  public StoreException failure(String what, SQLException e) {
    if (ClusterRows.FENCED.equals(e.getSQLState())) {
      return StoreException.fenced(e.getMessage(), e);
    }
    if ("53100".equals(e.getSQLState())) {
      return StoreException.full(what + ": the database's disk is full: " + e.getMessage(), e);
    }
    return new StoreException(what + ": " + e.getMessage(), e);
  }

  /** Waits for the transaction-level advisory lock {@code key}. */
  static void lock(Connection c, long key) throws SQLException {
    try (var s = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
      s.setLong(1, key);
      s.execute();
    }
  }

  private static String setting(Connection c, String name) throws SQLException {
    try (var s = c.prepareStatement("SELECT current_setting(?)")) {
      s.setString(1, name);
      try (var rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) : "";
      }
    }
  }

  private static void undo(Connection c, Exception cause) {
    try {
      undo(c);
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static void undo(Connection c) throws SQLException {
    try {
      c.rollback();
    } finally {
      c.setAutoCommit(true);
    }
  }
}
