package org.blocklist.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.blocklist.testing.Blocklist;
import org.blocklist.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, "Full disk": the data directory on a small tmpfs (the tests run as root), filled during
 * approvals. A write that cannot commit is a clean {@code 507} JSON error and is not acknowledged;
 * reads keep being served; once space is back, writing resumes, and a restart verifies everything.
 */
class FullDiskTest {
  private static final String DOMAIN_TAIL = ".a-rather-long-label-to-fill-the-disk-quickly.example";

  @TempDir Path dir;
  private Path mount;

  @BeforeEach
  void mountASmallTmpfs() throws Exception {
    mount = Files.createDirectory(dir.resolve("fs"));
    run("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", mount.toString());
  }

  @AfterEach
  void unmount() throws Exception {
    run("umount", mount.toString());
  }

  @Test
  void aFullDisk_is507_nothingAcknowledgedIsLost_readsGoOn_andWritingResumesWhenSpaceIsBack()
      throws Exception {
    Path data = mount.resolve("data");
    List<Long> acknowledged = new ArrayList<>();
    try (Blocklist bl = Blocklist.start(data)) {
      acknowledged.add(bl.publish("block", "first.example"));
      Path filler = mount.resolve("filler");
      fill(filler, Files.getFileStore(mount).getUsableSpace() - 3 * 1024 * 1024);

      HttpResponse<String> refused = null;
      for (int round = 0; refused == null && round < 200; round++) {
        HttpResponse<String> submitted = bl.server.post("/v1/requisitions", bl.police, body(round));
        if (submitted.statusCode() != 201) {
          refused = submitted;
          break;
        }
        long id = Blocklist.json(submitted).get("id").asLong();
        HttpResponse<String> approved =
            bl.server.post("/v1/requisitions/" + id + "/approve", bl.prosecutor, "{}");
        if (approved.statusCode() != 200) {
          refused = approved;
          break;
        }
        acknowledged.add(Blocklist.json(approved).get("version").asLong());
      }

      assertTrue(refused != null, "the disk filled up");
      assertFullDiskError(refused);
      long last = acknowledged.get(acknowledged.size() - 1);
      assertEquals(last, bl.server.service().state().version(), "nothing unacknowledged is served");
      HttpResponse<String> checkpoint = bl.server.get("/v1/checkpoint", null);
      assertEquals(200, checkpoint.statusCode(), "reads go on");
      assertEquals(String.valueOf(last), checkpoint.body().split("\n")[1]);
      assertEquals(
          200,
          bl.server.get("/v1/lookup?domain=first.example", bl.isp).statusCode(),
          "reads go on");
      assertFullDiskError(bl.server.post("/v1/requisitions", bl.police, body(999)));

      Files.delete(filler);
      long again = bl.publish("block", "after-the-space-is-back.example");
      assertEquals(last + 1, again, "writing resumes with the next version");
      acknowledged.add(again);
    }
    try (TestServer restarted = TestServer.start(data)) {
      assertEquals(
          acknowledged.get(acknowledged.size() - 1),
          restarted.service().state().version(),
          "the restarted service verified the whole history, every acknowledged version in it");
    }
  }

  private static void assertFullDiskError(HttpResponse<String> r) throws Exception {
    assertEquals(507, r.statusCode(), r.body());
    JsonNode error = Blocklist.json(r);
    assertEquals("insufficient_storage", error.get("error").asText(), r.body());
    assertEquals(
        "the store's disk is full: nothing was changed; retry once space is freed",
        error.get("message").asText());
  }

  private static String body(int round) {
    StringBuilder b = new StringBuilder("{\"action\":\"block\",\"domains\":[");
    for (int i = 0; i < 1000; i++) {
      b.append(i == 0 ? "" : ",").append("\"r").append(round).append('-').append(i);
      b.append(DOMAIN_TAIL).append('"');
    }
    return b.append("],\"legalBasis\":\"ccp-39bis\",\"caseReference\":\"FULL-1\"}").toString();
  }

  private static void fill(Path file, long bytes) throws IOException {
    byte[] block = new byte[1 << 20];
    try (var out = Files.newOutputStream(file)) {
      for (long written = 0; written < bytes; written += block.length) {
        out.write(block, 0, (int) Math.min(block.length, bytes - written));
      }
    }
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed (run as root): " + out);
    }
  }
}
