package org.blocklist.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real resolver (Unbound, BIND's named, PowerDNS Recursor) started by a test in a directory of
 * its own, on a loopback port, as an RPZ secondary of the service's zone; the names of the test
 * zone {@code example.} ({@link #EXAMPLE_ZONE}) are served from local authoritative data so nothing
 * leaves the machine. Stopped (SIGTERM, then SIGKILL) when closed; its log is kept in its directory
 * and shown when it fails to start.
 */
public final class SecondaryResolver implements AutoCloseable {
  /** The test names and their addresses. */
  public static final String EXAMPLE_ZONE =
      """
      $ORIGIN example.
      $TTL 60
      @ IN SOA ns.example. hostmaster.example. 1 3600 600 86400 60
      @ IN NS ns.example.
      ns IN A 192.0.2.1
      evil IN A 192.0.2.10
      www.evil IN A 192.0.2.11
      good IN A 192.0.2.20
      new IN A 192.0.2.30
      www.new IN A 192.0.2.31
      """;

  private final String name;
  private final Process process;
  private final Path log;
  private final int port;

  private SecondaryResolver(String name, Process process, Path log, int port) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** Starts {@code command} in {@code dir}, its output to {@code dir/<name>.log}. */
  public static SecondaryResolver start(String name, Path dir, int port, List<String> command)
      throws IOException {
    Path log = dir.resolve(name + ".log");
    Process p =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    return new SecondaryResolver(name, p, log, port);
  }

  /** The port it answers queries on (UDP and TCP). */
  public int port() {
    return port;
  }

  /** What it logged so far. */
  public String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** Fails with its log when it has ended. */
  public void checkAlive() {
    if (!process.isAlive()) {
      fail(name + " ended with status " + process.exitValue() + ":\n" + log());
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
