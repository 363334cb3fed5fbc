package org.blocklist.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.blocklist.ledger.StoreException;

/**
 * A store's database as the stores and the read pool use it: SQLite ({@link Database}) or
 * PostgreSQL ({@link PostgresDatabase}). The SQL of the row classes is the same on both; what
 * differs is here: how to connect, how a write transaction serialises with other writers, how a
 * read gets one consistent snapshot, and how a failure is told apart.
 */
public interface SqlDatabase {
  /** A new connection for the writer; the caller closes it. */
  Connection connect() throws StoreException;

  /** A new connection for readers; the caller closes it. */
  Connection connectReader() throws StoreException;

  /**
   * Runs {@code work} in one transaction that no other writer of this database interleaves with;
   * commits if it returns, rolls back if it throws.
   */
  <T, E extends Exception> T transaction(Connection c, SqlWork<T, E> work) throws StoreException, E;

  /** Runs read-only {@code work} on {@code c} over one consistent snapshot. */
  <T, E extends Exception> T read(Connection c, SqlWork<T, E> work) throws StoreException, E;

  /** What an operator reads in the log at start: the file or URL, and its durability settings. */
  String describe(Connection c) throws StoreException;

  /** The dialect of the schema statements. */
  Schema.Dialect dialect();

  /** A {@link StoreException} for {@code e}, with a full disk told apart (the API answers 507). */
  StoreException failure(String what, SQLException e);
}
