package org.blocklist.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
  @TempDir Path dir;

  @Test
  void aNewDataDirectory_isOwnerOnly_andHoldsTheStore() throws Exception {
    Path data = dir.resolve("data");
    Database.open(data);
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
    assertTrue(Files.isRegularFile(data.resolve(Database.FILE_NAME)));
  }

  @Test
  void anExistingDataDirectory_keepsItsPermissions() throws Exception {
    Path data = Files.createDirectory(dir.resolve("data"));
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-x---"));
    Database.open(data);
    assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
  }

  @Test
  void aRead_whileTheWriterHoldsItsLock_seesTheLastCommit_insteadOfWaitingForTheLock()
      throws Exception {
    Database db = Database.open(dir.resolve("data"));
    try (Connection writer = db.connect();
        Connection reader = db.connectReader()) {
      Database.execute(writer, "CREATE TABLE t (x INTEGER)");
      Database.execute(writer, "INSERT INTO t VALUES (1)");
      writer.setAutoCommit(false);
      Database.execute(writer, "INSERT INTO t VALUES (2)"); // BEGIN IMMEDIATE: the write lock

      long seen = db.read(reader, c -> count(c));

      assertEquals(1, seen, "the reader sees the committed row only");
      writer.rollback();
    }
  }

  private static long count(Connection c) throws java.sql.SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
