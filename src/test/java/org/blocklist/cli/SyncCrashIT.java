package org.blocklist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import org.blocklist.log.Hash;
import org.blocklist.log.Manifest;
import org.blocklist.testing.Blocklist;
import org.blocklist.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a watching agent (the real jar) while approvals keep coming, 50 times: after
 * each kill the output file is complete and verifies (its SHA-256 is the {@code list} of a
 * published version), and the agent always starts again on its state directory. The list has 20,000
 * entries, so each new version rewrites about 400 kB of files, and each kill comes at a random
 * moment shortly after the agent said it applied a version, while the next ones arrive.
 */
class SyncCrashIT {
  private static final int KILLS = 50;

  /** Agents killed side by side, each on its own state directory, to use both cores. */
  private static final int AGENTS = 2;

  /** Kills that left a temporary file behind: they came in the middle of a write. */
  private static final java.util.concurrent.atomic.AtomicInteger MID_WRITE =
      new java.util.concurrent.atomic.AtomicInteger();

  private static final int ENTRIES = 20_000;
  private static final Pattern APPLIED = Pattern.compile("applied version (\\d+)");
  private static final String YAML =
      TestServer.DEFAULT_YAML + "  requisitionDomains: 100000\n  bodyBytes: 16777216\n";

  @TempDir Path dir;

  @Test
  void kill9_duringWrites_leavesACompleteVerifiedOutput_everyTime() throws Exception {
    try (Blocklist bl = Blocklist.start(dir.resolve("data"), YAML)) {
      Published published = new Published(bl);
      String[] names = new String[ENTRIES];
      for (int i = 0; i < ENTRIES; i++) {
        names[i] = "crash-" + i + ".example";
      }
      bl.publish("block", names);
      Path trust =
          Files.writeString(
              dir.resolve("trust.key"),
              Blocklist.json(bl.server.get("/v1/keys", null)).get("verifierKey").asText());
      Path state = dir.resolve("state");
      Path out = state.resolve("blocklist.txt");
      List<String> sync =
          List.of(
              "sync",
              "--server",
              bl.server.uri("").toString(),
              "--token",
              bl.isp,
              "--trust",
              trust.toString(),
              "--state",
              state.toString());
      AtomicBoolean publishing = new AtomicBoolean(true);
      Thread publisher =
          new Thread(
              () -> {
                try {
                  for (int n = 0; publishing.get(); n++) {
                    bl.publish("block", "next-" + n + ".example");
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(30));
                  }
                } catch (Exception e) {
                  throw new AssertionError(e);
                }
              },
              "publisher");
      Path archive = dir.resolve("sync-classes.jsa");
      JarProcess.Output first =
          JarProcess.Output.of(
              launch(List.of("-XX:ArchiveClassesAtExit=" + archive), withOnce(sync)));
      first.awaitEnd();
      assertTrue(
          first.lines().stream().anyMatch(l -> l.startsWith("applied version 1")),
          first.lines().toString());
      List<String> fast =
          List.of(
              "-XX:SharedArchiveFile=" + archive, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
      publisher.start();
      List<Thread> agents = new ArrayList<>();
      List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
      Set<Long> killedAt = ConcurrentHashMap.newKeySet();
      try {
        for (int a = 0; a < AGENTS; a++) {
          Path agentState = a == 0 ? state : dir.resolve("state-" + a);
          if (a > 0) {
            SyncCrashIT.copyState(state, agentState);
          }
          List<String> args = new ArrayList<>(sync);
          args.set(args.indexOf(state.toString()), agentState.toString());
          Random random = new Random(42 + a);
          Thread t =
              new Thread(
                  () -> {
                    try {
                      for (int i = 0; i < KILLS / AGENTS; i++) {
                        killedAt.add(killOnce(fast, args, agentState, published, random, i));
                      }
                    } catch (Throwable e) {
                      failures.add(e);
                    }
                  },
                  "agent-" + a);
          agents.add(t);
          t.start();
        }
        for (Thread t : agents) {
          t.join();
        }
        assertEquals(List.of(), failures);
      } finally {
        publishing.set(false);
        publisher.join();
      }
      JarProcess.Result last = JarProcess.run(withOnce(sync).toArray(new String[0]));
      assertEquals(0, last.status(), last.stderr());
      assertEquals(
          bl.server.get("/v1/snapshot", bl.isp).body(),
          Files.readString(out, StandardCharsets.US_ASCII));
      assertTrue(
          killedAt.stream().distinct().count() > 10,
          "the kills came at many versions: " + killedAt);
    }
  }

  /** Starts a watching agent, waits until it applied a version, kills it; returns the version. */
  private static long killOnce(
      List<String> flags, List<String> args, Path state, Published published, Random random, int i)
      throws Exception {
    Process p = launch(flags, args);
    JarProcess.Output output = JarProcess.Output.of(p);
    assertTrue(
        output.await(APPLIED, Duration.ofSeconds(60)).isPresent(),
        "kill " + i + ": the agent applied a version: " + output.lines());
    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(random.nextInt(50)));
    Process kill = new ProcessBuilder("kill", "-9", Long.toString(p.pid())).start();
    assertTrue(kill.waitFor(10, TimeUnit.SECONDS));
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    output.awaitEnd();
    try (var files = Files.list(state)) {
      if (files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp"))) {
        MID_WRITE.incrementAndGet();
      }
    }
    Path out = state.resolve("blocklist.txt");
    Hash digest = Hash.sha256(Files.readAllBytes(out));
    assertTrue(
        published.contains(digest), "kill " + i + ": the output is a published list: " + digest);
    return Files.readAllLines(out).size();
  }

  private static void copyState(Path from, Path to) throws Exception {
    Files.createDirectories(to);
    try (var files = Files.list(from)) {
      for (Path f : files.toList()) {
        if (Files.isRegularFile(f) && !f.getFileName().toString().equals("sync.lock")) {
          Files.copy(f, to.resolve(f.getFileName()));
        }
      }
    }
  }

  private static List<String> withOnce(List<String> sync) {
    List<String> args = new ArrayList<>(sync);
    args.add("--once");
    return args;
  }

  /**
   * {@code java FLAGS -jar blocklist.jar ARGS}. The agent has no Netty, so no leak flags; a class
   * data archive written by the first, normal run and C1 only halve each restart's CPU time.
   */
  private static Process launch(List<String> flags, List<String> args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(flags);
    command.add("-jar");
    command.add(JarProcess.JAR.toString());
    command.addAll(args);
    return new ProcessBuilder(command).start();
  }

  /** The list digests of every version the server published, read again on a miss. */
  private static final class Published {
    private final Blocklist bl;
    private final Set<Hash> digests = ConcurrentHashMap.newKeySet();

    Published(Blocklist bl) {
      this.bl = bl;
    }

    synchronized boolean contains(Hash digest) throws Exception {
      if (digests.contains(digest)) {
        return true;
      }
      for (long from = 1; ; from += 1000) {
        JsonNode page =
            Blocklist.json(bl.server.get("/v1/versions?from=" + from + "&limit=1000", null))
                .get("versions");
        for (JsonNode v : page) {
          digests.add(Manifest.parse(v.get("manifest").asText()).list());
        }
        if (page.size() < 1000) {
          return digests.contains(digest);
        }
      }
    }
  }
}
