package org.blocklist.transport;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Closes a connection beyond {@code max} open at once, or beyond {@code perAddress} open at once
 * from its source address, before reading anything from it: one address cannot take the listener
 * from everyone else.
 */
@ChannelHandler.Sharable
public final class ConnectionLimit extends ChannelInboundHandlerAdapter {
  private static final AttributeKey<InetAddress> COUNTED =
      AttributeKey.valueOf(ConnectionLimit.class, "counted");

  private final int max;
  private final int perAddress;
  private final AtomicInteger open = new AtomicInteger();
  private final ConcurrentHashMap<InetAddress, AtomicInteger> byAddress = new ConcurrentHashMap<>();

  /** At most {@code max} connections, with no limit per address. */
  public ConnectionLimit(int max) {
    this(max, Integer.MAX_VALUE);
  }

  public ConnectionLimit(int max, int perAddress) {
    if (max < 1 || perAddress < 1) {
      throw new IllegalArgumentException(
          "max: " + max + ", perAddress: " + perAddress + " (expected: 1 or more)");
    }
    this.max = max;
    this.perAddress = perAddress;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    boolean overall = open.incrementAndGet() > max;
    InetAddress address =
        ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
    boolean fromAddress = false;
    if (address != null && perAddress != Integer.MAX_VALUE) {
      ctx.channel().attr(COUNTED).set(address);
      fromAddress =
          byAddress.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet()
              > perAddress;
    }
    if (overall || fromAddress) {
      ctx.close();
      return;
    }
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    open.decrementAndGet();
    InetAddress address = ctx.channel().attr(COUNTED).getAndSet(null);
    if (address != null) {
      byAddress.computeIfPresent(address, (a, n) -> n.decrementAndGet() == 0 ? null : n);
    }
    ctx.fireChannelInactive();
  }

  /** Connections counted now (for tests and metrics). */
  public int open() {
    return open.get();
  }
}
