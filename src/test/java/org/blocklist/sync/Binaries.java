package org.blocklist.sync;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The resolver tools the output tests run. A missing one fails the test (CI installs them with
 * {@code scripts/install-test-deps.sh}); it is never a reason to skip.
 */
final class Binaries {
  private Binaries() {}

  /** The path of {@code name} on {@code PATH} or in {@code /usr/sbin}. */
  static Path find(String name) {
    List<String> dirs =
        new ArrayList<>(
            List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
    dirs.add("/usr/sbin");
    for (String dir : dirs) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    throw new AssertionError(name + " is not installed: run scripts/install-test-deps.sh");
  }

  /** Output and exit status of a command that ran to its end. */
  record Run(int status, String output) {}

  static Run run(String... command) throws Exception {
    List<String> c = new ArrayList<>(List.of(command));
    c.set(0, find(command[0]).toString());
    Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "finished: " + c);
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
