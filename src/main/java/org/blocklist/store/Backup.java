package org.blocklist.store;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.blocklist.ledger.StoreException;

/**
 * A consistent copy of a store while the service runs: SQLite's {@code VACUUM INTO} reads one
 * snapshot (a WAL reader: the writer is neither blocked nor seen half-way) into a new file. The
 * copy is written beside its destination, synced, renamed into place and the directory synced, so a
 * crash leaves either no backup or a complete one, never a partial file under the backup's name.
 */
public final class Backup {
  private Backup() {}

  /**
   * Copies {@code db} to {@code out}, which must not exist yet; returns the copy's size in bytes.
   * The copy is readable by its owner only (it holds token hashes).
   */
  public static long copy(Database db, Path out) throws StoreException, IOException {
    requireNonNull(db, "db");
    Path target = out.toAbsolutePath();
    if (Files.exists(target)) {
      throw new IOException(target + " exists (a backup never overwrites: choose another name)");
    }
    Path dir = target.getParent();
    Path partial = dir.resolve("." + target.getFileName() + ".partial");
    Files.deleteIfExists(partial);
    try (Connection c = db.connectReader();
        PreparedStatement vacuum = c.prepareStatement("VACUUM INTO ?")) {
      vacuum.setString(1, partial.toString());
      vacuum.execute();
    } catch (SQLException e) {
      Files.deleteIfExists(partial);
      throw Database.sqliteFailure("backup of " + db.file() + " failed", e);
    }
    try {
      Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
      try (FileChannel f = FileChannel.open(partial, StandardOpenOption.WRITE)) {
        f.force(true);
      }
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true);
      }
    } finally {
      Files.deleteIfExists(partial);
    }
    return Files.size(target);
  }
}
