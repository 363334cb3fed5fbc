package org.blocklist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The shorter run of the {@code kill -9} storm of {@code benchmarks/crash/CrashStorm.java} (issue
 * 10): 10 kills of the real jar at random moments of a stream of approvals. The storm's checks talk
 * HTTP only (every acknowledged approval's version names its requisition after the restart,
 * versions contiguous, every restart verifies its history before it serves); its exit status is 0
 * only if all held. The full run (100 kills, 10,000 and 1,000,000 entries) is in {@code
 * benchmarks/results/crash-*.md}.
 */
@Tag("slow")
class CrashStormIT {
  @Test
  void tenKillsDuringApprovals_loseNothingAcknowledged_andEveryRestartVerifies() throws Exception {
    Process storm =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "benchmarks/crash/CrashStorm.java",
                "--jar",
                JarProcess.JAR.toString(),
                "--kills",
                "10",
                "--entries",
                "1000",
                "--seed",
                "20261203")
            .redirectErrorStream(true)
            .start();
    List<String> lines = storm.inputReader(StandardCharsets.UTF_8).lines().toList();
    assertTrue(storm.waitFor(10, TimeUnit.MINUTES), "the storm ends");
    String output = String.join("\n", lines);
    assertEquals(0, storm.exitValue(), output);
    assertTrue(output.contains("kills 10, "), output);
    assertTrue(output.contains("acknowledged approvals lost 0,"), output);
    assertTrue(output.contains("(contiguous from 1: yes)"), output);
    assertTrue(output.endsWith("RESULT ok"), output);
  }
}
