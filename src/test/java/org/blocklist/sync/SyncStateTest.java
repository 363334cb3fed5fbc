package org.blocklist.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.blocklist.testing.Blocklist;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state directory: locked to one agent, checked at start, a damaged list fetched again only
 * under the trusted checkpoint, a damaged checkpoint refused; and {@code --on-change}.
 */
class SyncStateTest {
  @TempDir Path dir;
  private SyncHarness h;
  private SyncSettings settings;

  @BeforeEach
  void start() throws Exception {
    h = SyncHarness.start(dir);
    settings = h.settings(OutputFormat.TEXT, true);
    h.bl.publish("block", "a.example", "b.example");
    assertTrue(h.once(settings).ok());
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  @Test
  void stateDirectory_isLocked_toOneAgent() throws Exception {
    try (SyncAgent first = h.open(settings)) {
      SyncStartException e = assertThrows(SyncStartException.class, () -> h.open(settings));
      assertTrue(e.getMessage().contains("is in use by another sync agent"), e.getMessage());
    }
    h.once(settings);
  }

  @Test
  void stateFiles_areTheAgentsOnly_andTheListAndOutputGroupReadable() throws Exception {
    assertEquals("rwx------", perms(h.state));
    assertEquals("rw-------", perms(h.state.resolve(StateDirectory.TRUSTED)));
    assertEquals("rw-r-----", perms(h.state.resolve("list-1.txt"))); // the output links to it
    assertEquals("rw-r-----", perms(h.out(OutputFormat.TEXT)));
  }

  @Test
  void damagedListFile_isSetAside_andTheListFetchedAgain_underTheTrustedCheckpoint()
      throws Exception {
    Files.writeString(h.state.resolve("list-1.txt"), "a.example\nevil.example\n");
    h.bl.publish("block", "c.example");
    int before = h.proxy.requests().size();
    SyncAgent.Result r = h.once(settings);
    assertTrue(r.ok(), r.message());
    List<String> requests = h.proxy.requests().subList(before, h.proxy.requests().size());
    assertEquals(List.of("/v1/delta?from=0&wait=0", "/v1/proof/consistency?from=1&to=2"), requests);
    assertArrayEquals(h.snapshot(), Files.readAllBytes(h.out(OutputFormat.TEXT)));
    try (Stream<Path> kept = Files.list(h.state.resolve(StateDirectory.EVIDENCE))) {
      assertTrue(kept.anyMatch(f -> f.getFileName().toString().endsWith("-damaged-list-1.txt")));
    }
  }

  @Test
  void damagedListFile_andAForkedFullList_isRefused() throws Exception {
    Files.writeString(h.state.resolve("list-1.txt"), "");
    h.bl.publish("block", "c.example");
    h.tamper(
        (path, answer) ->
            path.startsWith("/v1/proof/consistency")
                ? answer.withBody(
                    answer
                        .text()
                        .replaceFirst(
                            "\"hashes\":\\[\"[^\"]*\"", "\"hashes\":[\"" + "A".repeat(43) + "=\"")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                : answer);
    SyncAgent.Result r = h.once(settings);
    assertFalse(r.ok());
    assertTrue(
        r.message().contains("sync failed (fork): consistency from the trusted size 1 to 2"),
        r.message());
  }

  @Test
  void trustedCheckpointThatDoesNotVerify_isRefusedAtStart() throws Exception {
    Path trusted = h.state.resolve(StateDirectory.TRUSTED);
    Files.writeString(
        trusted, Files.readString(trusted).replaceFirst("\\\\n1\\\\n", "\\\\n7\\\\n"));
    SyncStartException e = assertThrows(SyncStartException.class, () -> h.open(settings));
    assertTrue(
        e.getMessage().contains("trusted.json its checkpoint does not verify with the --trust key"),
        e.getMessage());
  }

  @Test
  void anotherServersKey_isRefusedAtStart() throws Exception {
    try (Blocklist other = Blocklist.start(dir.resolve("other"))) {
      Files.writeString(
          h.trust, Blocklist.json(other.server.get("/v1/keys", null)).get("verifierKey").asText());
    }
    SyncStartException e = assertThrows(SyncStartException.class, () -> h.open(settings));
    assertTrue(e.getMessage().startsWith("refusing to start: "), e.getMessage());
  }

  @Test
  void onChange_runsAfterEachChange_withTheVersionAndOutput() throws Exception {
    Path log = dir.resolve("changes.log");
    SyncSettings s =
        h.settings(
            OutputFormat.TEXT,
            true,
            Optional.of("echo \"$BLOCKLIST_VERSION $BLOCKLIST_OUTPUT\" >> '" + log + "'"));
    h.bl.publish("block", "c.example");
    assertTrue(h.once(s).ok());
    assertTrue(h.once(s).ok()); // no change: not run
    assertEquals(
        List.of("2 " + h.out(OutputFormat.TEXT).toAbsolutePath()), Files.readAllLines(log));
  }

  @Test
  void onChange_thatFailsOrHangs_isCountedAndKilled_theVersionStaysApplied() throws Exception {
    h.bl.publish("block", "c.example");
    SyncLimits quick =
        new SyncLimits(
            SyncHarness.LIMITS.maxDeltaBytes(),
            SyncHarness.LIMITS.maxNames(),
            SyncHarness.LIMITS.pollWait(),
            SyncHarness.LIMITS.exchangeTime(),
            SyncHarness.LIMITS.backoffStart(),
            SyncHarness.LIMITS.backoffMax(),
            Duration.ofMillis(300));
    SyncEnvironment env =
        new SyncEnvironment(h.clock, new java.util.Random(1), h.env().pause(), quick);
    Path pid = dir.resolve("child.pid");
    try (SyncAgent agent =
        SyncAgent.open(
            h.settings(
                OutputFormat.TEXT, true, Optional.of("sleep 60 & echo $! > '" + pid + "'; wait")),
            env)) {
      assertTrue(agent.once().ok());
    }
    long child = Long.parseLong(Files.readString(pid).strip());
    SyncHarness.await(
        () -> ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true),
        Duration.ofSeconds(10),
        "the command's child was killed");
    assertArrayEquals(h.snapshot(), Files.readAllBytes(h.out(OutputFormat.TEXT)));
    h.bl.publish("block", "d.example");
    try (SyncAgent agent =
        SyncAgent.open(h.settings(OutputFormat.TEXT, true, Optional.of("exit 3")), env)) {
      assertTrue(agent.once().ok());
    }
    assertArrayEquals(h.snapshot(), Files.readAllBytes(h.out(OutputFormat.TEXT)));
  }

  @Test
  void once_afterMaxAgeWithoutAVerifiedCheckpoint_saysStale() throws Exception {
    h.clock.advance(Duration.ofSeconds(1000));
    h.tamper((path, answer) -> answer.truncated(answer.body().length + 100));
    SyncAgent.Result r = h.once(settings);
    assertFalse(r.ok());
    assertTrue(
        r.message()
            .contains(
                "STALE: no checkpoint from "
                    + h.proxy.uri()
                    + " has verified for 1000 s (--max-age 900 s)"),
        r.message());
  }

  @Test
  void outputRemovedBehindTheAgentsBack_isWrittenAgainAtStart() throws Exception {
    byte[] before = Files.readAllBytes(h.out(OutputFormat.TEXT));
    Files.delete(h.out(OutputFormat.TEXT));
    h.open(settings).close();
    assertArrayEquals(before, Files.readAllBytes(h.out(OutputFormat.TEXT)));
  }

  private static String perms(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
