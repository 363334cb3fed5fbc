package org.blocklist.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Per-connection deadlines against slow and idle clients: a new connection that sends nothing is
 * closed after {@code headerSeconds}; the whole request head must arrive within {@code
 * headerSeconds} of its first byte, and the body within {@code bodySeconds} of the head (else
 * {@code 408} and the connection is closed); a connection with no request for {@code idleSeconds},
 * or whose peer takes nothing of a response for {@code idleSeconds}, is closed. While a route works
 * on its answer (a delta long-poll waits up to its own bounded time) only a backstop of {@link
 * #ANSWER_NANOS} runs. Pipelined requests are counted, so the next request's deadline starts when
 * the answers before it are written. One instance per channel, with two handlers: {@link #bytes()}
 * before the HTTP codec (sees the first byte) and {@link #messages()} after it (sees the head, the
 * end of the body and the response). Requests only note the time; a single check per connection
 * every {@link #CHECK_MILLIS} enforces the deadlines, so a request costs no timer of its own. Time
 * is the channel's event loop's {@code ticker()}, so a test on an {@code EmbeddedChannel} moves it
 * with {@code advanceTimeBy}. The {@code 408} is the JSON error of {@link ErrorMapper}, written
 * like every other answer by {@link Responses}.
 */
final class RequestDeadlines {
  /** How often a connection's deadlines are checked; deadlines are met to within this. */
  static final long CHECK_MILLIS = 250;

  /**
   * Longest a route may take to begin its answer before the connection is closed: a backstop, as
   * the longest route, a delta long-poll, waits at most {@link DeltaRoutes#MAX_WAIT_SECONDS}.
   */
  static final long ANSWER_NANOS = TimeUnit.SECONDS.toNanos(2L * DeltaRoutes.MAX_WAIT_SECONDS);

  private enum State {
    /** Connected, nothing sent yet: closed, without an answer, at the head deadline. */
    SILENT,
    /** Between requests. */
    IDLE,
    /** The request head is arriving. */
    HEAD,
    /** The request body is arriving. */
    BODY,
    /** The route works on its answer. */
    ANSWERING,
    /** The response is being written (a streamed one in several parts). */
    SENDING
  }

  private final long headerNanos;
  private final long bodyNanos;
  private final long idleNanos;
  private State state = State.IDLE;
  private long since;

  /** Requests read whole and not yet answered whole (more than one when pipelined). */
  private int unanswered;

  /**
   * How far the next request has arrived while earlier ones are answered ({@code HEAD} or {@code
   * BODY}), or null; its deadline starts once they are.
   */
  private State next;

  /**
   * A response went out before its request had arrived whole (the aggregator's {@code 413}, which
   * keeps a keep-alive connection and skips the rest of the body): that request needs no answer.
   */
  private boolean answeredEarly;

  private ScheduledFuture<?> check;

  /** The context of {@link #messages()}, after the codec: where the {@code 408} is written. */
  private ChannelHandlerContext messagesContext;

  /** Tells whether the decoder holds the first bytes of a request not yet decoded. */
  private final ApiRequestDecoder decoder;

  RequestDeadlines(int headerSeconds, int bodySeconds, int idleSeconds, ApiRequestDecoder decoder) {
    this.decoder = java.util.Objects.requireNonNull(decoder, "decoder");
    this.headerNanos = TimeUnit.SECONDS.toNanos(headerSeconds);
    this.bodyNanos = TimeUnit.SECONDS.toNanos(bodySeconds);
    this.idleNanos = TimeUnit.SECONDS.toNanos(idleSeconds);
  }

  ChannelInboundHandlerAdapter bytes() {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void channelActive(ChannelHandlerContext ctx) {
        enter(ctx, State.SILENT);
        check =
            ctx.executor()
                .scheduleAtFixedRate(
                    () -> checkDeadline(ctx), CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
      }

      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf) {
          if (state == State.IDLE || state == State.SILENT) {
            enter(ctx, State.HEAD);
          } else if (responding() && next == null) {
            next = State.HEAD;
          }
        }
        ctx.fireChannelRead(msg);
      }

      @Override
      public void channelInactive(ChannelHandlerContext ctx) {
        if (check != null) {
          check.cancel(false);
        }
        ctx.fireChannelInactive();
      }
    };
  }

  ChannelDuplexHandler messages() {
    return new ChannelDuplexHandler() {
      @Override
      public void handlerAdded(ChannelHandlerContext ctx) {
        messagesContext = ctx;
      }

      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
          if (responding()) {
            next = State.BODY;
          } else {
            enter(ctx, State.BODY);
          }
        }
        if (msg instanceof LastHttpContent) {
          if (answeredEarly) {
            answeredEarly = false;
            enter(ctx, State.IDLE);
          } else {
            unanswered++;
            next = null;
            if (!responding()) {
              enter(ctx, State.ANSWERING);
            }
          }
        }
        ctx.fireChannelRead(msg);
      }

      @Override
      public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof LastHttpContent && unanswered > 0) {
          unanswered--;
          if (unanswered > 0) {
            enter(ctx, State.ANSWERING); // a pipelined request, already read, is answered next
          } else {
            // Bytes of the next request may have come in the read that ended this one.
            State after = next != null ? next : decoder.midRequest() ? State.HEAD : State.IDLE;
            enter(ctx, after);
            next = null;
          }
        } else if (msg instanceof LastHttpContent && (state == State.HEAD || state == State.BODY)) {
          answeredEarly = true;
        } else if (msg instanceof HttpObject && responding()) {
          // A response head or a part of a streamed body: the peer is taking what we send.
          enter(ctx, State.SENDING);
        }
        ctx.write(msg, promise);
      }
    };
  }

  private boolean responding() {
    return state == State.ANSWERING || state == State.SENDING;
  }

  private void enter(ChannelHandlerContext ctx, State s) {
    state = s;
    since = ctx.executor().ticker().nanoTime();
  }

  private void checkDeadline(ChannelHandlerContext ctx) {
    long waited = ctx.executor().ticker().nanoTime() - since;
    switch (state) {
      case HEAD -> {
        if (waited > headerNanos) {
          expire(ctx, "request head");
        }
      }
      case BODY -> {
        if (waited > bodyNanos) {
          expire(ctx, "request body");
        }
      }
      case SILENT -> {
        if (waited > headerNanos) {
          ctx.close(); // a connection that says nothing holds a slot for the head deadline only
        }
      }
      case IDLE, SENDING -> {
        if (waited > idleNanos) {
          ctx.close();
        }
      }
      case ANSWERING -> {
        if (waited > ANSWER_NANOS) {
          ctx.close();
        }
      }
    }
  }

  private void expire(ChannelHandlerContext ctx, String what) {
    state = State.ANSWERING;
    if (check != null) {
      check.cancel(false);
    }
    Responses.write(messagesContext, ErrorMapper.timedOut(what), false, false);
  }
}
