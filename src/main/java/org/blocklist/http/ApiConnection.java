package org.blocklist.http;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Ticker;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.ssl.SslHandler;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.blocklist.tls.ClientCertificates;

/**
 * One API connection's conversation, in order: a pipelined request waits here until the response
 * before it has been handed to the channel. The connection stops reading while {@link #MAX_WAITING}
 * requests wait, while its peer does not take what is written to it, and for a second after it was
 * answered {@code 429} (a rate limit). One instance per channel; touched on the channel's event
 * loop only, so it needs no locks. The answers come from the shared {@link Dispatcher} and are
 * written by {@link Responses}.
 */
final class ApiConnection extends SimpleChannelInboundHandler<FullHttpRequest> {
  /** Pipelined requests one connection may have waiting before it stops reading. */
  static final int MAX_WAITING = 16;

  /**
   * After a {@code 429}, the connection is not read for this long: the {@code Retry-After: 1} it
   * was told, enforced, so that a client over its rate limit cannot keep the event loop busy with
   * requests that are refused (issue 10, fairness between principals).
   */
  static final long RATE_LIMITED_PAUSE_MILLIS = 1000;

  private final Dispatcher dispatcher;
  private final HttpMetrics metrics;
  private final Ticker ticker;
  private final InFlight inFlight;
  private final ArrayDeque<Incoming> waiting = new ArrayDeque<>();
  private boolean answering;
  private boolean closing;
  private boolean paused;
  private boolean clientNameRead;
  private String clientName;

  ApiConnection(Dispatcher dispatcher, HttpMetrics metrics, Ticker ticker, InFlight inFlight) {
    this.dispatcher = requireNonNull(dispatcher, "dispatcher");
    this.metrics = requireNonNull(metrics, "metrics");
    this.ticker = requireNonNull(ticker, "ticker");
    this.inFlight = requireNonNull(inFlight, "inFlight");
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (closing) {
      return; // read with the request that closes the connection: never answered
    }
    Incoming incoming = Incoming.copyOf(request);
    if (answering) {
      waiting.add(incoming);
      updateReading(ctx);
      return;
    }
    answering = true;
    handle(ctx, incoming);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    updateReading(ctx);
    ctx.fireChannelWritabilityChanged();
  }

  private void handle(ChannelHandlerContext ctx, Incoming request) {
    inFlight.start();
    Dispatcher.Exchange x = new Dispatcher.Exchange(ticker.read());
    CompletableFuture<ApiResponse> answer =
        request.failure() != null
            ? CompletableFuture.completedFuture(ErrorMapper.undecodable(request.failure()))
            : request.refusal() != null
                ? CompletableFuture.failedFuture(request.refusal())
                : dispatcher.answer(
                    x,
                    request,
                    ctx.channel().remoteAddress(),
                    clientName(ctx),
                    ctx.executor(),
                    ctx.pipeline().get(SslHandler.class) != null);
    if (answer.isDone() && ctx.executor().inEventLoop()) {
      write(ctx, request, x, answer);
    } else {
      answer.whenCompleteAsync((r, e) -> write(ctx, request, x, answer), ctx.executor());
    }
  }

  private void write(
      ChannelHandlerContext ctx,
      Incoming request,
      Dispatcher.Exchange x,
      CompletableFuture<ApiResponse> answer) {
    ApiResponse r;
    try {
      r = answer.join();
    } catch (RuntimeException e) {
      r = ErrorMapper.map(e);
    }
    Responses.write(ctx, r, request.keepAlive(), request.http10(), request.head())
        .addListener(written -> inFlight.end());
    if (r.status().code() == HttpResponseStatus.TOO_MANY_REQUESTS.code() && !paused) {
      paused = true;
      ctx.executor()
          .schedule(
              () -> {
                paused = false;
                updateReading(ctx);
              },
              RATE_LIMITED_PAUSE_MILLIS,
              TimeUnit.MILLISECONDS);
    }
    long nanos = ticker.read() - x.start;
    if (x.mount != null) {
      metrics.mounted(x.mount, request.method(), r.status().code(), nanos);
    } else if (x.route == null) {
      metrics.unmatched(request.method(), r.status().code(), nanos);
    } else {
      metrics.request(x.route, r.status().code(), nanos);
    }
    answered(ctx, request.keepAlive());
  }

  /** The response before has been handed to the channel: answers the next waiting request. */
  private void answered(ChannelHandlerContext ctx, boolean keepAlive) {
    if (!keepAlive) {
      // The connection closes after this response: nothing behind it is answered.
      closing = true;
      waiting.clear();
    }
    Incoming next = waiting.poll();
    updateReading(ctx);
    if (next == null) {
      answering = false;
      return;
    }
    handle(ctx, next);
  }

  /**
   * Reads while fewer than {@link #MAX_WAITING} requests wait, the peer takes our writes, and no
   * {@code 429} was answered in the last {@link #RATE_LIMITED_PAUSE_MILLIS}.
   */
  private void updateReading(ChannelHandlerContext ctx) {
    boolean read =
        waiting.size() < MAX_WAITING && ctx.channel().isWritable() && !closing && !paused;
    if (ctx.channel().config().isAutoRead() != read) {
      ctx.channel().config().setAutoRead(read);
    }
  }

  /**
   * The subject CN of the client certificate the TLS handshake verified, read once per connection
   * (a request is only decoded after the handshake); null without TLS or a certificate.
   */
  private String clientName(ChannelHandlerContext ctx) {
    if (!clientNameRead) {
      clientNameRead = true;
      clientName =
          ClientCertificates.commonName((SslHandler) ctx.pipeline().get(ApiInitializer.TLS_HANDLER))
              .orElse(null);
    }
    return clientName;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
