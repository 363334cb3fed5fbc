package org.blocklist.dns;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.blocklist.config.Config;
import org.blocklist.isp.IspStatus;
import org.blocklist.rpz.Endpoints;
import org.blocklist.rpz.Notifier;
import org.blocklist.rpz.RpzLimits;
import org.blocklist.rpz.RpzServer;
import org.blocklist.rpz.RpzZone;
import org.blocklist.rpz.TransferAccess;
import org.blocklist.rpz.ZoneSockets;
import org.blocklist.state.ListState;
import org.blocklist.transport.AddressRateLimiter;
import org.blocklist.transport.ConnectionLimit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DNS listener (DESIGN.md, "DNS: the list as a Response Policy Zone"): the published list as
 * the RPZ zone {@code dns.zone}, over TCP and UDP on one port ({@code dns.port}, {@code
 * --dns-port}), answered by {@link RpzServer} from the state in memory. Transfers are recorded
 * against the ISP of the grant that admitted them. Each new version is announced by NOTIFY to
 * {@code dns.notify} ({@link Notifier}, from {@code dns.bind}, on its own datagram channel), at
 * start too.
 *
 * <p>Limits: {@value #MAX_CONNECTIONS} TCP connections, {@value #CONNECTIONS_PER_ADDRESS} from one
 * address; UDP queries per source address ({@code dns.queriesPerSecondPerAddress}, a burst of
 * {@value #BURST_SECONDS} s, {@value #MAX_ADDRESSES} addresses tracked); the rest in {@link
 * RpzLimits}.
 */
public final class DnsServer implements AutoCloseable {
  static final int MAX_CONNECTIONS = 1000;

  static final int CONNECTIONS_PER_ADDRESS = 16;

  static final int BURST_SECONDS = 5;

  static final int MAX_ADDRESSES = 100_000;

  private static final Logger log = LoggerFactory.getLogger(DnsServer.class);

  private final ZoneSockets sockets;

  private DnsServer(ZoneSockets sockets) {
    this.sockets = sockets;
  }

  /**
   * Binds {@code dns.bind:dns.port} for TCP and UDP ({@code port} 0 picks one free for both) and
   * returns once both listen.
   *
   * @param stopPageHost the action's host name when {@code dns.action} is {@code stoppage}
   * @param clock the time of TSIG signatures and of the ISP status
   * @param ticker the time of the UDP rate limit
   * @param random the ids of NOTIFY messages
   */
  public static DnsServer start(
      Config.Dns dns,
      String stopPageHost,
      Supplier<ListState> state,
      IspStatus isps,
      Clock clock,
      Ticker ticker,
      MeterRegistry registry,
      RandomGenerator random,
      int ioThreads)
      throws IOException, InterruptedException {
    requireNonNull(dns, "dns");
    if (dns.transfers().isEmpty()) {
      log.warn(
          "dns.transfers is empty: only loopback clients may transfer the zone {} (a development"
              + " default; configure the ISPs' addresses or TSIG keys)",
          dns.zone());
    }
    AddressRateLimiter perAddress =
        new AddressRateLimiter(
            dns.queriesPerSecondPerAddress(), BURST_SECONDS, MAX_ADDRESSES, ticker);
    RpzZone zone = DnsSetup.zone(dns, stopPageHost);
    RpzServer rpz =
        new RpzServer(
            zone,
            new LedgerZone(state),
            new TransferAccess(DnsSetup.grants(dns), clock),
            new IspTransfers(isps, registry),
            RpzLimits.withTransfersPerAddress(dns.transfersPerAddress()),
            perAddress::tryAcquire,
            clock);
    ZoneSockets sockets =
        ZoneSockets.bind(
            rpz,
            new ConnectionLimit(MAX_CONNECTIONS, CONNECTIONS_PER_ADDRESS),
            ioThreads,
            dns.bind(),
            dns.port(),
            "DNS",
            "--dns-port or dns.port in the configuration",
            dns.notifyTargets().stream().map(Endpoints::parse).toList(),
            random);
    sockets.announce(state.get().version());
    log.info(
        "DNS: zone {} on {}:{} (TCP and UDP), NOTIFY to {}",
        dns.zone(),
        dns.bind(),
        sockets.port(),
        dns.notifyTargets());
    return new DnsServer(sockets);
  }

  /**
   * Called by the writer with each new state: hands the NOTIFY to the event loop and returns at
   * once.
   */
  public void published(ListState state) {
    sockets.announce(state.version());
  }

  /** The port bound, TCP and UDP (useful with port 0). */
  public int port() {
    return sockets.port();
  }

  @Override
  public void close() {
    sockets.close();
  }
}
