package org.blocklist.transport;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;

/** Closes a connection that {@code IdleStateHandler} found idle. */
@ChannelHandler.Sharable
public final class IdleClose extends ChannelInboundHandlerAdapter {
  public static final IdleClose INSTANCE = new IdleClose();

  private IdleClose() {}

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent) {
      ctx.close();
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }
}
