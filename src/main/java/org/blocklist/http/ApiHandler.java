package org.blocklist.http;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.blocklist.auth.Authenticator;
import org.blocklist.auth.Principal;
import org.blocklist.config.Config;

/**
 * Routes, authenticates, rate-limits and answers API requests. Runs on the event loop and never
 * blocks there: store work returns futures, whose results are written back on the channel's loop.
 * One request per connection is in flight at a time ({@code FlowControlHandler} and an explicit
 * {@code read()} after each response), so pipelined requests are answered in order.
 */
@ChannelHandler.Sharable
final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  /** Shortest path segment list we split; longer paths are simply unmatched. */
  private static final int MAX_SEGMENTS = 8;

  private final Map<Route, Function<ApiRequest, CompletableFuture<ApiResponse>>> handlers;
  private final Authenticator authenticator;
  private final RateLimiter limiter;
  private final Config.Limits limits;
  private final byte[] metricsToken;
  private final MeterRegistry registry;

  ApiHandler(
      Map<Route, Function<ApiRequest, CompletableFuture<ApiResponse>>> handlers,
      Authenticator authenticator,
      RateLimiter limiter,
      Config.Limits limits,
      String metricsToken,
      MeterRegistry registry) {
    this.handlers = new EnumMap<>(handlers);
    for (Route r : Route.values()) {
      if (!this.handlers.containsKey(r)) {
        throw new IllegalArgumentException("no handler for route " + r);
      }
    }
    this.authenticator = requireNonNull(authenticator, "authenticator");
    this.limiter = requireNonNull(limiter, "limiter");
    this.limits = requireNonNull(limits, "limits");
    this.metricsToken = metricsToken.getBytes(StandardCharsets.UTF_8);
    this.registry = requireNonNull(registry, "registry");
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ctx.read();
    ctx.fireChannelActive();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    long start = System.nanoTime();
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    if (!request.decoderResult().isSuccess()) {
      write(
          ctx,
          start,
          "unmatched",
          request.method().name(),
          false,
          ErrorMapper.error(
              HttpResponseStatus.BAD_REQUEST,
              "invalid_request",
              "malformed HTTP request",
              List.of()));
      return;
    }
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    String[] path =
        uri.path().length() > 1
            ? uri.path().substring(1).split("/", MAX_SEGMENTS)
            : new String[] {""};
    Route route = null;
    String variable = null;
    boolean otherMethod = false;
    for (Route r : Route.values()) {
      String v = r.match(path);
      if (v != null) {
        if (r.method().equals(request.method())) {
          route = r;
          variable = v;
          break;
        }
        otherMethod = true;
      }
    }
    String method = request.method().name();
    if (route == null) {
      ApiResponse r =
          otherMethod
              ? ErrorMapper.error(
                  HttpResponseStatus.METHOD_NOT_ALLOWED,
                  "method_not_allowed",
                  method + " is not allowed on " + uri.path(),
                  List.of())
              : ErrorMapper.error(
                  HttpResponseStatus.NOT_FOUND, "not_found", "no route " + uri.path(), List.of());
      write(ctx, start, "unmatched", method, keepAlive, r);
      return;
    }
    Route matched = route;
    ApiRequest.Builder builder =
        new ApiRequest.Builder(
            matched, variable, uri.parameters(), ByteBufUtil.getBytes(request.content()));
    String address = address(ctx);
    String token = bearer(request.headers().get(HttpHeaderNames.AUTHORIZATION));
    if (matched.isOpen()) {
      ApiResponse refused = openRouteRefusal(matched, token, address);
      if (refused != null) {
        write(ctx, start, matched.name(), method, keepAlive, refused);
        return;
      }
      dispatch(ctx, start, keepAlive, builder.build(null));
      return;
    }
    authenticator
        .authenticate(token)
        .whenCompleteAsync(
            (principal, failure) -> {
              if (failure != null) {
                write(ctx, start, matched.name(), method, keepAlive, ErrorMapper.map(failure));
                return;
              }
              ApiResponse refused = authRefusal(matched, principal, address);
              if (refused != null) {
                write(ctx, start, matched.name(), method, keepAlive, refused);
                return;
              }
              dispatch(ctx, start, keepAlive, builder.build(principal.get()));
            },
            ctx.executor());
  }

  private ApiResponse openRouteRefusal(Route route, String token, String address) {
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
    if (!limiter.tryAcquire("address " + address, limits.requestsPerSecondPerAddress())) {
      return rateLimited();
    }
    return null;
  }

  private ApiResponse authRefusal(Route route, Optional<Principal> principal, String address) {
    if (principal.isEmpty()) {
      if (!limiter.tryAcquire("address " + address, limits.requestsPerSecondPerAddress())) {
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
    if (!limiter.tryAcquire("principal " + p.name(), limits.requestsPerSecond(p.role().code()))) {
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

  private void dispatch(
      ChannelHandlerContext ctx, long start, boolean keepAlive, ApiRequest request) {
    CompletableFuture<ApiResponse> response;
    try {
      response = handlers.get(request.route()).apply(request);
    } catch (RuntimeException e) {
      response = CompletableFuture.failedFuture(e);
    }
    String route = request.route().name();
    String method = request.route().method().name();
    response.whenCompleteAsync(
        (r, failure) ->
            write(
                ctx,
                start,
                route,
                method,
                keepAlive,
                failure == null ? r : ErrorMapper.map(failure)),
        ctx.executor());
  }

  private void write(
      ChannelHandlerContext ctx,
      long start,
      String route,
      String method,
      boolean keepAlive,
      ApiResponse r) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            io.netty.handler.codec.http.HttpVersion.HTTP_1_1,
            r.status(),
            Unpooled.wrappedBuffer(r.body()));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
    response.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
    response.headers().set("X-Content-Type-Options", "nosniff");
    r.headers().forEach((name, value) -> response.headers().set(name, value));
    if (keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      ctx.writeAndFlush(response).addListener(f -> ctx.read());
    } else {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
    Timer.builder("blocklist.http.requests")
        .description("API requests by route, method and status")
        .tags("route", route, "method", method, "status", Integer.toString(r.status().code()))
        .register(registry)
        .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
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

  private static String address(ChannelHandlerContext ctx) {
    return ctx.channel().remoteAddress() instanceof InetSocketAddress a
        ? a.getAddress().getHostAddress()
        : "unknown";
  }
}
