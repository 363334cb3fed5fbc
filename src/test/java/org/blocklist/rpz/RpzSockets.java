package org.blocklist.rpz;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** An {@link RpzServer} on real loopback sockets (TCP and UDP, one port), as a holder binds it. */
final class RpzSockets implements AutoCloseable {
  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel tcp;
  private final Channel udp;

  RpzSockets(RpzServer server) throws InterruptedException {
    tcp =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    server.initTcp(ch.pipeline());
                  }
                })
            .bind(new InetSocketAddress("127.0.0.1", 0))
            .sync()
            .channel();
    udp =
        new Bootstrap()
            .group(group)
            .channel(NioDatagramChannel.class)
            .handler(server.udpHandler())
            .bind(new InetSocketAddress("127.0.0.1", port()))
            .sync()
            .channel();
  }

  int port() {
    return ((InetSocketAddress) tcp.localAddress()).getPort();
  }

  @Override
  public void close() {
    tcp.close().awaitUninterruptibly();
    udp.close().awaitUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
  }
}
