package org.blocklist.store;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.blocklist.ledger.StoreException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The embedded SQLite store: one file {@code blocklist.db} in the data directory, WAL journal,
 * {@code synchronous=FULL} so that a committed transaction survives a power cut, foreign keys on.
 * Connections are not thread-safe: the writer thread owns one, each reader thread its own.
 */
public final class Database implements SqlDatabase {
  public static final String FILE_NAME = "blocklist.db";

  /** How long a writer waits for another process (the CLI) holding the write lock. */
  public static final int BUSY_TIMEOUT_MILLIS = 10_000;

  private final Path file;

  private Database(Path file) {
    this.file = file;
  }

  /**
   * The existing store file {@code file} (a backup, say), opened as it is: no directory or schema
   * is created.
   */
  public static Database existing(Path file) throws StoreException {
    requireNonNull(file, "file");
    if (!Files.isRegularFile(file)) {
      throw new StoreException("no store at " + file);
    }
    return new Database(file);
  }

  /**
   * Creates the data directory (owner-only: it holds the list, the token hashes and the signing
   * key) and the schema if missing. An existing directory keeps the permissions it has.
   */
  public static Database open(Path dataDir) throws StoreException {
    requireNonNull(dataDir, "dataDir");
    try {
      if (!Files.isDirectory(dataDir)) {
        createOwnerOnly(dataDir);
      }
    } catch (IOException e) {
      throw new StoreException("cannot create data directory " + dataDir + ": " + e, e);
    }
    Database db = new Database(dataDir.resolve(FILE_NAME));
    try (Connection c = db.connect()) {
      db.transaction(
          c,
          conn -> {
            Schema.create(conn, Schema.Dialect.SQLITE);
            return null;
          });
    } catch (SQLException e) {
      throw new StoreException("cannot open " + db.file + ": " + e.getMessage(), e);
    }
    return db;
  }

  /** POSIX only, as the key files are (the service runs on Linux). */
  private static void createOwnerOnly(Path dir) throws IOException {
    Files.createDirectories(
        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
  }

  public Path file() {
    return file;
  }

  /**
   * A new connection for the writer, with the store's pragmas, whose transactions take the write
   * lock first ({@code BEGIN IMMEDIATE}); the caller closes it.
   */
  @Override
  public Connection connect() throws StoreException {
    return connect(SQLiteConfig.TransactionMode.IMMEDIATE);
  }

  /**
   * A new connection for readers, whose transactions are deferred ({@code BEGIN}): a read takes
   * only a shared snapshot, never the write lock, so it neither waits for nor holds up the writer.
   */
  @Override
  public Connection connectReader() throws StoreException {
    return connect(SQLiteConfig.TransactionMode.DEFERRED);
  }

  private Connection connect(SQLiteConfig.TransactionMode mode) throws StoreException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    config.setTransactionMode(mode);
    try {
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
      c.setAutoCommit(true);
      return c;
    } catch (SQLException e) {
      throw new StoreException("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Runs {@code work} in one transaction that takes the write lock first ({@code BEGIN IMMEDIATE}),
   * so that reads inside it see the latest committed state and no other writer interleaves. Commits
   * if {@code work} returns, rolls back if it throws.
   */
  @Override
  public <T, E extends Exception> T transaction(Connection c, SqlWork<T, E> work)
      throws StoreException, E {
    try {
      c.setAutoCommit(false);
      T result;
      try {
        result = work.run(c);
      } catch (Exception e) { // rethrown precisely: SQLException, E or unchecked
        undo(c, e);
        throw e;
      }
      try {
        c.commit();
      } catch (SQLException e) {
        undo(c, e);
        if (isIoError(e)) {
          // SQLite wrote the WAL frames but could not sync them (or write them all): they are in
          // the file, unindexed; a restart's recovery may or may not replay them.
          throw StoreException.uncertain(
              "store commit failed, its durability unknown: " + e.getMessage(), e);
        }
        throw e;
      } catch (RuntimeException e) {
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
  public String describe(Connection c) throws StoreException {
    return file + ": " + read(c, Database::durability);
  }

  @Override
  public Schema.Dialect dialect() {
    return Schema.Dialect.SQLITE;
  }

  @Override
  public StoreException failure(String what, SQLException e) {
    return sqliteFailure(what, e);
  }

  /**
   * Rolls back after {@code cause} and leaves {@code c} in auto-commit mode. SQLite may already
   * have rolled back by itself (a full disk does), so either step may fail with "no transaction is
   * active": that must not hide the cause, so such failures are only attached to it. The driver
   * records auto-commit before it talks to SQLite, so the next transaction begins afresh.
   */
  private static void undo(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
    try {
      c.setAutoCommit(true);
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  /** An {@code SQLITE_IOERR} of any extended kind ({@code SQLITE_IOERR_FSYNC} among them). */
  private static boolean isIoError(SQLException e) {
    return e instanceof SQLiteException s
        && (s.getResultCode().code & 0xff) == SQLiteErrorCode.SQLITE_IOERR.code;
  }

  /** A store failure; a full disk ({@code SQLITE_FULL}) is told apart (the API answers 507). */
  static StoreException sqliteFailure(String what, SQLException e) {
    if (e instanceof SQLiteException s
        && (s.getResultCode().code & 0xff) == SQLiteErrorCode.SQLITE_FULL.code) {
      return StoreException.full(what + ": the disk is full: " + e.getMessage(), e);
    }
    return new StoreException(what + ": " + e.getMessage(), e);
  }

  /** Runs read-only {@code work} on {@code c} (a consistent snapshot in WAL mode). */
  @Override
  public <T, E extends Exception> T read(Connection c, SqlWork<T, E> work)
      throws StoreException, E {
    try {
      c.setAutoCommit(false);
      try {
        return work.run(c);
      } finally {
        c.rollback();
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException("store read failed: " + e.getMessage(), e);
    }
  }

  /**
   * Runs {@code work} on {@code c} as it is (inside the caller's transaction), wrapping failures.
   */
  static <T, E extends Exception> T wrap(Connection c, SqlWork<T, E> work)
      throws StoreException, E {
    try {
      return work.run(c);
    } catch (SQLException e) {
      throw new StoreException("store read failed: " + e.getMessage(), e);
    }
  }

  /** {@code journal_mode=<mode> synchronous=<level>} of {@code c}, as SQLite reports them. */
  static String durability(Connection c) throws SQLException {
    return "journal_mode=" + pragma(c, "journal_mode") + " synchronous=" + pragma(c, "synchronous");
  }

  private static String pragma(Connection c, String name) throws SQLException {
    try (Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      return rs.next() ? rs.getString(1) : "";
    }
  }

  static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
