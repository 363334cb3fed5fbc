package org.blocklist.http;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.util.AsciiString;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.blocklist.auth.Authenticator;
import org.blocklist.auth.Principal;
import org.blocklist.auth.Role;
import org.blocklist.config.Config;

/**
 * Routes, authenticates, rate-limits and answers API requests. Runs on the event loop and never
 * blocks there: store work returns futures, whose results are written back on the channel's loop.
 * Requests on one connection are answered in order: a pipelined request waits (in the connection's
 * {@link Conversation}) for the response before it. A connection stops reading while {@link
 * #MAX_WAITING} requests wait or while its peer does not take what is written to it.
 */
@ChannelHandler.Sharable
final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  /** Pipelined requests one connection may have waiting before it stops reading. */
  static final int MAX_WAITING = 16;

  private static final AttributeKey<Conversation> CONVERSATION =
      AttributeKey.valueOf(ApiHandler.class, "conversation");

  /**
   * Response headers are set only from constants and numbers of ours (and the route's fixed
   * headers), so Netty's per-header validation is skipped on the way out.
   */
  private static final HttpHeadersFactory RESPONSE_HEADERS =
      DefaultHttpHeadersFactory.headersFactory().withValidation(false).withNameValidation(false);

  private static final AsciiString X_CONTENT_TYPE_OPTIONS =
      AsciiString.cached("x-content-type-options");
  private static final AsciiString NOSNIFF = AsciiString.cached("nosniff");

  private static final Route[] NO_ROUTES = {};
  private static final String[] NO_SEGMENTS = {};

  /** Routes whose template has no variable, by path: found without splitting the path. */
  private static final Map<String, Route[]> EXACT = exactRoutes();

  private static Map<String, Route[]> exactRoutes() {
    Map<String, java.util.List<Route>> byPath = new java.util.HashMap<>();
    for (Route r : Route.values()) {
      if (!r.template().contains("{")) {
        byPath.computeIfAbsent(r.template(), k -> new java.util.ArrayList<>()).add(r);
      }
    }
    Map<String, Route[]> out = new java.util.HashMap<>();
    byPath.forEach((path, routes) -> out.put(path, routes.toArray(new Route[0])));
    return Map.copyOf(out);
  }

  /** Most path segments split; longer paths are simply unmatched. */
  private static final int MAX_SEGMENTS = 8;

  private final Map<Route, Function<ApiRequest, CompletableFuture<ApiResponse>>> handlers;
  private final Authenticator authenticator;
  private final RateLimiter limiter;
  private final Config.Limits limits;

  /** {@code limits.requestsPerSecond} by role ordinal, read on every authenticated request. */
  private final int[] ratePerRole;

  private final byte[] metricsToken;
  private final HttpMetrics metrics;

  ApiHandler(
      Map<Route, Function<ApiRequest, CompletableFuture<ApiResponse>>> handlers,
      Authenticator authenticator,
      RateLimiter limiter,
      Config.Limits limits,
      String metricsToken,
      HttpMetrics metrics) {
    this.handlers = new EnumMap<>(handlers);
    for (Route r : Route.values()) {
      if (!this.handlers.containsKey(r)) {
        throw new IllegalArgumentException("no handler for route " + r);
      }
    }
    this.authenticator = requireNonNull(authenticator, "authenticator");
    this.limiter = requireNonNull(limiter, "limiter");
    this.limits = requireNonNull(limits, "limits");
    this.ratePerRole = new int[Role.values().length];
    for (Role role : Role.values()) {
      ratePerRole[role.ordinal()] = limits.requestsPerSecond(role.code());
    }
    this.metricsToken = metricsToken.getBytes(StandardCharsets.UTF_8);
    this.metrics = requireNonNull(metrics, "metrics");
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    Conversation c = conversation(ctx);
    if (c.closing) {
      return; // read with the request that closes the connection: never answered
    }
    Incoming incoming = Incoming.copyOf(request);
    if (c.answering) {
      c.waiting.add(incoming);
      updateReading(ctx, c);
      return;
    }
    c.answering = true;
    handle(ctx, incoming);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    updateReading(ctx, conversation(ctx));
    ctx.fireChannelWritabilityChanged();
  }

  /**
   * One connection's requests in arrival order: the one being answered and those waiting behind it.
   * Touched on the channel's event loop only.
   */
  private static final class Conversation {
    final ArrayDeque<Incoming> waiting = new ArrayDeque<>();
    boolean answering;
    boolean closing;
  }

  /** The connection's conversation, begun with its first request. */
  private static Conversation conversation(ChannelHandlerContext ctx) {
    Attribute<Conversation> attribute = ctx.channel().attr(CONVERSATION);
    Conversation c = attribute.get();
    if (c == null) {
      c = new Conversation();
      attribute.set(c);
    }
    return c;
  }

  /** Reads while fewer than {@link #MAX_WAITING} requests wait and the peer takes our writes. */
  private static void updateReading(ChannelHandlerContext ctx, Conversation c) {
    boolean read = c.waiting.size() < MAX_WAITING && ctx.channel().isWritable() && !c.closing;
    if (ctx.channel().config().isAutoRead() != read) {
      ctx.channel().config().setAutoRead(read);
    }
  }

  /** The response before has been handed to the channel: answers the next waiting request. */
  private void answered(ChannelHandlerContext ctx, boolean keepAlive) {
    Conversation c = conversation(ctx);
    if (!keepAlive) {
      // The connection closes after this response: nothing behind it is answered.
      c.closing = true;
      c.waiting.clear();
    }
    Incoming next = c.waiting.poll();
    updateReading(ctx, c);
    if (next == null) {
      c.answering = false;
      return;
    }
    handle(ctx, next);
  }

  /** What is needed of a request, copied out of Netty's buffers so it can wait its turn. */
  private record Incoming(
      boolean decoded,
      boolean keepAlive,
      boolean http10,
      String method,
      String uri,
      String authorization,
      byte[] body) {
    static Incoming copyOf(FullHttpRequest r) {
      return new Incoming(
          r.decoderResult().isSuccess(),
          HttpUtil.isKeepAlive(r),
          r.protocolVersion() == HttpVersion.HTTP_1_0,
          r.method().name(),
          r.uri(),
          r.headers().get(HttpHeaderNames.AUTHORIZATION),
          ByteBufUtil.getBytes(r.content()));
    }
  }

  private void handle(ChannelHandlerContext ctx, Incoming request) {
    long start = System.nanoTime();
    Exchange x = new Exchange(ctx, start, request.method(), request.keepAlive(), request.http10());
    if (!request.decoded()) {
      x.route = null;
      write(
          x,
          ErrorMapper.error(
              HttpResponseStatus.BAD_REQUEST,
              "invalid_request",
              "malformed HTTP request",
              List.of()));
      return;
    }
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    Route route = null;
    String variable = null;
    boolean otherMethod = false;
    for (Route r : EXACT.getOrDefault(uri.path(), NO_ROUTES)) {
      if (r.method().name().equals(request.method())) {
        route = r;
        variable = "";
      } else {
        otherMethod = true;
      }
    }
    String[] path =
        route != null
            ? NO_SEGMENTS
            : uri.path().length() > 1
                ? uri.path().substring(1).split("/", MAX_SEGMENTS)
                : new String[] {""};
    for (Route r : route != null ? NO_ROUTES : Route.values()) {
      String v = r.match(path);
      if (v != null) {
        if (r.method().name().equals(request.method())) {
          route = r;
          variable = v;
          break;
        }
        otherMethod = true;
      }
    }
    if (route == null) {
      x.route = null;
      write(
          x,
          otherMethod
              ? ErrorMapper.error(
                  HttpResponseStatus.METHOD_NOT_ALLOWED,
                  "method_not_allowed",
                  request.method() + " is not allowed on " + uri.path(),
                  List.of())
              : ErrorMapper.error(
                  HttpResponseStatus.NOT_FOUND, "not_found", "no route " + uri.path(), List.of()));
      return;
    }
    Route matched = route;
    x.route = matched;
    ApiRequest.Builder builder =
        new ApiRequest.Builder(matched, variable, uri.parameters(), request.body());
    String token = bearer(request.authorization());
    if (matched.isOpen()) {
      ApiResponse refused = openRouteRefusal(matched, token, ctx);
      if (refused != null) {
        write(x, refused);
        return;
      }
      dispatch(x, builder.build(null));
      return;
    }
    onLoop(
        ctx,
        authenticator.authenticate(token),
        (principal, failure) -> {
          if (failure != null) {
            write(x, ErrorMapper.map(failure));
            return;
          }
          ApiResponse refused = authRefusal(matched, principal, ctx);
          if (refused != null) {
            write(x, refused);
            return;
          }
          dispatch(x, builder.build(principal.get()));
        });
  }

  /**
   * Runs {@code action} with the result of {@code future} on the channel's event loop: at once when
   * the future is already complete (the common case: a cached token, an answer from memory), else
   * when it completes.
   */
  private static <T> void onLoop(
      ChannelHandlerContext ctx,
      CompletableFuture<T> future,
      java.util.function.BiConsumer<T, Throwable> action) {
    if (future.isDone() && ctx.executor().inEventLoop()) {
      T value;
      try {
        value = future.join();
      } catch (RuntimeException e) {
        action.accept(null, e);
        return;
      }
      action.accept(value, null);
      return;
    }
    future.whenCompleteAsync(action, ctx.executor());
  }

  /** One request's progress: where to answer, and what to record. */
  private static final class Exchange {
    final ChannelHandlerContext ctx;
    final long start;
    final String method;
    final boolean keepAlive;
    final boolean http10;
    Route route;

    Exchange(
        ChannelHandlerContext ctx, long start, String method, boolean keepAlive, boolean http10) {
      this.ctx = ctx;
      this.start = start;
      this.method = method;
      this.keepAlive = keepAlive;
      this.http10 = http10;
    }
  }

  private ApiResponse openRouteRefusal(Route route, String token, ChannelHandlerContext ctx) {
    if (route == Route.METRICS && metricsToken.length > 0) {
      byte[] given = token == null ? new byte[0] : token.getBytes(StandardCharsets.UTF_8);
      if (!MessageDigest.isEqual(given, metricsToken)) {
        return ErrorMapper.error(
            HttpResponseStatus.UNAUTHORIZED,
            "unauthorized",
            "/metrics needs the metrics token",
            List.of());
      }
    }
    if (!addressAllowed(ctx)) {
      return rateLimited();
    }
    return null;
  }

  private ApiResponse authRefusal(
      Route route, Optional<Principal> principal, ChannelHandlerContext ctx) {
    if (principal.isEmpty()) {
      if (!addressAllowed(ctx)) {
        return rateLimited();
      }
      return ErrorMapper.error(
              HttpResponseStatus.UNAUTHORIZED,
              "unauthorized",
              "a valid bearer token is required",
              List.of())
          .withHeader("WWW-Authenticate", "Bearer");
    }
    Principal p = principal.get();
    if (!route.roles().contains(p.role())) {
      return ErrorMapper.error(
          HttpResponseStatus.FORBIDDEN,
          "forbidden",
          "role " + p.role().code() + " may not call " + route.method() + " " + route.template(),
          List.of());
    }
    int rate = ratePerRole[p.role().ordinal()];
    if (rate > 0 && !limiter.tryAcquire("principal " + p.name(), rate)) {
      return rateLimited();
    }
    return null;
  }

  private static ApiResponse rateLimited() {
    return ErrorMapper.error(
            HttpResponseStatus.TOO_MANY_REQUESTS,
            "rate_limited",
            "too many requests; slow down",
            List.of())
        .withHeader("Retry-After", "1");
  }

  private void dispatch(Exchange x, ApiRequest request) {
    CompletableFuture<ApiResponse> response;
    try {
      response = handlers.get(request.route()).apply(request);
    } catch (RuntimeException e) {
      response = CompletableFuture.failedFuture(e);
    }
    onLoop(
        x.ctx, response, (r, failure) -> write(x, failure == null ? r : ErrorMapper.map(failure)));
  }

  private void write(Exchange x, ApiResponse r) {
    ChannelHandlerContext ctx = x.ctx;
    HttpResponse head;
    if (r.stream() == null) {
      head =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1,
              r.status(),
              Unpooled.wrappedBuffer(r.body()),
              RESPONSE_HEADERS,
              RESPONSE_HEADERS);
      head.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
    } else {
      head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, r.status(), RESPONSE_HEADERS);
      head.headers().set(HttpHeaderNames.CONTENT_LENGTH, r.streamLength());
    }
    head.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
    head.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
    head.headers().set(X_CONTENT_TYPE_OPTIONS, NOSNIFF);
    r.headers().forEach((name, value) -> head.headers().set(name, value));
    if (!x.keepAlive) {
      head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    } else if (x.http10) {
      // HTTP/1.1 connections persist by default; an HTTP/1.0 one only when told so.
      head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }
    ChannelFuture written;
    if (r.stream() == null) {
      written = ctx.writeAndFlush(head);
    } else {
      if (ctx.pipeline().get(ChunkedWriteHandler.class) == null) {
        // Added on the first streamed response only: every other response skips its queue.
        ctx.pipeline().addBefore(ctx.name(), null, new ChunkedWriteHandler());
      }
      ctx.write(head);
      written = ctx.writeAndFlush(new HttpChunkedInput(r.stream()));
    }
    written.addListener(
        f -> {
          if (f.isSuccess()) {
            r.onWritten().run();
          }
          if (!x.keepAlive || !f.isSuccess()) {
            ctx.close();
          }
        });
    long nanos = System.nanoTime() - x.start;
    if (x.route == null) {
      metrics.unmatched(x.method, r.status().code(), nanos);
    } else {
      metrics.request(x.route, r.status().code(), nanos);
    }
    answered(ctx, x.keepAlive);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  private static String bearer(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return authorization.substring(7).trim();
  }

  /** The per-address bucket; the address text is only built when that limit is on. */
  private boolean addressAllowed(ChannelHandlerContext ctx) {
    int rate = limits.requestsPerSecondPerAddress();
    return rate <= 0 || limiter.tryAcquire("address " + address(ctx), rate);
  }

  private static String address(ChannelHandlerContext ctx) {
    return ctx.channel().remoteAddress() instanceof InetSocketAddress a
        ? a.getAddress().getHostAddress()
        : "unknown";
  }
}
