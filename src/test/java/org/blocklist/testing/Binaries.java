package org.blocklist.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Programs the tests run (dig, Unbound, BIND, PowerDNS Recursor). A missing one fails the test,
 * never skips it: {@code scripts/install-test-deps.sh} installs them all.
 */
public final class Binaries {
  private static final List<String> DIRS = List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin");

  private Binaries() {}

  /** The path of {@code name} on {@code PATH} or in the system directories; fails if missing. */
  public static Path require(String name) {
    List<String> dirs = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      dirs.addAll(List.of(path.split(File.pathSeparator)));
    }
    dirs.addAll(DIRS);
    for (String dir : dirs) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return fail(name + " is missing: run scripts/install-test-deps.sh (as root) to install it");
  }

  /** The output of a program that ran to its end. */
  public record Run(int status, String stdout, String stderr) {}

  /** Runs {@code command} to its end (at most {@code seconds}), its output kept. */
  public static Run run(long seconds, List<String> command)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("blocklist-run", ".out");
    Path err = Files.createTempFile("blocklist-run", ".err");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        fail(command + " did not end within " + seconds + " s");
      }
      return new Run(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** Runs {@code command}, which must exit 0; returns its standard output. */
  public static String output(long seconds, List<String> command)
      throws IOException, InterruptedException {
    Run r = run(seconds, command);
    assertEquals(0, r.status(), command + ":\n" + r.stdout() + r.stderr());
    return r.stdout();
  }
}
