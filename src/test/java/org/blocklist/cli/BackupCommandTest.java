package org.blocklist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.blocklist.signing.KeyFiles;
import org.blocklist.store.Database;
import org.blocklist.testing.Blocklist;
import org.blocklist.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backup --data DIR --out FILE} (DESIGN.md, command line): a consistent copy while the
 * service runs, and a service started on the restored copy verifies (README, "Backups").
 */
class BackupCommandTest {
  @TempDir Path dir;

  private record Run(int status, String out, String err) {}

  private static Run backup(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> all = new ArrayList<>(List.of("backup"));
    all.addAll(List.of(args));
    int status =
        Main.run(
            all,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The restore procedure of the README: a new data directory with the copy and the key files. */
  private Path restore(Path backup, Path data, String name) throws Exception {
    Path restored =
        Files.createDirectory(
            dir.resolve(name),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.copy(backup, restored.resolve(Database.FILE_NAME));
    Files.copy(
        data.resolve(KeyFiles.PRIVATE_KEY_FILE), restored.resolve(KeyFiles.PRIVATE_KEY_FILE));
    Files.copy(data.resolve(KeyFiles.PUBLIC_KEY_FILE), restored.resolve(KeyFiles.PUBLIC_KEY_FILE));
    return restored;
  }

  @Test
  void backupsTakenDuringApprovals_eachRestoreToAServiceThatVerifies_atAPublishedVersion()
      throws Exception {
    Path data = dir.resolve("data");
    List<String> manifests = new ArrayList<>();
    try (Blocklist bl = Blocklist.start(data)) {
      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong published = new AtomicLong();
      Thread approvals =
          new Thread(
              () -> {
                try {
                  for (int i = 0; !stop.get() && i < 200; i++) {
                    published.set(bl.publish("block", "n" + i + ".example"));
                  }
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      approvals.start();
      List<Run> runs = new ArrayList<>();
      for (int b = 0; b < 3; b++) {
        runs.add(
            backup("--data", data.toString(), "--out", dir.resolve("b" + b + ".db").toString()));
      }
      stop.set(true);
      approvals.join();
      for (Run run : runs) {
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().matches("(?s)backup .*: version \\d+, \\d+ entries, .*\n"), run.out());
      }
      for (long v = 1; v <= published.get(); v++) {
        manifests.add(bl.server.get("/v1/versions/" + v, null).body());
      }
    }
    for (int b = 0; b < 3; b++) {
      Path restored = restore(dir.resolve("b" + b + ".db"), data, "restored-" + b);
      try (TestServer server = TestServer.start(restored)) {
        long version = server.service().state().version();
        assertTrue(version <= manifests.size(), "version " + version);
        for (long v = 1; v <= version; v++) {
          assertEquals(
              manifests.get((int) v - 1),
              server.get("/v1/versions/" + v, null).body(),
              "backup " + b + ", version " + v + " is the version that was published");
        }
      }
    }
  }

  @Test
  void theCopy_isReadableByItsOwnerOnly_andAnExistingFileIsNeverOverwritten() throws Exception {
    Path data = dir.resolve("data");
    try (Blocklist bl = Blocklist.start(data)) {
      bl.publish("block", "a.example");
    }
    Path out = dir.resolve("b.db");
    assertEquals(0, backup("--data", data.toString(), "--out", out.toString()).status());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
    byte[] first = Files.readAllBytes(out);

    Run again = backup("--data", data.toString(), "--out", out.toString());

    assertEquals(1, again.status());
    assertTrue(again.err().contains("exists (a backup never overwrites"), again.err());
    assertEquals(first.length, Files.readAllBytes(out).length);
  }

  @Test
  void aDirectoryWithoutAStore_exits1_andWritesNothing() {
    Path out = dir.resolve("b.db");

    Run run = backup("--data", dir.resolve("nothing").toString(), "--out", out.toString());

    assertEquals(1, run.status());
    assertTrue(run.err().startsWith("blocklist: no store at "), run.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void aStoreEditedBehindTheServicesBack_givesNoBackup_andSaysWhy() throws Exception {
    Path data = dir.resolve("data");
    try (Blocklist bl = Blocklist.start(data)) {
      bl.publish("block", "a.example");
    }
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + data.resolve(Database.FILE_NAME));
        Statement s = c.createStatement()) {
      s.execute("UPDATE requisitions SET case_reference = 'EDITED'");
    }
    Path out = dir.resolve("b.db");

    Run run = backup("--data", data.toString(), "--out", out.toString());

    assertEquals(1, run.status());
    assertTrue(
        run.err().startsWith("blocklist: the copy does not verify, so it was removed: "),
        run.err());
    assertTrue(run.err().contains("requisitions row 1"), run.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void missingOptions_areAUsageError() {
    assertEquals(2, backup("--data", "d").status());
    assertEquals(2, backup("--out", "f").status());
  }
}
