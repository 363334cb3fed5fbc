package org.blocklist.http;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Ticker;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpResponseEncoder;
import org.blocklist.config.Config;
import org.blocklist.transport.ConnectionLimit;

/**
 * The one pipeline of an API connection: the connection cap, the request deadlines (around the
 * decoder, which they consult), the codec, the aggregator with the body limit, and the connection's
 * {@link ApiConnection} over the shared {@link Dispatcher}.
 */
final class ApiInitializer extends ChannelInitializer<Channel> {
  private final ConnectionLimit connections;
  private final Config.Limits limits;
  private final Dispatcher dispatcher;
  private final HttpMetrics metrics;
  private final Ticker ticker;
  private final InFlight inFlight;

  ApiInitializer(
      ConnectionLimit connections,
      Config.Limits limits,
      Dispatcher dispatcher,
      HttpMetrics metrics,
      Ticker ticker,
      InFlight inFlight) {
    this.connections = requireNonNull(connections, "connections");
    this.limits = requireNonNull(limits, "limits");
    this.dispatcher = requireNonNull(dispatcher, "dispatcher");
    this.metrics = requireNonNull(metrics, "metrics");
    this.ticker = requireNonNull(ticker, "ticker");
    this.inFlight = requireNonNull(inFlight, "inFlight");
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
    p.addLast(deadlines.bytes());
    p.addLast(decoder);
    p.addLast(new HttpResponseEncoder());
    p.addLast(deadlines.messages());
    p.addLast(new ApiAggregator(limits.bodyBytes()));
    p.addLast(new ApiConnection(dispatcher, metrics, ticker, inFlight));
  }
}
