package org.blocklist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "A first session" block, run as written against the real jar (issue 14: its {@code
 * awk '{print $4}'} took a field the signature line does not have, so every newcomer saw {@code
 * Signature Verification Failure}).
 *
 * <p>The block is read from {@code README.md} at test time and run with {@code bash -euo pipefail}
 * in a working directory of its own, which holds only {@code target/blocklist.jar} (a link to the
 * built jar), as the repository root does. Nothing in the text is replaced: the block reads {@code
 * API} and {@code DATA} from the environment (defaulting to what a plain {@code serve} uses), so
 * the test only sets them to the server it started on free ports, {@code TMPDIR} to a directory of
 * its own and {@code PATH} to start with this JVM's {@code java}.
 */
class ReadmeFirstSessionIT {
  private static final Path README = Path.of("README.md");
  private static final String SECTION = "## A first session";
  private static final long TIMEOUT_SECONDS = 120;

  @TempDir Path dir;

  @Test
  void firstSession_runAsWritten_verifiesTheCheckpoint_andLeavesNoFilesBehind() throws Exception {
    Path session = Files.createDirectories(dir.resolve("session"));
    Files.createDirectories(session.resolve("target"));
    Files.createSymbolicLink(
        session.resolve("target").resolve("blocklist.jar"), JarProcess.JAR.toAbsolutePath());
    Path scratch = Files.createDirectories(dir.resolve("tmp"));
    Path data = dir.resolve("data");
    Path script = Files.writeString(dir.resolve("first-session.sh"), firstSessionBlock());
    Path config =
        Files.writeString(
            dir.resolve("config.yaml"),
            "http: { port: 0 }\nstopPage: { port: 0 }\nprotectedDomains: "
                + Path.of("config", "protected-domains.txt").toAbsolutePath()
                + "\n");

    try (JarProcess.Server server = JarProcess.serve(config, data)) {
      ProcessBuilder bash =
          new ProcessBuilder("bash", "-euo", "pipefail", script.toString())
              .directory(session.toFile());
      Map<String, String> env = bash.environment();
      env.put("API", "http://127.0.0.1:" + server.port());
      env.put("DATA", data.toString());
      env.put("TMPDIR", scratch.toString());
      env.put(
          "PATH",
          Path.of(System.getProperty("java.home"), "bin") + ":" + env.getOrDefault("PATH", ""));
      Process p = bash.start();
      p.getOutputStream().close();
      CompletableFuture<String> out = drain(p.getInputStream());
      CompletableFuture<String> err = drain(p.getErrorStream());
      assertTrue(p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "the first session finished");
      String transcript = "stdout:\n" + out.get() + "\nstderr:\n" + err.get();

      assertEquals(0, p.exitValue(), transcript);
      assertTrue(out.get().lines().anyMatch("Signature Verified Successfully"::equals), transcript);
    }
    try (Stream<Path> left = Files.list(session)) {
      assertEquals(
          List.of("target"),
          left.map(f -> f.getFileName().toString()).sorted().toList(),
          "files the first session left in its working directory");
    }
    try (Stream<Path> left = Files.list(scratch)) {
      assertEquals(List.of(), left.toList(), "scratch files the first session left behind");
    }
  }

  /** The first {@code ```sh} block after the "A first session" heading, up to its fence. */
  private static String firstSessionBlock() throws IOException {
    List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
    int heading = lines.indexOf(SECTION);
    assertTrue(heading >= 0, "README.md has a section \"" + SECTION + "\"");
    int open = heading + 1;
    while (open < lines.size() && !lines.get(open).startsWith("## ")) {
      if (lines.get(open).equals("```sh")) {
        int close = lines.subList(open + 1, lines.size()).indexOf("```");
        assertTrue(close >= 0, "the block of \"" + SECTION + "\" is closed");
        return String.join("\n", lines.subList(open + 1, open + 1 + close)) + "\n";
      }
      open++;
    }
    throw new AssertionError("no ```sh block in README.md's \"" + SECTION + "\"");
  }

  private static CompletableFuture<String> drain(java.io.InputStream in) {
    CompletableFuture<String> result = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                result.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
              } catch (IOException e) {
                result.completeExceptionally(e);
              }
            },
            "first-session-drain");
    t.setDaemon(true);
    t.start();
    return result;
  }
}
