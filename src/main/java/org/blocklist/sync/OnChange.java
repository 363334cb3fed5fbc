package org.blocklist.sync;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --on-change CMD}: run through {@code /bin/sh -c} after each new output is in place
 * (typically {@code unbound-control reload} or {@code rndc reload}), with {@code BLOCKLIST_VERSION}
 * and {@code BLOCKLIST_OUTPUT} in its environment, no input, its output on the agent's. It may run
 * for the time limit; then it and its children are killed. A failure is logged and counted, never
 * fatal: the output is already applied and the next change runs it again.
 */
final class OnChange {
  private static final Logger LOG = LoggerFactory.getLogger(OnChange.class);

  private final String command;
  private final Duration limit;
  private final SyncMetrics metrics;

  OnChange(String command, Duration limit, SyncMetrics metrics) {
    this.command = requireNonNull(command, "command");
    this.limit = requireNonNull(limit, "limit");
    this.metrics = requireNonNull(metrics, "metrics");
  }

  void run(long version, Path output) {
    ProcessBuilder builder =
        new ProcessBuilder("/bin/sh", "-c", command)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(ProcessBuilder.Redirect.INHERIT)
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().put("BLOCKLIST_VERSION", Long.toString(version));
    builder.environment().put("BLOCKLIST_OUTPUT", output.toAbsolutePath().toString());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      LOG.error("on-change command could not start: {}", e.getMessage());
      metrics.onChange("failed");
      return;
    }
    try {
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        LOG.error(
            "on-change command killed after {} s (the time limit) for version {}",
            limit.toSeconds(),
            version);
        metrics.onChange("timeout");
        return;
      }
    } catch (InterruptedException e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      metrics.onChange("failed");
      return;
    }
    int status = process.exitValue();
    if (status != 0) {
      LOG.error("on-change command exited with status {} for version {}", status, version);
      metrics.onChange("failed");
    } else {
      metrics.onChange("ok");
    }
  }
}
