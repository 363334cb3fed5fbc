package org.blocklist.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Per-connection deadlines against slow clients: the whole request head must arrive within {@code
 * headerSeconds} of its first byte, and the body within {@code bodySeconds} of the head. A missed
 * deadline is answered {@code 408} and the connection closed. One instance per channel, with two
 * handlers: {@link #bytes()} before the HTTP codec (sees the first byte) and {@link #messages()}
 * after it (sees the head, the end of the body and the response).
 */
final class RequestDeadlines {
  private enum State {
    IDLE,
    HEAD,
    BODY,
    RESPONDING
  }

  private final long headerNanos;
  private final long bodyNanos;
  private State state = State.IDLE;
  private boolean bytesWhileResponding;
  private ScheduledFuture<?> timer;

  RequestDeadlines(int headerSeconds, int bodySeconds) {
    this.headerNanos = TimeUnit.SECONDS.toNanos(headerSeconds);
    this.bodyNanos = TimeUnit.SECONDS.toNanos(bodySeconds);
  }

  ChannelInboundHandlerAdapter bytes() {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf) {
          if (state == State.IDLE) {
            start(ctx, State.HEAD, headerNanos, "request head");
          } else if (state == State.RESPONDING) {
            bytesWhileResponding = true;
          }
        }
        ctx.fireChannelRead(msg);
      }

      @Override
      public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
      }
    };
  }

  ChannelDuplexHandler messages() {
    return new ChannelDuplexHandler() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
          start(ctx, State.BODY, bodyNanos, "request body");
        }
        if (msg instanceof LastHttpContent) {
          cancel();
          state = State.RESPONDING;
        }
        ctx.fireChannelRead(msg);
      }

      @Override
      public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof LastHttpContent && state == State.RESPONDING) {
          state = State.IDLE;
          if (bytesWhileResponding) {
            bytesWhileResponding = false;
            start(ctx, State.HEAD, headerNanos, "request head");
          }
        }
        ctx.write(msg, promise);
      }
    };
  }

  private void start(ChannelHandlerContext ctx, State next, long nanos, String what) {
    cancel();
    state = next;
    timer = ctx.executor().schedule(() -> expire(ctx, what), nanos, TimeUnit.NANOSECONDS);
  }

  private void cancel() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  private void expire(ChannelHandlerContext ctx, String what) {
    timer = null;
    state = State.RESPONDING;
    byte[] body =
        ("{\"error\":\"request_timeout\",\"message\":\"the "
                + what
                + " did not arrive in time\",\"details\":[]}")
            .getBytes(StandardCharsets.UTF_8);
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_TIMEOUT, Unpooled.wrappedBuffer(body));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, ApiResponse.JSON);
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    ctx.channel().writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }
}
