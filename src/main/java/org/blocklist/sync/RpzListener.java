package org.blocklist.sync;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.blocklist.rpz.Notifier;
import org.blocklist.rpz.RpzLimits;
import org.blocklist.rpz.RpzServer;
import org.blocklist.rpz.RpzZone;
import org.blocklist.rpz.TransferAccess;
import org.blocklist.rpz.TransferKind;
import org.blocklist.transport.AddressRateLimiter;
import org.blocklist.transport.ConnectionLimit;
import org.blocklist.transport.Transports;
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

  /** With port 0, tries to find a port free for both TCP and UDP. */
  static final int BIND_ATTEMPTS = 5;

  private static final Logger LOG = LoggerFactory.getLogger(RpzListener.class);

  private static final String HOW = "--serve-rpz ADDR:PORT";

  private final AgentZone zone;
  private final EventLoopGroup group;
  private final Channel tcp;
  private final Channel udp;
  private final Optional<Channel> notifyChannel;
  private final Optional<Notifier> notifier;

  private RpzListener(
      AgentZone zone,
      EventLoopGroup group,
      Channel tcp,
      Channel udp,
      Optional<Channel> notifyChannel,
      Optional<Notifier> notifier) {
    this.zone = zone;
    this.group = group;
    this.tcp = tcp;
    this.udp = udp;
    this.notifyChannel = notifyChannel;
    this.notifier = notifier;
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
    ConnectionLimit connections = new ConnectionLimit(MAX_CONNECTIONS, CONNECTIONS_PER_ADDRESS);
    EventLoopGroup group = Transports.eventLoops(1);
    try {
      ServerBootstrap tcp =
          Transports.server(group)
              .childHandler(
                  new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                      ch.pipeline().addLast(connections);
                      server.initTcp(ch.pipeline());
                    }
                  });
      Bootstrap udp = Transports.datagram(group).handler(server.udpHandler());
      String host = settings.address().getAddress().getHostAddress();
      Channel[] bound = bindBoth(tcp, udp, host, settings.address().getPort());
      Optional<Notifier> notifier = Optional.empty();
      Optional<Channel> notifyChannel = Optional.empty();
      if (!settings.notifyTargets().isEmpty()) {
        Notifier n = new Notifier(rpz, settings.notifyTargets(), ids);
        notifyChannel =
            Optional.of(
                Transports.bind(Transports.datagram(group).handler(n), host, 0, "RPZ NOTIFY", HOW));
        notifier = Optional.of(n);
        n.announce(zone.current().version());
      }
      RpzListener listener =
          new RpzListener(zone, group, bound[0], bound[1], notifyChannel, notifier);
      LOG.info(
          "serving the RPZ zone {} at version {} on {}:{} (TCP and UDP); transfers from {}{};"
              + " NOTIFY to {}",
          rpz.origin(),
          zone.current().version(),
          host,
          listener.port(),
          settings.grants().get(0).addresses(),
          settings.key().map(k -> " signed with key " + k.name()).orElse(""),
          settings.notifyTargets());
      return listener;
    } catch (IOException | InterruptedException | RuntimeException e) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw e;
    }
  }

  /** TCP and UDP on one port: with port 0, the port TCP got, tried again if UDP has it taken. */
  private static Channel[] bindBoth(ServerBootstrap tcp, Bootstrap udp, String host, int port)
      throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      Channel t = Transports.bind(tcp, host, port, "RPZ zone (TCP)", HOW);
      int got = ((InetSocketAddress) t.localAddress()).getPort();
      try {
        return new Channel[] {t, Transports.bind(udp, host, got, "RPZ zone (UDP)", HOW)};
      } catch (IOException e) {
        t.close().sync();
        if (port != 0 || attempt == BIND_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /** The verified version is served from now on, and announced; returns at once. */
  @Override
  public void committed(long from, TrustedState state, List<String> added, List<String> removed) {
    zone.committed(from, state.version(), state.list(), added, removed);
    notifier.ifPresent(n -> n.announce(state.version()));
  }

  /** The port bound, TCP and UDP. */
  int port() {
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
