package org.blocklist.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code target/blocklist.jar} run as its own process, as an operator runs it, with Netty's leak
 * detection {@code paranoid} as in the in-process tests: every line the process prints is kept, and
 * a {@code LEAK:} in any of them fails the test once the process has ended.
 */
final class JarProcess {
  static final Path JAR = Path.of(System.getProperty("blocklist.jar", "target/blocklist.jar"));

  /** Netty's own leak detection, every buffer tracked. */
  static final String PARANOID = "-Dio.netty.leakDetection.level=paranoid";

  /**
   * Lets Netty say at start which level it runs ({@link #PARANOID_IN_EFFECT}), so that a server's
   * output shows the flag took effect; only that one logger is turned to debug.
   */
  static final String SAY_LEVEL =
      "-Dorg.slf4j.simpleLogger.log.io.netty.util.ResourceLeakDetector=debug";

  static final String PARANOID_IN_EFFECT = "-Dio.netty.leakDetection.level: paranoid";

  /** What Netty prints for every leaked buffer it finds. */
  static final String LEAK = "LEAK:";

  private static final Pattern API = Pattern.compile("API:\\s+http://127\\.0\\.0\\.1:(\\d+)");
  private static final Duration START = Duration.ofSeconds(60);
  private static final Duration DRAIN = Duration.ofSeconds(10);

  /** The result of a command that ran to its end. */
  record Result(int status, String stdout, String stderr) {
    String lastLine() {
      String[] lines = stdout.strip().split("\n");
      return lines[lines.length - 1].strip();
    }
  }

  private JarProcess() {}

  /** Runs a command to its end; fails on a {@code LEAK:} in its output. */
  static Result run(String... args) throws Exception {
    Process p = start(args);
    Output out = Output.of(p);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "command finished: " + List.of(args));
    out.awaitEnd();
    out.assertNoLeak();
    return new Result(p.exitValue(), out.text(Output.STDOUT), out.text(Output.STDERR));
  }

  /**
   * A running {@code serve}; {@link #port()} is read from what it prints. Closing it stops the
   * process (if {@link #kill9()} has not) and fails on a {@code LEAK:} in its output.
   */
  static final class Server implements AutoCloseable {
    final Process process;
    final int port;
    final Output output;

    Server(Process process, int port, Output output) {
      this.process = process;
      this.port = port;
      this.output = output;
    }

    int port() {
      return port;
    }

    /** Every line printed so far, stdout and stderr interleaved as they were read. */
    List<String> lines() {
      return output.lines();
    }

    /** The first line printed, now or within {@code timeout}, that {@code pattern} finds. */
    Optional<Matcher> awaitLine(Pattern pattern, Duration timeout) throws InterruptedException {
      return output.await(pattern, timeout);
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
      output.awaitEnd();
      assertTrue(
          output.lines().stream().anyMatch(l -> l.contains(PARANOID_IN_EFFECT)),
          "the server ran with " + PARANOID + ": " + output.lines());
      output.assertNoLeak();
    }
  }

  static Server serve(Path config, Path data) throws Exception {
    return serve(List.of(), config, data, 0);
  }

  /** As {@link #serve(Path, Path)}, the API on {@code httpPort} (0: any free port). */
  static Server serve(Path config, Path data, int httpPort) throws Exception {
    return serve(List.of(), config, data, httpPort);
  }

  /**
   * As {@link #serve(Path, Path)}, the java command run by {@code wrapper} (e.g. {@code fiu-run
   * -x}).
   */
  static Server serve(List<String> wrapper, Path config, Path data) throws Exception {
    return serve(wrapper, config, data, 0);
  }

  private static Server serve(List<String> wrapper, Path config, Path data, int httpPort)
      throws Exception {
    Process p =
        start(
            wrapper,
            "serve",
            "--config",
            config.toString(),
            "--data",
            data.toString(),
            "--http-port",
            String.valueOf(httpPort),
            "--stop-port",
            "0",
            "--dns-port",
            "0");
    Output out = Output.of(p);
    Optional<Matcher> api = out.await(API, START);
    if (api.isPresent()) {
      return new Server(p, Integer.parseInt(api.get().group(1)), out);
    }
    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    out.awaitEnd();
    throw new AssertionError("serve did not start: " + out.lines());
  }

  private static Process start(String... args) throws IOException {
    return start(List.of(), args);
  }

  private static Process start(List<String> wrapper, String... args) throws IOException {
    List<String> command = new ArrayList<>(wrapper);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add(PARANOID);
    command.add(SAY_LEVEL);
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).start();
  }

  /**
   * The lines a process prints on stdout and stderr, each read to its end on a daemon thread of its
   * own: blocking reads must not sit in the common pool, which has a single worker on two cores,
   * where a server's never-ending stream would starve every later drain. Readers wait on this
   * object's monitor for a line or for the end, never by sleeping.
   */
  static final class Output {
    static final int STDOUT = 0;
    static final int STDERR = 1;

    private final List<String> lines = new ArrayList<>();
    private final List<StringBuilder> texts = List.of(new StringBuilder(), new StringBuilder());
    private int ended;

    private Output() {}

    static Output of(Process p) {
      Output out = new Output();
      out.drain(p.getInputStream(), STDOUT);
      out.drain(p.getErrorStream(), STDERR);
      return out;
    }

    private void drain(InputStream in, int stream) {
      Thread t =
          new Thread(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = r.readLine()) != null) {
                    add(stream, line);
                  }
                } catch (IOException e) {
                  // the process ended under the reader
                } finally {
                  end();
                }
              },
              "jar-process-drain");
      t.setDaemon(true);
      t.start();
    }

    private synchronized void add(int stream, String line) {
      lines.add(line);
      texts.get(stream).append(line).append('\n');
      notifyAll();
    }

    private synchronized void end() {
      ended++;
      notifyAll();
    }

    synchronized List<String> lines() {
      return List.copyOf(lines);
    }

    synchronized String text(int stream) {
      return texts.get(stream).toString();
    }

    /** The first line that {@code pattern} finds, waiting for it until both streams end. */
    synchronized Optional<Matcher> await(Pattern pattern, Duration timeout)
        throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      int next = 0;
      while (true) {
        for (; next < lines.size(); next++) {
          Matcher m = pattern.matcher(lines.get(next));
          if (m.find()) {
            return Optional.of(m);
          }
        }
        long left = deadline - System.nanoTime();
        if (ended == 2 || left <= 0) {
          return Optional.empty();
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    }

    /** Waits until both streams have ended (the process has exited). */
    synchronized void awaitEnd() throws InterruptedException {
      long deadline = System.nanoTime() + DRAIN.toNanos();
      while (ended < 2) {
        long left = deadline - System.nanoTime();
        assertTrue(left > 0, "the output of the process ended");
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    }

    /** Fails if Netty reported a leaked buffer in any line. */
    synchronized void assertNoLeak() {
      List<String> leaks = lines.stream().filter(l -> l.contains(LEAK)).toList();
      assertTrue(leaks.isEmpty(), "Netty " + LEAK + " in the forked jar's output:\n" + lines);
    }
  }
}
