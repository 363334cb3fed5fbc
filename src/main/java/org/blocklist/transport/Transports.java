package org.blocklist.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * What every listener shares: native epoll where Netty has it (NIO otherwise), an explicit number
 * of event loops, and Nagle off. Children read as data arrives ({@code AUTO_READ} on): turning
 * reading off and on around each request costs two {@code epoll_ctl} calls per request, so a
 * handler that must stop reading (a slow peer, too many pipelined requests) turns it off itself.
 */
public final class Transports {
  /** Pending connections the kernel queues for each listener. */
  public static final int BACKLOG = 1024;

  private Transports() {}

  public static EventLoopGroup eventLoops(int threads) {
    return new MultiThreadIoEventLoopGroup(
        threads, Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
  }

  /**
   * Binds {@code bootstrap} to {@code host:port} and returns the listening channel. A port that
   * cannot be bound is an {@link IOException} whose message names the address, the listener and how
   * to choose another port ({@code how}, e.g. {@code "--http-port or http.port"}).
   */
  public static Channel bind(
      ServerBootstrap bootstrap, String host, int port, String listener, String how)
      throws IOException, InterruptedException {
    return bound(
        bootstrap.bind(new InetSocketAddress(host, port)).await(), host, port, listener, how);
  }

  /**
   * Binds the datagram {@code bootstrap} to {@code host:port} and returns its channel; a port that
   * cannot be bound fails as {@link #bind(ServerBootstrap, String, int, String, String)} does.
   */
  public static Channel bind(
      Bootstrap bootstrap, String host, int port, String listener, String how)
      throws IOException, InterruptedException {
    return bound(
        bootstrap.bind(new InetSocketAddress(host, port)).await(), host, port, listener, how);
  }

  private static Channel bound(
      ChannelFuture bound, String host, int port, String listener, String how) throws IOException {
    if (bound.isSuccess()) {
      return bound.channel();
    }
    Throwable cause = bound.cause();
    String why = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    String inUse =
        why.toLowerCase(java.util.Locale.ROOT).contains("in use")
            ? "the address is already in use"
            : why;
    throw new IOException(
        "cannot listen on "
            + host
            + ":"
            + port
            + " for the "
            + listener
            + ": "
            + inUse
            + "; choose another port with "
            + how,
        cause);
  }

  /** A datagram (UDP) bootstrap on {@code group}; the caller adds the handler. */
  public static Bootstrap datagram(EventLoopGroup group) {
    Class<? extends DatagramChannel> channelType =
        Epoll.isAvailable() ? EpollDatagramChannel.class : NioDatagramChannel.class;
    return new Bootstrap().group(group).channel(channelType);
  }

  /** A server bootstrap on {@code group} with the shared options; the caller adds the handler. */
  public static ServerBootstrap server(EventLoopGroup group) {
    Class<? extends ServerChannel> channelType =
        Epoll.isAvailable() ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    return new ServerBootstrap()
        .group(group)
        .channel(channelType)
        .option(ChannelOption.SO_BACKLOG, BACKLOG)
        .childOption(ChannelOption.AUTO_READ, true)
        .childOption(ChannelOption.TCP_NODELAY, true);
  }
}
