package org.blocklist.stoppage;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Ticker;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.blocklist.transport.AddressRateLimiter;
import org.blocklist.transport.ConnectionLimit;
import org.blocklist.transport.IdleClose;
import org.blocklist.transport.Transports;

/**
 * The stop-page listener (DESIGN.md, "Stop page"): a resolver that blocks a name answers with this
 * server's address, so the browser arrives with the blocked name in {@code Host}. A blocked host
 * gets {@code 451 Unavailable For Legal Reasons} (<a href="https://www.rfc-editor.org/rfc/rfc7725">
 * RFC 7725</a>) with a small HTML page in Dutch, French, German or English chosen by {@code
 * Accept-Language} (English when none matches); any other host gets {@code 404}. See {@link
 * StopPageHandler} for every answer. All pages are rendered once, at start.
 *
 * <p>Limits (constants below): request line {@value #MAX_INITIAL_LINE} bytes, headers {@value
 * #MAX_HEADER_BYTES} bytes, body {@value #MAX_BODY_BYTES} bytes (more is {@code 413}), the request
 * within {@value #REQUEST_SECONDS} s of its first byte, {@value #IDLE_SECONDS} s idle, {@value
 * #MAX_CONNECTIONS} connections; a connection over a limit is answered or closed. Requests from one
 * source address (an IPv6 /64) beyond {@code requestsPerSecondPerAddress}, with a burst of {@value
 * #BURST_SECONDS} s, are answered {@code 429}: the difference between {@code 451} and {@code 404}
 * tells whether a name is listed, so probing costs time. {@value #MAX_ADDRESSES} addresses are
 * tracked at once.
 */
public final class StopPageServer implements AutoCloseable {
  /** Longest request line (bytes); longer is {@code 414}. */
  static final int MAX_INITIAL_LINE = 4096;

  /** Largest header block (bytes); larger is {@code 431}. */
  static final int MAX_HEADER_BYTES = 8192;

  /**
   * Largest request body (the appeal form: 2,000 characters percent-encoded as UTF-8 fit); larger
   * is {@code 413}. Other requests' bodies are ignored.
   */
  static final int MAX_BODY_BYTES = 24 * 1024;

  /** A request must arrive whole within this many seconds of its first byte, else close. */
  static final int REQUEST_SECONDS = 10;

  /** A connection with no traffic for this many seconds is closed. */
  static final int IDLE_SECONDS = 30;

  /** Connections open at once; more are closed at once. */
  static final int MAX_CONNECTIONS = 10_000;

  /** Connections open at once from one source address; more from it are closed at once. */
  static final int MAX_CONNECTIONS_PER_ADDRESS = 256;

  /** Seconds' worth of requests an address that was quiet may send at once. */
  static final int BURST_SECONDS = 5;

  /** Source addresses whose rate is tracked at once; beyond that some are forgotten. */
  static final int MAX_ADDRESSES = 100_000;

  private final EventLoopGroup group;
  private final Channel channel;

  private StopPageServer(EventLoopGroup group, Channel channel) {
    this.group = group;
    this.channel = channel;
  }

  /**
   * Renders the pages and binds {@code bind:port} ({@code port} 0 picks a free one), returning once
   * it listens.
   *
   * @param contactPhone the number shown on the page (1 to 64 characters, HTML-escaped)
   * @param blocked whether a {@code Host} value is blocked; called on the event loop
   * @param requestsPerSecondPerAddress requests a second from one source address, {@code 0} for
   *     unlimited
   * @param ticker the time of the rate limit
   * @param ioThreads event-loop threads (at least 1)
   */
  public static StopPageServer start(
      String bind,
      int port,
      String contactPhone,
      BlockedHosts blocked,
      int requestsPerSecondPerAddress,
      Ticker ticker,
      int ioThreads)
      throws InterruptedException, IOException {
    return start(
        bind,
        port,
        contactPhone,
        blocked,
        requestsPerSecondPerAddress,
        ticker,
        ioThreads,
        Appeals.NONE,
        Figures.NONE);
  }

  /**
   * As {@link #start(String, int, String, BlockedHosts, int, Ticker, int)}, with the appeal form's
   * destination and the public figures of {@code /transparency}.
   */
  public static StopPageServer start(
      String bind,
      int port,
      String contactPhone,
      BlockedHosts blocked,
      int requestsPerSecondPerAddress,
      Ticker ticker,
      int ioThreads,
      Appeals appeals,
      Figures figures)
      throws InterruptedException, IOException {
    requireNonNull(bind, "bind");
    requireNonNull(blocked, "blocked");
    requireNonNull(ticker, "ticker");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
    }
    if (ioThreads < 1) {
      throw new IllegalArgumentException("ioThreads: " + ioThreads + " (expected: >= 1)");
    }
    AddressRateLimiter limiter =
        new AddressRateLimiter(requestsPerSecondPerAddress, BURST_SECONDS, MAX_ADDRESSES, ticker);
    StopPageHandler handler =
        new StopPageHandler(new Pages(contactPhone), blocked, limiter, appeals, figures);
    ConnectionLimit connections = new ConnectionLimit(MAX_CONNECTIONS, MAX_CONNECTIONS_PER_ADDRESS);
    EventLoopGroup group = Transports.eventLoops(ioThreads);
    ServerBootstrap bootstrap =
        Transports.server(group)
            // Read one request at a time, the next only once the answer is written (the handler
            // calls read()): a client that pipelines without reading its answers stops being read.
            .childOption(ChannelOption.AUTO_READ, false)
            .childHandler(new Initializer(connections, handler));
    try {
      Channel channel =
          Transports.bind(bootstrap, bind, port, "stop page", "--stop-port or stopPage.port");
      return new StopPageServer(group, channel);
    } catch (InterruptedException | IOException | RuntimeException e) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw e;
    }
  }

  /** The one pipeline of the listener: limits, codec, aggregator, handler. */
  static final class Initializer extends ChannelInitializer<Channel> {
    private final ConnectionLimit connections;
    private final StopPageHandler handler;

    Initializer(ConnectionLimit connections, StopPageHandler handler) {
      this.connections = connections;
      this.handler = handler;
    }

    @Override
    protected void initChannel(Channel ch) {
      ChannelPipeline p = ch.pipeline();
      p.addLast(connections);
      p.addLast(new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS));
      p.addLast(IdleClose.INSTANCE);
      p.addLast(new HeadDeadline(REQUEST_SECONDS, TimeUnit.SECONDS));
      p.addLast(new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_BYTES, 8192));
      p.addLast(new HttpObjectAggregator(MAX_BODY_BYTES));
      p.addLast(handler);
    }
  }

  /** The port actually bound (useful with port 0). */
  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public void close() {
    channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
  }
}
