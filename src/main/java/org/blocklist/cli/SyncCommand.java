package org.blocklist.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.blocklist.rpz.AddressRange;
import org.blocklist.rpz.Endpoints;
import org.blocklist.rpz.TsigKey;
import org.blocklist.sync.OutputFormat;
import org.blocklist.sync.ServeRpz;
import org.blocklist.sync.SyncAgent;
import org.blocklist.sync.SyncEnvironment;
import org.blocklist.sync.SyncSettings;
import org.blocklist.sync.SyncStartException;
import org.blocklist.sync.TsigKeyFile;

/**
 * {@code sync}: the ISP's agent (README, "The sync agent"). Exit status with {@code --once}: 0 when
 * the output holds the server's latest verified version, 1 when anything failed or was refused;
 * watching, it runs until stopped (0) unless it cannot start (1); 2 for a usage error.
 */
final class SyncCommand {
  /** Longest {@code --max-age}: a week. */
  static final long MAX_MAX_AGE_SECONDS = 7 * 24 * 3600;

  /** Largest {@code --token-file} read. */
  static final int MAX_TOKEN_FILE_BYTES = 4096;

  private static final Set<String> VALUED =
      Set.of(
          "--server",
          "--token",
          "--token-file",
          "--trust",
          "--state",
          "--format",
          "--out",
          "--max-age",
          "--on-change",
          "--metrics",
          "--serve-rpz",
          "--rpz-key",
          "--action",
          "--zone");

  /** Options that may be given more than once. */
  private static final Set<String> REPEATABLE = Set.of("--notify", "--rpz-allow");

  private SyncCommand() {}

