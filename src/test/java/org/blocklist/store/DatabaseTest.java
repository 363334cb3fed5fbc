package org.blocklist.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
}
