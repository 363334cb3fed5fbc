package org.blocklist.http;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Ticker;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.blocklist.config.Config;
import org.blocklist.transport.ConnectionLimit;

/**
 * The one pipeline of an API connection: the connection cap, TLS when configured (its handshake
 * bounded by {@code limits.headerSeconds}), the request deadlines (around the decoder, which they
 * consult), the codec, the aggregator with the body limit, and the connection's {@link
 * ApiConnection} over the shared {@link Dispatcher}.
 */
final class ApiInitializer extends ChannelInitializer<Channel> {
  /** The name of the {@link SslHandler} in the pipeline, where {@link ApiConnection} finds it. */
  static final String TLS_HANDLER = "tls";

  private final ConnectionLimit connections;
  private final Config.Limits limits;
  private final Dispatcher dispatcher;
  private final HttpMetrics metrics;
  private final Ticker ticker;
  private final InFlight inFlight;
  private final Optional<SslContext> tls;

  /** Plain HTTP. */
  ApiInitializer(
      ConnectionLimit connections,
      Config.Limits limits,
      Dispatcher dispatcher,
      HttpMetrics metrics,
      Ticker ticker,
      InFlight inFlight) {
    this(connections, limits, dispatcher, metrics, ticker, inFlight, Optional.empty());
  }

  /** HTTPS only when {@code tls} is present. */
  ApiInitializer(
      ConnectionLimit connections,
      Config.Limits limits,
      Dispatcher dispatcher,
      HttpMetrics metrics,
      Ticker ticker,
      InFlight inFlight,
      Optional<SslContext> tls) {
    this.connections = requireNonNull(connections, "connections");
    this.limits = requireNonNull(limits, "limits");
    this.dispatcher = requireNonNull(dispatcher, "dispatcher");
    this.metrics = requireNonNull(metrics, "metrics");
    this.ticker = requireNonNull(ticker, "ticker");
    this.inFlight = requireNonNull(inFlight, "inFlight");
    this.tls = requireNonNull(tls, "tls");
  }

  @Override
  protected void initChannel(Channel ch) {
    ApiRequestDecoder decoder =
        new ApiRequestDecoder(
            ApiServer.MAX_INITIAL_LINE, ApiServer.MAX_HEADER_BYTES, ApiServer.MAX_CHUNK_BYTES);
    RequestDeadlines deadlines =
        new RequestDeadlines(
            limits.headerSeconds(), limits.bodySeconds(), limits.idleSeconds(), decoder);
    ChannelPipeline p = ch.pipeline();
    p.addLast(connections);
    if (tls.isPresent()) {
      SslHandler handler = tls.get().newHandler(ch.alloc());
      handler.setHandshakeTimeout(limits.headerSeconds(), TimeUnit.SECONDS);
      p.addLast(TLS_HANDLER, handler);
    }
    p.addLast(deadlines.bytes());
    p.addLast(decoder);
    p.addLast(new HttpResponseEncoder());
    p.addLast(deadlines.messages());
    p.addLast(new ApiAggregator(limits.bodyBytes()));
    p.addLast(new ApiConnection(dispatcher, metrics, ticker, inFlight));
  }
}
