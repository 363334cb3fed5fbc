package org.blocklist.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL 15 from Debian ({@value #BIN}), started once per test JVM by {@code initdb} and
 * {@code pg_ctl} in a temporary directory, on a free loopback port, with password authentication
 * (SCRAM), and stopped when the JVM exits. PostgreSQL refuses to run as root, so as root the server
 * runs as {@code nobody}. Each {@link #newDatabase} is a fresh database, so tests do not see each
 * other's rows.
 */
public final class Postgres {
  public static final String BIN = "/usr/lib/postgresql/15/bin";
  public static final String USER = "blocklist";

  private static Postgres shared;

  private final Path dir;
  private final int port;
  private final String password;
  private final Path passwordFile;
  private final AtomicInteger databases = new AtomicInteger();

  private Postgres(Path dir, int port, String password, Path passwordFile) {
    this.dir = dir;
    this.port = port;
    this.password = password;
    this.passwordFile = passwordFile;
  }

  /** The server of this JVM, started on first use. */
  public static synchronized Postgres shared() throws Exception {
    if (shared == null) {
      shared = start();
      Postgres p = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(p::stopQuietly));
    }
    return shared;
  }

  /** A server of the caller's own (to restart it, say); the caller stops it. */
  public static Postgres startNew() throws Exception {
    return start();
  }

  private static Postgres start() throws Exception {
    if (!Files.isExecutable(Path.of(BIN, "initdb"))) {
      throw new IllegalStateException(
          BIN + "/initdb is missing: run scripts/install-test-deps.sh (as root) to install it");
    }
    Path dir = Files.createTempDirectory("blocklist-pg");
    String password = "pw-" + Long.toHexString(new java.security.SecureRandom().nextLong());
    Path serverPassword = dir.resolve("initdb-password");
    Files.writeString(serverPassword, password + "\n", StandardCharsets.UTF_8);
    if (root()) {
      UserPrincipal nobody =
          dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
      Files.setOwner(dir, nobody);
      Files.setOwner(serverPassword, nobody);
    }
    // the client's copy: owner-only, as store.passwordFile must be
    Path clientDir = Files.createTempDirectory("blocklist-pg-client");
    Path passwordFile = clientDir.resolve("password");
    Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
    run(
        BIN + "/initdb",
        "-D",
        dir.resolve("data").toString(),
        "-U",
        USER,
        "--pwfile=" + serverPassword,
        "-A",
        "scram-sha-256",
        "-E",
        "UTF8",
        "--locale=C.UTF-8",
        "--no-sync");
    int port = FreePort.tcpAndUdp();
    Postgres p = new Postgres(dir, port, password, passwordFile);
    p.pgCtl("start");
    return p;
  }

  private void pgCtl(String action, String... more) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.addAll(
        List.of(
            BIN + "/pg_ctl",
            "-D",
            dir.resolve("data").toString(),
            "-l",
            dir.resolve("server.log").toString(),
            "-w",
            "-t",
            "60"));
    if (action.equals("start") || action.equals("restart")) {
      cmd.add("-o");
      cmd.add(
          "-c listen_addresses=127.0.0.1 -c port="
              + port
              + " -c unix_socket_directories="
              + dir
              + " -c max_connections=200 -c shared_buffers=64MB");
    }
    cmd.addAll(List.of(more));
    cmd.add(action);
    run(cmd.toArray(new String[0]));
  }

  private static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static void run(String... command) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    if (root()) {
      cmd.addAll(List.of("runuser", "-u", "nobody", "--"));
    }
    cmd.addAll(List.of(command));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(
          String.join(" ", cmd) + " failed:\n" + new String(out, StandardCharsets.UTF_8));
    }
  }

  /** A new, empty database; its JDBC URL. */
  public String newDatabase() throws SQLException {
    String name = "t" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
    try (Connection c = connect("postgres");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return url(name);
  }

  public String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(url(database), USER, password);
  }

  /** A connection to the database of {@code jdbcUrl}, as an auditor with psql would have. */
  public Connection connectUrl(String jdbcUrl) throws SQLException {
    return DriverManager.getConnection(jdbcUrl, USER, password);
  }

  public int port() {
    return port;
  }

  public String password() {
    return password;
  }

  /** The password file for {@code store.passwordFile} (mode 0600). */
  public Path passwordFile() {
    return passwordFile;
  }

  /** The {@code store:} block of a configuration for the database at {@code url}. */
  public String storeYaml(String url) {
    return "store: { kind: postgresql, url: \""
        + url
        + "\", user: "
        + USER
        + ", passwordFile: \""
        + passwordFile
        + "\" }\n";
  }

  /** Stops the server at once (as a crash would) and starts it again. */
  public void restart() throws IOException, InterruptedException {
    pgCtl("stop", "-m", "immediate");
    pgCtl("start");
  }

  public void stop() throws IOException, InterruptedException {
    pgCtl("stop", "-m", "immediate");
  }

  public void startAgain() throws IOException, InterruptedException {
    pgCtl("start");
  }

  private void stopQuietly() {
    try {
      stop();
    } catch (IOException | InterruptedException e) {
      // the JVM exits: nothing more can be done
    }
  }
}
