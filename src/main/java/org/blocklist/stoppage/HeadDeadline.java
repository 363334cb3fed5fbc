package org.blocklist.stoppage;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose request does not arrive whole within a deadline of its first byte (a
 * slow-loris guard; the idle timeout alone lets a client trickle one byte at a time). Sits before
 * the HTTP codec: the first bytes read start the clock, the next response written stops it. One
 * instance per channel.
 */
final class HeadDeadline extends ChannelDuplexHandler {
  private final long nanos;
  private ScheduledFuture<?> timer;

  HeadDeadline(long amount, TimeUnit unit) {
    this.nanos = unit.toNanos(amount);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf && timer == null) {
      timer = ctx.executor().schedule(() -> ctx.close(), nanos, TimeUnit.NANOSECONDS);
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    cancel();
    ctx.write(msg, promise);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    cancel();
    ctx.fireChannelInactive();
  }

  private void cancel() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }
}
