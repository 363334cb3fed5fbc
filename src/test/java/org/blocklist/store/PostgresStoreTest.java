package org.blocklist.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.blocklist.ledger.Principals;
import org.blocklist.ledger.StoreException;
import org.blocklist.principal.Principal;
import org.blocklist.principal.Role;
import org.blocklist.testing.Blocklist;
import org.blocklist.testing.Postgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL store on a real PostgreSQL 15 ({@link Postgres}): plain rows that {@code psql}, an
 * independent client, reads as DESIGN.md describes them; the password only from an owner-only file;
 * and the two guards of the one-writer rule (the version as primary key, the writer epoch).
 */
class PostgresStoreTest {
  @TempDir Path dir;

  @Test
  void approvedVersion_isPlainRows_thatPsqlReads() throws Exception {
    Postgres pg = Postgres.shared();
    String url = pg.newDatabase();
    try (Blocklist b = Blocklist.start(dir.resolve("data"), yaml(pg, url))) {
      b.publish("block", "b-c.example", "b.example", "a.example");
      b.publish("unblock", "b.example");
    }
    String database = url.substring(url.lastIndexOf('/') + 1);
    assertEquals(
        List.of("a.example|1|", "b-c.example|1|", "b.example|1|2"),
        psql(pg, database, "SELECT name, added, removed FROM entries ORDER BY name"),
        "names as text, byte order ('-' before '.'), whatever the server's locale");
    assertEquals(
        List.of("1|approved|block", "2|approved|unblock"),
        psql(pg, database, "SELECT version, status, action FROM requisitions ORDER BY id"));
    List<String> manifests =
        psql(pg, database, "SELECT split_part(manifest, E'\\n', 3) FROM versions ORDER BY 1");
    assertEquals(List.of("version 1", "version 2"), manifests);
  }

  @Test
  void passwordFile_readableByOthers_isRefused() throws Exception {
    Postgres pg = Postgres.shared();
    Path file = dir.resolve("password");
    Files.writeString(file, pg.password() + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    StoreException e =
        assertThrows(
            StoreException.class,
            () -> PostgresDatabase.open(pg.newDatabase(), Postgres.USER, file));
    assertTrue(e.getMessage().contains("store.passwordFile: " + file), e.getMessage());
    assertTrue(e.getMessage().contains("owner only"), e.getMessage());
  }

  @Test
  void wrongPassword_isAClearStoreError() throws Exception {
    Postgres pg = Postgres.shared();
    Path file = dir.resolve("password");
    Files.writeString(file, "not-the-password\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    StoreException e =
        assertThrows(
            StoreException.class,
            () -> PostgresDatabase.open(pg.newDatabase(), Postgres.USER, file));
    assertTrue(e.getMessage().contains("password authentication failed"), e.getMessage());
  }

  @Test
  void schema_isCreatedOnce_andKeptAtTheNextStart() throws Exception {
    Postgres pg = Postgres.shared();
    String url = pg.newDatabase();
    PostgresDatabase.open(url, Postgres.USER, pg.passwordFile());
    PostgresDatabase.open(url, Postgres.USER, pg.passwordFile());
    String database = url.substring(url.lastIndexOf('/') + 1);
    assertEquals(List.of("1"), psql(pg, database, "SELECT value FROM meta WHERE key = 'schema'"));
  }

  @Test
  void fencedWriter_cannotCommit_afterAnotherTookOver() throws Exception {
    Postgres pg = Postgres.shared();
    PostgresDatabase db = PostgresDatabase.open(pg.newDatabase(), Postgres.USER, pg.passwordFile());
    try (JdbcStore old = JdbcStore.open(db);
        WriterSession first = WriterSession.open(db, 5, 60_000);
        WriterSession second = WriterSession.open(db, 5, 60_000)) {
      assertTrue(first.tryLock());
      assertFalse(second.tryLock(), "the writer's lock is held by one session at a time");
      old.fence(first.takeOver("http://127.0.0.1:1"));
      add(old, "before-takeover");
      first.close(); // the old writer's session ends: the lock is free
      assertTrue(second.tryLock());
      second.takeOver("http://127.0.0.1:2");
      StoreException e = assertThrows(StoreException.class, () -> add(old, "after-takeover"));
      assertTrue(e.fenced(), e.getMessage());
      try (JdbcStore cli = JdbcStore.open(db)) {
        assertTrue(cli.principalExists("before-takeover"));
        assertFalse(cli.principalExists("after-takeover"), "nothing written by the fenced writer");
      }
    }
  }

  private static void add(JdbcStore store, String name) throws Exception {
    Principals.add(
        store,
        new Principal(name, Role.POLICE),
        "cli:test",
        java.time.Clock.systemUTC().instant(),
        new SecureRandom());
  }

  static String yaml(Postgres pg, String url) {
    return org.blocklist.testing.TestServer.DEFAULT_YAML + pg.storeYaml(url);
  }

  /** Rows as psql prints them unaligned ({@code a|b|c}), psql being an independent client. */
  static List<String> psql(Postgres pg, String database, String sql) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
                "psql",
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(pg.port()),
                "-U",
                Postgres.USER,
                "-d",
                database,
                "-At",
                "-v",
                "ON_ERROR_STOP=1",
                "-c",
                sql)
            .redirectErrorStream(true);
    pb.environment().put("PGPASSWORD", pg.password());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    List<String> lines = new ArrayList<>(out.lines().toList());
    return lines;
  }
}
