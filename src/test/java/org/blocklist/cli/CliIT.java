package org.blocklist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.blocklist.store.Database;
import org.blocklist.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's exit statuses: 0 ok, 1 refused or failed, 2 usage error. */
class CliIT {
  @TempDir Path dir;

  @Test
  void principalAdd_printsTheTokenLast_andADuplicateExits1() throws Exception {
    Path data = dir.resolve("data");
    JarProcess.Result added =
        JarProcess.run(
            "principal",
            "add",
            "--data",
            data.toString(),
            "--role",
            "auditor",
            "--name",
            "court-1");
    assertEquals(0, added.status(), added.stderr());
    assertTrue(added.lastLine().matches("[A-Za-z0-9_-]{43}"), added.lastLine());
    assertTrue(Files.exists(data.resolve(Database.FILE_NAME)), "the store was created");
    JarProcess.Result again =
        JarProcess.run(
            "principal", "add", "--data", data.toString(), "--role", "police", "--name", "court-1");
    assertEquals(1, again.status());
    assertTrue(again.stderr().contains("already exists"), again.stderr());
    assertEquals(
        0,
        JarProcess.run("principal", "revoke", "--data", data.toString(), "--name", "court-1")
            .status());
    assertEquals(
        1,
        JarProcess.run("principal", "revoke", "--data", data.toString(), "--name", "court-1")
            .status());
  }

  @Test
  void usageErrors_exit2() throws Exception {
    assertEquals(2, JarProcess.run().status());
    assertEquals(2, JarProcess.run("launch").status());
    assertEquals(2, JarProcess.run("principal", "add", "--role", "police", "--name", "x").status());
    assertEquals(
        2,
        JarProcess.run("principal", "add", "--data", "d", "--role", "king", "--name", "x")
            .status());
    assertEquals(2, JarProcess.run("serve", "--http-port", "99999").status());
    assertEquals(2, JarProcess.run("serve", "--bogus", "1").status());
  }

  @Test
  void serve_onATamperedStore_printsWhy_andExits1() throws Exception {
    Path config = Files.writeString(dir.resolve("config.yaml"), TestServer.DEFAULT_YAML);
    Path data = dir.resolve("data");
    try (org.blocklist.testing.Blocklist bl = org.blocklist.testing.Blocklist.start(data)) {
      bl.publish("block", "kept.example");
    }
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + data.resolve(Database.FILE_NAME));
        Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE entries SET name = 'swapped.example'");
    }
    JarProcess.Result r =
        JarProcess.run(
            "serve", "--config", config.toString(), "--data", data.toString(), "--http-port", "0");
    assertEquals(1, r.status(), r.stdout());
    assertTrue(
        r.stderr().contains("refusing to serve: the stored history does not verify"), r.stderr());
  }
}
