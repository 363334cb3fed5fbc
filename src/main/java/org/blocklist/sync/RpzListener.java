package org.blocklist.sync;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.blocklist.rpz.Notifier;
import org.blocklist.rpz.RpzLimits;
import org.blocklist.rpz.RpzServer;
import org.blocklist.rpz.RpzZone;
import org.blocklist.rpz.TransferAccess;
import org.blocklist.rpz.TransferKind;
import org.blocklist.rpz.ZoneSockets;
import org.blocklist.transport.AddressRateLimiter;
import org.blocklist.transport.ConnectionLimit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --serve-rpz ADDR:PORT}: the agent's verified copy ({@link AgentZone}) as the RPZ zone over
 * TCP and UDP on one port, answered by the shared {@link RpzServer} (SOA, AXFR, IXFR, TSIG), and
 * each new version announced by NOTIFY to {@code --notify} ({@link Notifier}, from the listening
 * address, on a datagram channel of its own), at start too. It is told of versions as a {@link
 * CommitListener}: the zone changes only once a version is verified and committed.
 *
 * <p>Limits: one event loop; {@value #MAX_CONNECTIONS} TCP connections, {@value
 * #CONNECTIONS_PER_ADDRESS} from one address; {@value #QUERIES_PER_SECOND} UDP queries a second per
 * address (a burst of {@value #BURST_SECONDS} s, {@value #MAX_ADDRESSES} addresses tracked); the
 * rest {@link RpzLimits#defaults()}.
 */
final class RpzListener implements CommitListener, AutoCloseable {
  static final int MAX_CONNECTIONS = 64;

  static final int CONNECTIONS_PER_ADDRESS = 16;

  static final int QUERIES_PER_SECOND = 100;

  static final int BURST_SECONDS = 5;

  static final int MAX_ADDRESSES = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(RpzListener.class);

  private static final String HOW = "--serve-rpz ADDR:PORT";

  private final AgentZone zone;
  private final ZoneSockets sockets;

  private RpzListener(AgentZone zone, ZoneSockets sockets) {
    this.zone = zone;
    this.sockets = sockets;
  }

  /**
   * Binds {@code settings.address()} for TCP and UDP and returns once both listen, serving {@code
   * zone} as {@code rpz}.
   *
   * @param clock the time of TSIG signatures
   * @param ticker the time of the UDP rate limit
   * @param ids the ids of NOTIFY messages
   */
  static RpzListener start(
      ServeRpz settings,
      RpzZone rpz,
      AgentZone zone,
      MeterRegistry registry,
      Clock clock,
      Ticker ticker,
      RandomGenerator ids)
      throws IOException, InterruptedException {
    requireNonNull(settings, "settings");
    Map<TransferKind, Counter> transfers = new EnumMap<>(TransferKind.class);
    for (TransferKind k : TransferKind.values()) {
      transfers.put(
          k,
          Counter.builder("blocklist_sync_rpz_transfers")
              .description("zone transfers served by --serve-rpz, by kind")
              .tag("kind", k.name().toLowerCase(java.util.Locale.ROOT))
              .register(registry));
    }
    AddressRateLimiter perAddress =
        new AddressRateLimiter(QUERIES_PER_SECOND, BURST_SECONDS, MAX_ADDRESSES, ticker);
    RpzServer server =
        new RpzServer(
            rpz,
            zone,
            new TransferAccess(settings.grants(), clock),
            (isp, version, kind) -> transfers.get(kind).increment(),
            RpzLimits.defaults(),
            perAddress::tryAcquire,
            clock);
    String host = settings.address().getAddress().getHostAddress();
    ZoneSockets sockets =
        ZoneSockets.bind(
            server,
            new ConnectionLimit(MAX_CONNECTIONS, CONNECTIONS_PER_ADDRESS),
            1,
            host,
            settings.address().getPort(),
            "RPZ zone",
            HOW,
            settings.notifyTargets(),
            ids);
    sockets.announce(zone.current().version());
    LOG.info(
        "serving the RPZ zone {} at version {} on {}:{} (TCP and UDP); transfers from {}{};"
            + " NOTIFY to {}",
        rpz.origin(),
        zone.current().version(),
        host,
        sockets.port(),
        settings.grants().get(0).addresses(),
        settings.key().map(k -> " signed with key " + k.name()).orElse(""),
        settings.notifyTargets());
    return new RpzListener(zone, sockets);
  }

  /** The verified version is served from now on, and announced; returns at once. */
  @Override
  public void committed(long from, TrustedState state, List<String> added, List<String> removed) {
    zone.committed(from, state.version(), state.list(), added, removed);
    sockets.announce(state.version());
  }

  /** The port bound, TCP and UDP. */
  int port() {
    return sockets.port();
  }

  @Override
  public void close() {
    sockets.close();
  }
}
