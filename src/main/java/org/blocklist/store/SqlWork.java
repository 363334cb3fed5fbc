package org.blocklist.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done on one connection inside a transaction; may fail with a domain exception {@code E}. */
@FunctionalInterface
public interface SqlWork<T, E extends Exception> {
  T run(Connection connection) throws SQLException, E;
}
