package org.blocklist.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.blocklist.config.Config;
import org.blocklist.signing.KeyFiles;
import org.blocklist.store.Database;
import org.blocklist.testing.Blocklist;
import org.blocklist.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A store edited behind the service's back is refused at start, with a message that says where; an
 * untouched store starts again with the same version.
 */
class StartupVerificationTest {
  @TempDir Path dir;

  private Path published() throws Exception {
    Path data = dir.resolve("data");
    try (Blocklist bl = Blocklist.start(data)) {
      bl.publish("block", "alpha.example", "beta.example");
      bl.publish("block", "gamma.example");
      bl.publish("unblock", "beta.example");
    }
    return data;
  }

  @Test
  void untouchedStore_restarts_withTheSameVersionAndList() throws Exception {
    Path data = published();
    try (TestServer again = TestServer.start(data)) {
      assertEquals(3, again.service().state().version());
      assertEquals(
          java.util.List.of("alpha.example", "gamma.example"), again.service().state().entries());
    }
  }

  static Stream<Arguments> tampering() {
    return Stream.of(
        Arguments.of(
            "a listed name renamed",
            "UPDATE entries SET name = 'alphb.example' WHERE name = 'alpha.example'",
            "version 1: stored entries give"),
        Arguments.of(
            "a removed name renamed",
            "UPDATE entries SET name = 'betb.example' WHERE name = 'beta.example'",
            "version 1: stored entries give"),
        Arguments.of(
            "an entry added",
            "INSERT INTO entries(name, added) VALUES ('delta.example', 2)",
            "version 2: stored entries give"),
        Arguments.of(
            "an unblock undone",
            "UPDATE entries SET removed = NULL WHERE name = 'beta.example'",
            "version 3: stored entries give"),
        Arguments.of(
            "an entry deleted",
            "DELETE FROM entries WHERE name = 'gamma.example'",
            "version 2: stored entries give"),
        Arguments.of(
            "a manifest edited",
            "UPDATE versions SET manifest = replace(manifest, 'added 1', 'added 2') WHERE version = 2",
            "version 2: recomputed tree root"),
        Arguments.of(
            "the latest version deleted",
            "DELETE FROM versions WHERE version = 3",
            "approves requisition 3 as version 3, which the log does not hold (latest: 2)"),
        Arguments.of(
            "a middle version deleted",
            "DELETE FROM versions WHERE version = 2",
            "versions table: version 3 where 2 was expected"),
        Arguments.of(
            "a checkpoint signature changed",
            "UPDATE versions SET checkpoint = replace(checkpoint, substr(checkpoint, -20, 8), 'AAAAAAAA')"
                + " WHERE version = 3",
            "version 3: checkpoint does not verify"),
        Arguments.of(
            "an audit event edited",
            "UPDATE events SET event = replace(event, 'actor magistrate-1', 'actor magistrate-2')"
                + " WHERE event LIKE '%requisition-approved%'",
            "audit chain: event"),
        Arguments.of(
            "an audit event deleted",
            "DELETE FROM events WHERE seq = 3",
            "audit chain: event 4 where 3 was expected"),
        Arguments.of(
            "an entry made non-canonical",
            "UPDATE entries SET name = 'GAMMA.example' WHERE name = 'gamma.example'",
            "not a canonical name"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tampering")
  void tamperedStore_isRefusedAtStart(String what, String sql, String expected) throws Exception {
    Path data = published();
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + data.resolve(Database.FILE_NAME));
        Statement s = c.createStatement()) {
      assertTrue(s.executeUpdate(sql) > 0, "the edit changed a row: " + sql);
    }
    Config config = TestServer.config(data, TestServer.DEFAULT_YAML);
    StartException e =
        assertThrows(
            StartException.class,
            () -> Service.start(config, Clock.systemUTC(), new SecureRandom()).close());
    assertTrue(e.getMessage().contains("does not verify"), e.getMessage());
    assertTrue(e.getMessage().contains(expected), what + ": " + e.getMessage());
  }

  /**
   * The last event (the version-published of version 3) is anchored by no manifest yet: an edit of
   * its root, with its chain hash recomputed by DESIGN.md's rule {@code h(n) = SHA-256(h(n-1) ||
   * bytes(n))}, passes the chain check and is refused by comparing it with the log.
   */
  @Test
  void theLastVersionPublishedEvent_editedAndRechained_isRefusedAtStart() throws Exception {
    Path data = published();
    String zeros = "0".repeat(64);
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + data.resolve(Database.FILE_NAME));
        Statement s = c.createStatement()) {
      long last;
      String text;
      try (ResultSet rs =
          s.executeQuery("SELECT seq, event FROM events ORDER BY seq DESC LIMIT 1")) {
        assertTrue(rs.next());
        last = rs.getLong(1);
        text = rs.getString(2);
      }
      assertTrue(text.contains("type version-published\n") && text.contains("version 3\n"), text);
      String previous;
      try (ResultSet rs = s.executeQuery("SELECT hash FROM events WHERE seq = " + (last - 1))) {
        assertTrue(rs.next());
        previous = rs.getString(1);
      }
      String edited = text.replaceAll("(?m)^root [0-9a-f]{64}$", "root " + zeros);
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(HexFormat.of().parseHex(previous));
      sha.update(edited.getBytes(StandardCharsets.UTF_8));
      String hash = HexFormat.of().formatHex(sha.digest());
      try (PreparedStatement u =
          c.prepareStatement("UPDATE events SET event = ?, hash = ? WHERE seq = ?")) {
        u.setString(1, edited);
        u.setString(2, hash);
        u.setLong(3, last);
        assertEquals(1, u.executeUpdate());
      }
    }
    Config config = TestServer.config(data, TestServer.DEFAULT_YAML);
    StartException e =
        assertThrows(
            StartException.class,
            () -> Service.start(config, Clock.systemUTC(), new SecureRandom()).close());
    assertTrue(
        e.getMessage().contains("(version-published) says version 3 has leaf ")
            && e.getMessage().contains(" and root " + zeros + " but the log gives leaf "),
        e.getMessage());
  }

  @Test
  void aReplacedSigningKey_isRefusedAtStart() throws Exception {
    Path data = published();
    Files.delete(data.resolve(KeyFiles.PRIVATE_KEY_FILE));
    Files.delete(data.resolve(KeyFiles.PUBLIC_KEY_FILE));
    Config config = TestServer.config(data, TestServer.DEFAULT_YAML);
    StartException e =
        assertThrows(
            StartException.class,
            () -> Service.start(config, Clock.systemUTC(), new SecureRandom()).close());
    assertTrue(e.getMessage().contains("version 1: checkpoint does not verify"), e.getMessage());
  }

  @Test
  void aChangedOrigin_isRefusedAtStart() throws Exception {
    Path data = published();
    Config config =
        TestServer.config(data, TestServer.DEFAULT_YAML + "origin: other.example/log\n");
    StartException e =
        assertThrows(
            StartException.class,
            () -> Service.start(config, Clock.systemUTC(), new SecureRandom()).close());
    assertTrue(e.getMessage().contains("expected: origin other.example/log"), e.getMessage());
  }

  @Test
  void aSecondServe_onTheSameData_isRefused() throws Exception {
    Path data = dir.resolve("data");
    try (TestServer first = TestServer.start(data)) {
      Config config = TestServer.config(data, TestServer.DEFAULT_YAML);
      StartException e =
          assertThrows(
              StartException.class,
              () -> Service.start(config, Clock.systemUTC(), new SecureRandom()).close());
      assertTrue(e.getMessage().contains("another serve already uses"), e.getMessage());
    }
  }
}
