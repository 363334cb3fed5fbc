package org.blocklist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.blocklist.testing.Blocklist;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar target/blocklist.jar verify}, as an auditor runs it: 0 with the report when the
 * history verifies (online and from its archive), 1 naming what does not verify or what could not
 * be read, 2 for a wrong command line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerifyIT {
  private Blocklist bl;
  private String server;
  private Path trust;
  private Path archive;
  @TempDir Path dir;

  @BeforeAll
  void history(@TempDir Path shared) throws Exception {
    bl = Blocklist.start(shared.resolve("data"));
    bl.publish("block", "a.example", "b.example");
    bl.publish("unblock", "a.example");
    server = bl.server.uri("").toString();
    String key = Blocklist.json(bl.server.get("/v1/keys", null)).get("verifierKey").asText();
    trust = Files.writeString(shared.resolve("trust.key"), key + "\n");
    archive = shared.resolve("archive");
    JarProcess.Result kept =
        verify(
            "--server",
            server,
            "--token",
            bl.auditor,
            "--trust",
            trust.toString(),
            "--archive",
            archive.toString());
    assertEquals(0, kept.status(), kept.stdout() + kept.stderr());
  }

  @AfterAll
  void stop() {
    bl.close();
  }

  @Test
  void aGoodHistory_exits0_withTheReportOnStdout() throws Exception {
    JarProcess.Result r =
        verify("--server", server, "--token", bl.auditor, "--trust", trust.toString());
    assertEquals(0, r.status(), r.stderr());
    assertTrue(r.stdout().startsWith("verified: blocklist.example/log from " + server), r.stdout());
    assertTrue(r.stdout().contains("\nversions: 2\nentries: 1\n"), r.stdout());
    assertTrue(r.stdout().contains("\ncheckpoint: size 2, root "), r.stdout());
  }

  @Test
  void itsArchive_verifiesOffline_exits0() throws Exception {
    JarProcess.Result r = verify("--archive", archive.toString(), "--trust", trust.toString());
    assertEquals(0, r.status(), r.stdout() + r.stderr());
    assertTrue(r.stdout().startsWith("verified: blocklist.example/log from archive "), r.stdout());
  }

  @Test
  void anArchiveEditedOnDisk_exits1_namingTheVersionAndField() throws Exception {
    Path edited = Files.createDirectory(dir.resolve("edited"));
    try (var files = Files.walk(archive)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path to = edited.resolve(archive.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    Path manifest = edited.resolve("versions/00000002.manifest");
    Files.writeString(
        manifest, Files.readString(manifest).replace("\nentries 1\n", "\nentries 2\n"));
    JarProcess.Result r = verify("--archive", edited.toString(), "--trust", trust.toString());
    assertEquals(1, r.status());
    assertEquals(
        "NOT VERIFIED: does not verify: version 2: entries: expected 2 (the signed manifest),"
            + " computed 1 (the replayed list)",
        r.lastLine());
    assertTrue(r.stderr().contains("blocklist verify: does not verify: version 2: entries"));
    assertTrue(!r.stderr().contains("\tat "), "no stack trace: " + r.stderr());
  }

  @Test
  void aRefusedToken_exits1_asAHistoryThatCouldNotBeRead() throws Exception {
    JarProcess.Result r =
        verify("--server", server, "--token", "nope", "--trust", trust.toString());
    assertEquals(1, r.status());
    assertTrue(r.lastLine().startsWith("NOT VERIFIED: could not read the history: "), r.lastLine());
    assertTrue(r.lastLine().contains("401"), r.lastLine());
  }

  @Test
  void aServerThatDoesNotAnswer_exits1_withAClearMessage() throws Exception {
    JarProcess.Result r =
        verify("--server", "http://127.0.0.1:1", "--token", "t", "--trust", trust.toString());
    assertEquals(1, r.status());
    assertTrue(
        r.lastLine().startsWith("NOT VERIFIED: could not read the history: checkpoint: GET"),
        r.lastLine());
    assertTrue(!r.stderr().contains("\tat "), "no stack trace: " + r.stderr());
  }

  @Test
  void aMissingTrustFile_exits1() throws Exception {
    JarProcess.Result r =
        verify("--archive", archive.toString(), "--trust", dir.resolve("none").toString());
    assertEquals(1, r.status());
    assertTrue(r.stderr().startsWith("blocklist verify: "), r.stderr());
  }

  @Test
  void usageErrors_exit2() throws Exception {
    assertEquals(2, verify().status());
    assertEquals(2, verify("--trust", trust.toString()).status());
    assertEquals(2, verify("--server", server, "--trust", trust.toString()).status());
    assertEquals(2, verify("--server", server, "--token", "t").status());
    assertEquals(
        2,
        verify("--archive", archive.toString(), "--trust", trust.toString(), "--token", "t")
            .status());
    assertEquals(
        2, verify("--server", "ftp://x", "--token", "t", "--trust", trust.toString()).status());
    assertEquals(2, verify("--archive", "a", "--trust", "t", "--bogus", "1").status());
  }

  private static JarProcess.Result verify(String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = "verify";
    System.arraycopy(args, 0, command, 1, args.length);
    return JarProcess.run(command);
  }
}