  static int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
    return run(args, out, err, SyncEnvironment.system());
  }

  /** As {@link #run(List, PrintStream, PrintStream)} in {@code env} (tests: clock, limits). */
  static int run(List<String> args, PrintStream out, PrintStream err, SyncEnvironment env)
      throws UsageException {
    SyncSettings settings = settings(new Args(args, VALUED, Set.of("--once"), REPEATABLE), err);
    if (settings == null) {
      return Main.FAILED;
    }
    SyncAgent agent;
    try {
      agent = SyncAgent.open(settings, env);
    } catch (SyncStartException e) {
      err.println("blocklist: " + e.getMessage());
      return Main.FAILED;
    }
    try (agent) {
      if (settings.once()) {
        SyncAgent.Result result = agent.once();
        (result.ok() ? out : err).println((result.ok() ? "" : "blocklist: ") + result.message());
        return result.ok() ? Main.OK : Main.FAILED;
      }
      Thread hook = new Thread(agent::stop, "blocklist-sync-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      agent.watch();
      return Main.OK;
    }
  }

  /** The settings, or {@code null} after printing why a named file cannot be read (exit 1). */
  private static SyncSettings settings(Args a, PrintStream err) throws UsageException {
    Optional<ServeRpz> serveRpz = serveRpz(a, err);
    if (serveRpz == null) {
      return null;
    }
    Path state = Path.of(a.required("--state"));
    OutputFormat format = format(a.get("--format"));
    Optional<String> token = token(a, err);
    if (token.isEmpty()) {
      return null;
    }
    try {
      return new SyncSettings(
          server(a.required("--server")),
          token.get(),
          Path.of(a.required("--trust")),
          state,
          format,
          a.get("--out") == null ? SyncSettings.defaultOut(state, format) : Path.of(a.get("--out")),
          a.has("--once"),
          maxAge(a.get("--max-age")),
          Optional.ofNullable(a.get("--on-change")),
          Optional.ofNullable(a.get("--metrics")).map(v -> address("--metrics", v)),
          a.get("--zone") == null ? SyncSettings.defaultZone() : a.get("--zone"),
          a.get("--action") == null ? "nxdomain" : a.get("--action"),
          serveRpz);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /**
   * {@code --serve-rpz ADDR:PORT} with its {@code --notify}, {@code --rpz-allow} and {@code
   * --rpz-key}; empty when not asked; {@code null} after printing why the key file cannot be read.
   */
  private static Optional<ServeRpz> serveRpz(Args a, PrintStream err) throws UsageException {
    String at = a.get("--serve-rpz");
    if (at == null) {
      for (String needs : List.of("--notify", "--rpz-allow", "--rpz-key")) {
        if (!a.all(needs).isEmpty() || a.get(needs) != null) {
          throw new UsageException(needs + " needs --serve-rpz ADDR:PORT");
        }
      }
      return Optional.empty();
    }
    try {
      InetSocketAddress address = address("--serve-rpz", at);
      List<InetSocketAddress> notify = a.all("--notify").stream().map(Endpoints::parse).toList();
      List<AddressRange> allow = a.all("--rpz-allow").stream().map(AddressRange::parse).toList();
      Optional<TsigKey> key = Optional.empty();
      if (a.get("--rpz-key") != null) {
        try {
          key = Optional.of(TsigKeyFile.read(Path.of(a.get("--rpz-key"))));
        } catch (IOException e) {
          err.println("blocklist: --rpz-key " + a.get("--rpz-key") + ": " + e.getMessage());
          return null;
        }
      }
      return Optional.of(new ServeRpz(address, notify, allow, key));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static Optional<String> token(Args a, PrintStream err) throws UsageException {
    String token = a.get("--token");
    String file = a.get("--token-file");
    if ((token == null) == (file == null)) {
      throw new UsageException("give exactly one of --token TOKEN and --token-file FILE");
    }
    if (token != null) {
      return Optional.of(token);
    }
    try {
      Path path = Path.of(file);
      if (Files.size(path) > MAX_TOKEN_FILE_BYTES) {
        err.println(
            "blocklist: --token-file " + file + ": larger than " + MAX_TOKEN_FILE_BYTES + " bytes");
        return Optional.empty();
      }
      String text = Files.readString(path, StandardCharsets.UTF_8).strip();
      if (text.isEmpty() || text.contains("\n")) {
        err.println("blocklist: --token-file " + file + ": expected one line, the token");
        return Optional.empty();
      }
      return Optional.of(text);
    } catch (IOException e) {
      err.println("blocklist: --token-file " + file + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  private static OutputFormat format(String label) throws UsageException {
    try {
      return label == null ? OutputFormat.TEXT : OutputFormat.of(label);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--" + e.getMessage());
    }
  }

  private static URI server(String url) throws UsageException {
    try {
      URI uri = new URI(url);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          || uri.getHost() == null) {
        throw new URISyntaxException(url, "expected an http:// or https:// URL with a host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new UsageException("--server " + url + ": " + e.getReason());
    }
  }

  private static Duration maxAge(String value) throws UsageException {
    if (value == null) {
      return SyncSettings.DEFAULT_MAX_AGE;
    }
    try {
      long seconds = Long.parseLong(value);
      if (seconds < 1 || seconds > MAX_MAX_AGE_SECONDS) {
        throw new NumberFormatException();
      }
      return Duration.ofSeconds(seconds);
    } catch (NumberFormatException e) {
      throw new UsageException(
          "--max-age " + value + " (expected: seconds, 1.." + MAX_MAX_AGE_SECONDS + ")");
    }
  }

  /** {@code ADDR:PORT}, the address a literal ({@code 127.0.0.1:9108}, {@code [::1]:9108}). */
  private static InetSocketAddress address(String option, String value) {
    int colon = value.lastIndexOf(':');
    String expected = " (expected: ADDR:PORT, like 127.0.0.1:9108 or [::1]:9108)";
    if (colon < 1) {
      throw new IllegalArgumentException(option + " " + value + expected);
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(value.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " " + value + expected, e);
    }
    if (port < 0 || port > 65_535 || !host.matches("[0-9a-fA-F.:]+")) {
      throw new IllegalArgumentException(option + " " + value + expected);
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(option + " " + value + expected, e);
    }
  }
}
