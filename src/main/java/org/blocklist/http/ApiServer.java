package org.blocklist.http;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyAllocatorMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyEventExecutorMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.blocklist.config.Config;
import org.blocklist.ledger.Ledger;
import org.blocklist.tls.ServerTls;
import org.blocklist.tls.TlsException;
import org.blocklist.transport.ConnectionLimit;
import org.blocklist.transport.Transports;
import org.blocklist.web.Mount;

/**
 * The HTTP API listener: one initializer (connection cap, TLS when set, request deadlines, codec,
 * aggregator with the body limit, one {@link ApiConnection} per channel over the shared {@link
 * Dispatcher}) and explicit thread counts.
 */
public final class ApiServer implements AutoCloseable {
  /** Longest request line and header block accepted (bytes). */
  static final int MAX_INITIAL_LINE = 4096;

  static final int MAX_HEADER_BYTES = 8192;

  /** Largest piece of a chunked body decoded at once (the aggregator joins them). */
  static final int MAX_CHUNK_BYTES = 8192;

  /** At shutdown, how long the requests in flight have to be answered before connections close. */
  static final int DRAIN_SECONDS = 10;

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ApiServer.class);

  private final EventLoopGroup group;
  private final Channel channel;
  private final DeltaRoutes deltas;
  private final InFlight inFlight;
  private final Ticker ticker;

  private ApiServer(
      EventLoopGroup group, Channel channel, DeltaRoutes deltas, InFlight inFlight, Ticker ticker) {
    this.group = group;
    this.channel = channel;
    this.deltas = deltas;
    this.inFlight = inFlight;
    this.ticker = ticker;
  }

  /**
   * Binds the API on {@code config.http()} and returns once it listens: HTTPS only when {@code
   * http.tls} is set; plain HTTP on a bind address that is not loopback only with {@code
   * http.allowPlainHttp} (else {@link TlsException}, nothing bound).
   */
  public static ApiServer start(Config config, ApiContext context)
      throws InterruptedException, IOException, TlsException {
    return start(config, context, List.of());
  }

  /**
   * As {@link #start(Config, ApiContext)}, with faces mounted under their path prefixes (the
   * console).
   */
  public static ApiServer start(Config config, ApiContext context, List<Mount> mounts)
      throws InterruptedException, IOException, TlsException {
    requireNonNull(config, "config");
    requireNonNull(mounts, "mounts");
    requireNonNull(context, "context");
    Optional<SslContext> tls = tls(config.http());
    Config.Limits limits = config.limits();
    PrometheusMeterRegistry registry = context.registry();
    DeltaRoutes deltas =
        new DeltaRoutes(
            context.ledger()::state,
            context.ispStatus(),
            context.timer(),
            context.blocking(),
            registry);
    context.ledger().onPublish(deltas::published);
    LookupRoutes lookups =
        new LookupRoutes(
            context.ledger()::state, context.canonicalizer(), limits.lookupBatch(), registry);
    CaffeineCacheMetrics.monitor(registry, deltas.cache(), "delta");
    CaffeineCacheMetrics.monitor(registry, lookups.canonicalCache(), "canonical");
    CaffeineCacheMetrics.monitor(registry, lookups.answerCache(), "lookup");
    Dispatcher dispatcher =
        new Dispatcher(
            routes(context, deltas, lookups),
            new AccessGate(
                context.authenticator(),
                new RateLimiter(context.ticker()),
                limits,
                config.metrics().token()),
            new WriteForwarder(),
            mounts);
    HttpMetrics metrics = new HttpMetrics(registry);
    ConnectionLimit connections =
        new ConnectionLimit(limits.maxConnections(), limits.connectionsPerAddress());
    EventLoopGroup group = Transports.eventLoops(config.http().ioThreads());
    new NettyEventExecutorMetrics(group).bindTo(registry);
    new NettyAllocatorMetrics(PooledByteBufAllocator.DEFAULT).bindTo(registry);
    InFlight inFlight = new InFlight();
    ServerBootstrap bootstrap =
        Transports.server(group)
            .childHandler(
                new ApiInitializer(
                    connections, limits, dispatcher, metrics, context.ticker(), inFlight, tls));
    try {
      Channel channel =
          Transports.bind(
              bootstrap,
              config.http().bind(),
              config.http().port(),
              "HTTP API",
              "--http-port or http.port in the configuration");
      return new ApiServer(group, channel, deltas, inFlight, context.ticker());
    } catch (InterruptedException | IOException | RuntimeException e) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      deltas.close();
      throw e;
    }
  }

  /**
   * The TLS context of {@code http.tls}, or empty for plain HTTP, which a bind address that is not
   * loopback (the wildcard included) refuses unless {@code http.allowPlainHttp}: bearer tokens and
   * the list itself would cross the network in clear text.
   */
  static Optional<SslContext> tls(Config.Http http) throws TlsException {
    Config.Tls t = http.tls();
    if (t.enabled()) {
      SslContext context =
          ServerTls.context(Path.of(t.certificate()), Path.of(t.key()), t.clientCaFile());
      log.info(
          "HTTP API: HTTPS only ({}), certificate {}{}",
          String.join(", ", ServerTls.PROTOCOLS),
          t.certificate(),
          t.clientCaFile()
              .map(ca -> ", client certificates of " + ca + " authenticate by their CN")
              .orElse(""));
      return Optional.of(context);
    }
    if (!isLoopback(http.bind())) {
      if (!http.allowPlainHttp()) {
        throw new TlsException(
            "http.bind "
                + http.bind()
                + " is not a loopback address and http.tls is not set: refusing to serve the API"
                + " in plain HTTP (expected: http.tls.certificate and http.tls.key, or"
                + " http.allowPlainHttp: true behind a TLS-terminating proxy)",
            null);
      }
      log.warn(
          "HTTP API: plain HTTP on {} (http.allowPlainHttp): tokens and entries cross the network"
              + " in clear text unless a TLS proxy is in front",
          http.bind());
    }
    return Optional.empty();
  }

  private static boolean isLoopback(String bind) throws TlsException {
    try {
      for (InetAddress a : InetAddress.getAllByName(bind)) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (UnknownHostException e) {
      throw new TlsException("http.bind " + bind + ": unknown host", e);
    }
  }

  private static Map<Route, Dispatcher.Handler> routes(
      ApiContext context, DeltaRoutes deltas, LookupRoutes lookups) {
    Ledger ledger = context.ledger();
    RequisitionRoutes requisitions = new RequisitionRoutes(ledger, context.records());
    LogRoutes log = new LogRoutes(ledger::state, context.keys());
    AdminRoutes admin = new AdminRoutes(ledger, context.records(), context.authenticator());
    IspRoutes isps = new IspRoutes(ledger::state, context.ispStatus(), context.records());
    PrometheusMeterRegistry registry = context.registry();
    Map<Route, Dispatcher.Handler> m = new EnumMap<>(Route.class);
    m.put(Route.SUBMIT_REQUISITION, requisitions::submit);
    m.put(Route.VALIDATE_REQUISITION, requisitions::validate);
    m.put(Route.LIST_REQUISITIONS, requisitions::list);
    m.put(Route.GET_REQUISITION, requisitions::get);
    m.put(Route.APPROVE, requisitions::approve);
    m.put(Route.REJECT, requisitions::reject);
    m.put(Route.WITHDRAW, requisitions::withdraw);
    m.put(Route.CHECKPOINT, now(log::checkpoint));
    m.put(Route.KEYS, now(log::keys));
    m.put(Route.VERSIONS, now(log::versions));
    m.put(Route.VERSION, now(log::version));
    m.put(Route.CHANGES, now(log::changes));
    m.put(Route.INCLUSION_PROOF, now(log::inclusion));
    m.put(Route.CONSISTENCY_PROOF, now(log::consistency));
    m.put(Route.DELTA, deltas::delta);
    m.put(Route.SNAPSHOT, now(deltas::snapshot));
    m.put(Route.LOOKUP, now(lookups::single));
    m.put(Route.LOOKUP_BATCH, now(lookups::batch));
    m.put(Route.ISPS, isps::list);
    m.put(Route.AUDIT_EVENTS, admin::events);
    m.put(Route.ADD_PRINCIPAL, admin::add);
    m.put(Route.REVOKE_PRINCIPAL, admin::revoke);
    accountability(context, m);
    m.put(
        Route.METRICS,
        now(
            r ->
                new ApiResponse(
                    HttpResponseStatus.OK,
                    "text/plain; version=0.0.4; charset=utf-8",
                    registry.scrape().getBytes(StandardCharsets.UTF_8),
                    Map.of())));
    m.put(
        Route.HEALTHZ,
        now(
            r ->
                ApiResponse.ok(
                    Views.ordered(
                        "status",
                        "serving",
                        "version",
                        ledger.state().version(),
                        "role",
                        ledger.role().code()))));
    return m;
  }

  /** The routes of reports, reviews, appeals and transparency. */
  private static void accountability(ApiContext context, Map<Route, Dispatcher.Handler> m) {
    ReportRoutes reports = new ReportRoutes(context.desk(), context.accountability());
    ReviewRoutes reviews = new ReviewRoutes(context.desk(), context.accountability());
    AppealRoutes appeals =
        new AppealRoutes(context.desk(), context.accountability(), context.canonicalizer());
    TransparencyRoutes transparency =
        new TransparencyRoutes(context.ledger()::state, context.accountability());
    m.put(Route.SUBMIT_REPORT, reports::submit);
    m.put(Route.LIST_REPORTS, reports::list);
    m.put(Route.DISMISS_REPORT, reports::dismiss);
    m.put(Route.REQUISITION_REPORT, reports::requisition);
    m.put(Route.REVIEWS, reviews::due);
    m.put(Route.RENEW, reviews::renew);
    m.put(Route.SUBMIT_APPEAL, appeals::submit);
    m.put(Route.LIST_APPEALS, appeals::list);
    m.put(Route.ANSWER_APPEAL, appeals::answer);
    m.put(Route.TRANSPARENCY, transparency::figures);
  }

  /** Adapts a handler that answers from memory at once. */
  private static Dispatcher.Handler now(Function<ApiRequest, ApiResponse> handler) {
    return r -> CompletableFuture.completedFuture(handler.apply(r));
  }

  /** The port actually bound (useful with port 0). */
  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /**
   * Stops listening, answers the held long-polls (no new version: {@code to == from}), waits up to
   * {@value #DRAIN_SECONDS} s for the requests in flight to be answered (an approval being
   * committed among them), then closes every connection. The writer is closed after this, by the
   * service, so a commit under way is finished and answered.
   */
  @Override
  public void close() {
    channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    deltas.close();
    try {
      if (!inFlight.awaitNone(TimeUnit.SECONDS.toMillis(DRAIN_SECONDS), ticker)) {
        log.warn(
            "shutting down with {} requests still unanswered after {} s",
            inFlight.count(),
            DRAIN_SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
