package org.blocklist.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.blocklist.ledger.StoreException;

/**
 * Opens the database that {@code store.kind} names: SQLite in the data directory, or PostgreSQL.
 */
public final class Stores {
  public static final String SQLITE = "sqlite";
  public static final String POSTGRESQL = "postgresql";

  private Stores() {}

  /**
   * The store's database, its schema created or migrated. The data directory (keys, locks, and the
   * SQLite file) is created owner-only if missing, whatever the kind.
   *
   * @param passwordFile the PostgreSQL password file, empty for none
   */
  public static SqlDatabase open(
      String kind, Path data, String url, String user, String passwordFile) throws StoreException {
    if (SQLITE.equals(kind)) {
      return Database.open(data);
    }
    if (!POSTGRESQL.equals(kind)) {
      throw new StoreException("store.kind: " + kind + " (expected: sqlite or postgresql)");
    }
    try {
      if (!Files.isDirectory(data)) {
        Files.createDirectories(
            data,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
    } catch (IOException e) {
      throw new StoreException("cannot create data directory " + data + ": " + e, e);
    }
    return PostgresDatabase.open(url, user, passwordFile.isEmpty() ? null : Path.of(passwordFile));
  }
}
