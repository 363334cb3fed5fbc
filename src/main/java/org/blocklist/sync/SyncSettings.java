package org.blocklist.sync;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What {@code blocklist sync} was asked to do (README, "The sync agent").
 *
 * @param server the server's base URL
 * @param token the ISP principal's bearer token
 * @param trust the file holding the verifier key string ({@code GET /v1/keys}, {@code verifierKey})
 * @param state the state directory
 * @param format the output format
 * @param out the output file
 * @param once one attempt, then exit (0 applied or up to date, 1 otherwise)
 * @param maxAge longest time without a verified checkpoint before the feed counts as frozen
 * @param onChange the command run after each change
 * @param metrics where to serve the Prometheus series
 * @param zone the RPZ zone name (format {@code rpz}, {@code --serve-rpz})
 * @param action the RPZ action ({@code --action}): {@code .} (NXDOMAIN) or the absolute name of the
 *     stop page host, which the triggers are CNAMEs to
 * @param serveRpz where and to whom to serve the verified copy as the RPZ zone, if at all
 */
public record SyncSettings(
    URI server,
    String token,
    Path trust,
    Path state,
    OutputFormat format,
    Path out,
    boolean once,
    Duration maxAge,
    Optional<String> onChange,
    Optional<InetSocketAddress> metrics,
    String zone,
    String action,
    Optional<ServeRpz> serveRpz) {
  /** 15 minutes (DESIGN.md, issue 8). */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(900);

  public SyncSettings {
    requireNonNull(server, "server");
    requireNonNull(token, "token");
    requireNonNull(trust, "trust");
    requireNonNull(state, "state");
    requireNonNull(format, "format");
    requireNonNull(out, "out");
    requireNonNull(maxAge, "maxAge");
    requireNonNull(onChange, "onChange");
    requireNonNull(metrics, "metrics");
    zone = RpzFile.checkZone(requireNonNull(zone, "zone"));
    action = RpzFile.checkAction(requireNonNull(action, "action"));
    requireNonNull(serveRpz, "serveRpz");
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("maxAge: " + maxAge + " (expected: positive)");
    }
  }

  /** Settings with the NXDOMAIN action and no {@code --serve-rpz}. */
  public SyncSettings(
      URI server,
      String token,
      Path trust,
      Path state,
      OutputFormat format,
      Path out,
      boolean once,
      Duration maxAge,
      Optional<String> onChange,
      Optional<InetSocketAddress> metrics,
      String zone) {
    this(
        server,
        token,
        trust,
        state,
        format,
        out,
        once,
        maxAge,
        onChange,
        metrics,
        zone,
        RpzFile.NXDOMAIN,
        Optional.empty());
  }

  /** The output file written when no {@code --out} is given: in the state directory. */
  public static Path defaultOut(Path state, OutputFormat format) {
    return state.resolve(format.defaultFile());
  }

  /** The RPZ zone name when no {@code --zone} is given. */
  public static String defaultZone() {
    return RpzFile.DEFAULT_ZONE;
  }
}
