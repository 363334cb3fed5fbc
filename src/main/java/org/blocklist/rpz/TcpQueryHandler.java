package org.blocklist.rpz;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection's queries (RFC 7766), each a frame the decoder before it cut at its two-byte
 * length. Answers are written in the order of the queries, a transfer as a stream the {@code
 * ChunkedWriteHandler} pulls; while the peer does not read what is written, the connection is not
 * read either. A message that is not a query, an oversized frame or an idle connection closes it.
 */
final class TcpQueryHandler extends SimpleChannelInboundHandler<ByteBuf> {
  private static final Logger log = LoggerFactory.getLogger(TcpQueryHandler.class);

  private final Responder responder;

  TcpQueryHandler(Responder responder) {
    this.responder = requireNonNull(responder, "responder");
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
    byte[] wire = ByteBufUtil.getBytes(frame);
    Answer answer = responder.answer(wire, (InetSocketAddress) ctx.channel().remoteAddress(), true);
    if (answer instanceof Answer.Reply r) {
      ByteBuf out = ctx.alloc().buffer(2 + r.wire().length);
      out.writeShort(r.wire().length).writeBytes(r.wire());
      ctx.writeAndFlush(out).addListener(written(r.onWritten()));
    } else if (answer instanceof Answer.Transfer t) {
      ctx.writeAndFlush(t.stream()).addListener(written(t.onWritten()));
    } else {
      ctx.close();
      return;
    }
    if (!ctx.channel().isWritable()) {
      ctx.channel().config().setAutoRead(false);
    }
  }

  private static ChannelFutureListener written(Runnable onWritten) {
    return f -> {
      if (f.isSuccess()) {
        onWritten.run();
      } else {
        f.channel().close();
      }
    };
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable()) {
      ctx.channel().config().setAutoRead(true);
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent) {
      ctx.close();
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongFrameException) {
      log.debug("{}: {}", ctx.channel().remoteAddress(), cause.getMessage());
    } else {
      log.debug("{}: closed on {}", ctx.channel().remoteAddress(), cause.toString());
    }
    ctx.close();
  }
}
