package org.blocklist.rpz;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.blocklist.transport.ConnectionLimit;
import org.blocklist.transport.Transports;

/**
 * The sockets of a served zone: an {@link RpzServer} on TCP and UDP on one port (each TCP
 * connection behind a {@link ConnectionLimit}), and, when there are secondaries to tell, a {@link
 * Notifier} on a datagram channel of its own on the same address. The service's {@code dns} face
 * and the sync agent's {@code --serve-rpz} both bind their zone with it.
 */
public final class ZoneSockets implements AutoCloseable {
  /** With port 0, how many ports are tried to find one free for both TCP and UDP. */
  static final int BIND_ATTEMPTS = 5;

  private final EventLoopGroup group;
  private final Channel tcp;
  private final Channel udp;
  private final Optional<Channel> notifyChannel;
  private final Optional<Notifier> notifier;

  private ZoneSockets(
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
   * Binds {@code server} to {@code host:port} for TCP and UDP ({@code port} 0 picks one free for
   * both) on {@code ioThreads} event loops and, when {@code notifyTargets} is not empty, a {@link
   * Notifier} to them (NOTIFY ids from {@code ids}) on {@code host} and a port of its own; returns
   * once all listen. A port that cannot be bound is an {@link IOException} naming {@code listener}
   * (e.g. {@code "DNS"}) and {@code how} to choose another.
   */
  public static ZoneSockets bind(
      RpzServer server,
      ConnectionLimit connections,
      int ioThreads,
      String host,
      int port,
      String listener,
      String how,
      List<InetSocketAddress> notifyTargets,
      RandomGenerator ids)
      throws IOException, InterruptedException {
    requireNonNull(server, "server");
    requireNonNull(connections, "connections");
    Optional<Notifier> notifier =
        notifyTargets.isEmpty()
            ? Optional.empty()
            : Optional.of(new Notifier(server.zone(), notifyTargets, ids));
    EventLoopGroup group = Transports.eventLoops(ioThreads);
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
      Channel[] bound = bindBoth(tcp, udp, host, port, listener, how);
      Optional<Channel> notifyChannel = Optional.empty();
      if (notifier.isPresent()) {
        notifyChannel =
            Optional.of(
                Transports.bind(
                    Transports.datagram(group).handler(notifier.get()),
                    host,
                    0,
                    listener + " NOTIFY",
                    how));
      }
      return new ZoneSockets(group, bound[0], bound[1], notifyChannel, notifier);
    } catch (IOException | InterruptedException | RuntimeException e) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw e;
    }
  }

  /** TCP and UDP on one port: with port 0, the port TCP got, tried again if UDP has it taken. */
  private static Channel[] bindBoth(
      ServerBootstrap tcp, Bootstrap udp, String host, int port, String listener, String how)
      throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      Channel t = Transports.bind(tcp, host, port, listener + " (TCP)", how);
      int got = ((InetSocketAddress) t.localAddress()).getPort();
      try {
        return new Channel[] {t, Transports.bind(udp, host, got, listener + " (UDP)", how)};
      } catch (IOException e) {
        t.close().sync();
        if (port != 0 || attempt == BIND_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /** Announces {@code version} to the secondaries, if there are any; returns at once. */
  public void announce(long version) {
    notifier.ifPresent(n -> n.announce(version));
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
