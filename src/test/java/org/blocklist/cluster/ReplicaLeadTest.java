package org.blocklist.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.blocklist.ledger.WriterRole;
import org.blocklist.signing.KeyFiles;
import org.blocklist.testing.Blocklist;
import org.blocklist.testing.Poll;
import org.blocklist.testing.Postgres;
import org.blocklist.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two in-process replicas on a real PostgreSQL: the second follows the first, and, when the first
 * stops, refuses to write over a store that lost a version it had verified (an asynchronous standby
 * promoted), which would publish another version under a number already served.
 */
class ReplicaLeadTest {
  @TempDir Path dir;

  @Test
  void replica_aheadOfTheStore_neverBecomesTheWriter() throws Exception {
    Postgres pg = Postgres.shared();
    String url = pg.newDatabase();
    String yaml = TestServer.DEFAULT_YAML + pg.storeYaml(url) + "cluster: { failoverSeconds: 2 }\n";
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    Blocklist first = Blocklist.start(a, yaml);
    Files.createDirectories(
        b, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    for (String f : List.of(KeyFiles.PRIVATE_KEY_FILE, KeyFiles.PUBLIC_KEY_FILE)) {
      Files.copy(a.resolve(f), b.resolve(f), StandardCopyOption.COPY_ATTRIBUTES);
    }
    try (TestServer second = TestServer.start(b, yaml)) {
      assertEquals(WriterRole.WRITER, first.server.service().ledger().role());
      assertEquals(WriterRole.REPLICA, second.service().ledger().role());
      first.publish("block", "lost.example");
      Poll.until(
          Duration.ofSeconds(30),
          () -> "the replica applied version 1",
          () -> second.service().state().version() == 1 ? Optional.of(1) : Optional.empty());
      // the database "loses" version 1, as a promoted asynchronous standby would, before the
      // writer is lost (after it, the replica could take over first and the store not be behind)
      try (Connection c = pg.connectUrl(url);
          Statement s = c.createStatement()) {
        s.execute("DELETE FROM entries WHERE added = 1");
        s.execute("DELETE FROM versions WHERE version = 1");
      }
      first.close();
      Poll.until(
          Duration.ofSeconds(30),
          () -> "the replica tried to take over twice",
          () ->
              second.service().registry().get("blocklist.cluster.failures").counter().count() >= 2
                  ? Optional.of(true)
                  : Optional.empty());
      assertEquals(
          WriterRole.REPLICA,
          second.service().ledger().role(),
          "a replica ahead of the store does not write");
      assertEquals(1, second.service().state().version(), "it keeps serving what it verified");
    }
  }
}
