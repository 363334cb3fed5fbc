package org.blocklist.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent against the real server: what it applies, where it resumes. */
class SyncAgentTest {
  @TempDir Path dir;
  private SyncHarness h;

  @BeforeEach
  void start() throws Exception {
    h = SyncHarness.start(dir);
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  @Test
  void once_appliesEachApproval_andTheOutputIsTheServersSnapshot() throws Exception {
    SyncSettings settings = h.settings(OutputFormat.TEXT, true);
    assertTrue(h.once(settings).ok());
    assertArrayEquals(new byte[0], Files.readAllBytes(h.out(OutputFormat.TEXT)));
    h.bl.publish("block", "b.example", "a.example");
    SyncAgent.Result r = h.once(settings);
    assertTrue(r.ok(), r.message());
    assertArrayEquals(h.snapshot(), Files.readAllBytes(h.out(OutputFormat.TEXT)));
    h.bl.publish("block", "c.example");
    h.bl.publish("unblock", "a.example");
    r = h.once(settings);
    assertTrue(r.ok(), r.message());
    assertTrue(r.message().startsWith("applied version 3"), r.message());
    assertArrayEquals(h.snapshot(), Files.readAllBytes(h.out(OutputFormat.TEXT)));
    r = h.once(settings);
    assertTrue(r.message().startsWith("up to date at version 3"), r.message());
  }

  @Test
  void restart_resumesFromTheTrustedVersion_notFromZero() throws Exception {
    h.bl.publish("block", "a.example");
    h.bl.publish("block", "b.example");
    SyncSettings settings = h.settings(OutputFormat.TEXT, true);
    assertTrue(h.once(settings).ok());
    h.bl.publish("block", "c.example");
    int before = h.proxy.requests().size();
    assertTrue(h.once(settings).ok());
    List<String> after = h.proxy.requests().subList(before, h.proxy.requests().size());
    assertEquals("/v1/delta?from=2&wait=0", after.get(0));
    assertArrayEquals(h.snapshot(), Files.readAllBytes(h.out(OutputFormat.TEXT)));
    assertFalse(Files.exists(h.state.resolve("list-2.txt")), "the old list file is gone");
    assertTrue(Files.exists(h.state.resolve("list-3.txt")));
  }
}
