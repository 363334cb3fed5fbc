package org.blocklist.dns;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
import org.blocklist.state.ListState;
import org.blocklist.transport.AddressRateLimiter;
import org.blocklist.transport.ConnectionLimit;
import org.blocklist.transport.Transports;
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

  /** With port 0, tries to find a port free for both TCP and UDP. */
  static final int BIND_ATTEMPTS = 5;

  private static final Logger log = LoggerFactory.getLogger(DnsServer.class);

  private final EventLoopGroup group;
  private final Channel tcp;
  private final Channel udp;
  private final Optional<Channel> notifyChannel;
  private final Optional<Notifier> notifier;

  private DnsServer(
      EventLoopGroup group,
      Channel tcp,
      Channel udp,
      Optional<Channel> notifyChannel,
      Optional<Notifier> notifier) {
    this.group = group;
    this.tcp = tcp;
    this.udp = udp;
    this.notifyChannel = notifyChannel;
    this.notifier = notifier;
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
    ConnectionLimit connections = new ConnectionLimit(MAX_CONNECTIONS, CONNECTIONS_PER_ADDRESS);
    EventLoopGroup group = Transports.eventLoops(ioThreads);
    try {
      ServerBootstrap tcp =
          Transports.server(group).childHandler(new TcpInitializer(connections, rpz));
      Bootstrap udp = Transports.datagram(group).handler(rpz.udpHandler());
      Channel[] bound = bindBoth(tcp, udp, dns);
      Optional<Notifier> notifier = Optional.empty();
      Optional<Channel> notifyChannel = Optional.empty();
      if (!dns.notifyTargets().isEmpty()) {
        Notifier n =
            new Notifier(zone, dns.notifyTargets().stream().map(Endpoints::parse).toList(), random);
        notifyChannel =
            Optional.of(
                Transports.bind(
                    Transports.datagram(group).handler(n),
                    dns.bind(),
                    0,
                    "DNS NOTIFY",
                    "dns.bind in the configuration"));
        notifier = Optional.of(n);
        n.announce(state.get().version());
      }
      log.info(
          "DNS: zone {} on {}:{} (TCP and UDP), NOTIFY to {}",
          dns.zone(),
          dns.bind(),
          ((InetSocketAddress) bound[0].localAddress()).getPort(),
          dns.notifyTargets());
      return new DnsServer(group, bound[0], bound[1], notifyChannel, notifier);
    } catch (IOException | InterruptedException | RuntimeException e) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw e;
    }
  }

  private static final String HOW = "--dns-port or dns.port in the configuration";

  /** TCP and UDP on one port: with port 0, the port TCP got, tried again if UDP has it taken. */
  private static Channel[] bindBoth(ServerBootstrap tcp, Bootstrap udp, Config.Dns dns)
      throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      Channel t = Transports.bind(tcp, dns.bind(), dns.port(), "DNS (TCP)", HOW);
      int port = ((InetSocketAddress) t.localAddress()).getPort();
      try {
        return new Channel[] {t, Transports.bind(udp, dns.bind(), port, "DNS (UDP)", HOW)};
      } catch (IOException e) {
        t.close().sync();
        if (dns.port() != 0 || attempt == BIND_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /** The one pipeline of a TCP connection: the connection cap, then the RPZ server's handlers. */
  static final class TcpInitializer extends ChannelInitializer<Channel> {
    private final ConnectionLimit connections;
    private final RpzServer rpz;

    TcpInitializer(ConnectionLimit connections, RpzServer rpz) {
      this.connections = connections;
      this.rpz = rpz;
    }

    @Override
    protected void initChannel(Channel ch) {
      ch.pipeline().addLast(connections);
      rpz.initTcp(ch.pipeline());
    }
  }

  /**
   * Called by the writer with each new state: hands the NOTIFY to the event loop and returns at
   * once.
   */
  public void published(ListState state) {
    notifier.ifPresent(n -> n.announce(state.version()));
  }

  /** The port bound, TCP and UDP (useful with port 0). */
  public int port() {
    return ((InetSocketAddress) tcp.localAddress()).getPort();
  }

  @Override
  public void close() {
    tcp.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    udp.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    notifyChannel.ifPresent(c -> c.close().awaitUninterruptibly(5, TimeUnit.SECONDS));
    group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
  }
}
