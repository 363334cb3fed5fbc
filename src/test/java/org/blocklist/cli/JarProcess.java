package org.blocklist.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code target/blocklist.jar} run as its own process, as an operator runs it. */
final class JarProcess {
  static final Path JAR = Path.of(System.getProperty("blocklist.jar", "target/blocklist.jar"));
  private static final Pattern API = Pattern.compile("API:\\s+http://127\\.0\\.0\\.1:(\\d+)");

  /** The result of a command that ran to its end. */
  record Result(int status, String stdout, String stderr) {
    String lastLine() {
      String[] lines = stdout.strip().split("\n");
      return lines[lines.length - 1].strip();
    }
  }

  private JarProcess() {}

  static Result run(String... args) throws Exception {
    Process p = start(args);
    CompletableFuture<String> out = drain(p.getInputStream());
    CompletableFuture<String> err = drain(p.getErrorStream());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "command finished: " + List.of(args));
    return new Result(p.exitValue(), out.get(), err.get());
  }

  /** A running {@code serve}; {@link #port()} is read from what it prints. */
  static final class Server implements AutoCloseable {
    final Process process;
    final int port;

    Server(Process process, int port) {
      this.process = process;
      this.port = port;
    }

    int port() {
      return port;
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    void kill9() throws Exception {
      Process kill = new ProcessBuilder("kill", "-9", Long.toString(process.pid())).start();
      assertTrue(kill.waitFor(10, TimeUnit.SECONDS));
      assertTrue(process.waitFor(10, TimeUnit.SECONDS), "the server died");
    }

    @Override
    public void close() throws Exception {
      process.destroy();
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  static Server serve(Path config, Path data) throws Exception {
    Process p =
        start(
            "serve",
            "--config",
            config.toString(),
            "--data",
            data.toString(),
            "--http-port",
            "0",
            "--stop-port",
            "0");
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> err = drain(p.getErrorStream());
    List<String> seen = new ArrayList<>();
    String line;
    while ((line = reader.readLine()) != null) {
      seen.add(line);
      Matcher m = API.matcher(line);
      if (m.find()) {
        drainRest(reader);
        return new Server(p, Integer.parseInt(m.group(1)));
      }
    }
    p.waitFor(10, TimeUnit.SECONDS);
    throw new AssertionError("serve did not start: " + seen + " " + err.get());
  }

  private static Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).start();
  }

  /**
   * Reads {@code in} to its end on a thread of its own: blocking reads must not sit in the common
   * pool, which has a single worker on two cores (and, from Java 21, serves {@code supplyAsync}
   * there too), where a server's never-ending stream would starve every later drain.
   */
  private static CompletableFuture<String> drain(java.io.InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            return "";
          }
        },
        JarProcess::daemon);
  }

  private static void daemon(Runnable task) {
    Thread t = new Thread(task, "jar-process-drain");
    t.setDaemon(true);
    t.start();
  }

  private static void drainRest(BufferedReader reader) {
    daemon(
        () -> {
          try {
            while (reader.readLine() != null) {
              // keep the pipe from filling up
            }
          } catch (IOException e) {
            // the process ended
          }
        });
  }
}
