package org.blocklist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The procedure manual ({@code docs/manual/}, issue 13) run as written: every {@code ```sh} block
 * of its pages, in the order of its index (operator, hotline, police, prosecutor, ISP DNS team,
 * auditor), as one {@code bash -euo pipefail} session against the real jar, so a command that stops
 * working fails the build. Only {@code API}, {@code STOP}, {@code DATA} and {@code JAR} are set
 * from outside, as the manual says; the transcript must show the report's hosts, the requisition
 * approved, the stop page's 451 and verify's recount of the public figures.
 */
class ManualIT {
  static final List<String> PAGES =
      List.of("operator", "hotline", "police", "prosecutor", "isp-dns", "auditor");

  private static final long TIMEOUT_SECONDS = 180;

  private static final Pattern STOP_LINE =
      Pattern.compile("stop page:\\s+http://127\\.0\\.0\\.1:(\\d+)/");

  @TempDir Path dir;

  @Test
  void everyCommandOfTheManual_runsAsWritten() throws Exception {
    Path session = Files.createDirectories(dir.resolve("session"));
    Path data = dir.resolve("data");
    Path config =
        Files.writeString(
            dir.resolve("config.yaml"),
            "http: { port: 0 }\nstopPage: { port: 0 }\nprotectedDomains: "
                + Path.of("config", "protected-domains.txt").toAbsolutePath()
                + "\n");
    Path script = Files.writeString(dir.resolve("manual.sh"), blocks());
    try (JarProcess.Server server = JarProcess.serve(config, data)) {
      String stop =
          server
              .awaitLine(STOP_LINE, Duration.ofSeconds(10))
              .orElseThrow(() -> new AssertionError("no stop page line: " + server.lines()))
              .group(1);
      ProcessBuilder bash =
          new ProcessBuilder("bash", "-euo", "pipefail", script.toString())
              .directory(session.toFile());
      Map<String, String> env = bash.environment();
      env.put("API", "http://127.0.0.1:" + server.port());
      env.put("STOP", "http://127.0.0.1:" + stop);
      env.put("DATA", data.toString());
      env.put("JAR", JarProcess.JAR.toAbsolutePath().toString());
      env.put(
          "PATH",
          Path.of(System.getProperty("java.home"), "bin") + ":" + env.getOrDefault("PATH", ""));
      Process p = bash.start();
      p.getOutputStream().close();
      CompletableFuture<String> out = drain(p.getInputStream());
      CompletableFuture<String> err = drain(p.getErrorStream());
      assertTrue(p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "the manual finished");
      String transcript = "stdout:\n" + out.get() + "\nstderr:\n" + err.get();
      assertEquals(0, p.exitValue(), transcript);
      String o = out.get();
      assertTrue(o.contains("\"host\":\"mirror.abuse-site.example\""), transcript);
      assertTrue(o.contains("\"status\":\"approved\""), transcript);
      assertTrue(o.lines().anyMatch("451"::equals), transcript);
      assertTrue(o.contains("every figure equal to the recount"), transcript);
    }
  }

  /** Every {@code ```sh} block of the manual's pages, in order. */
  static String blocks() throws IOException {
    StringBuilder script = new StringBuilder();
    for (String page : PAGES) {
      List<String> lines =
          Files.readAllLines(Path.of("docs", "manual", page + ".md"), StandardCharsets.UTF_8);
      List<String> block = null;
      int found = 0;
      for (String line : lines) {
        if (block == null && line.equals("```sh")) {
          block = new ArrayList<>();
        } else if (block != null && line.equals("```")) {
          script.append("# ").append(page).append('\n');
          block.forEach(l -> script.append(l).append('\n'));
          block = null;
          found++;
        } else if (block != null) {
          block.add(line);
        }
      }
      assertTrue(found > 0, page + ".md has a ```sh block");
    }
    return script.toString();
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
            "manual-drain");
    t.setDaemon(true);
    t.start();
    return result;
  }
}
