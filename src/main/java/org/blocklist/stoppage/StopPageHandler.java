package org.blocklist.stoppage;

import static java.util.Objects.requireNonNull;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import java.util.List;
import org.blocklist.transport.AddressRateLimiter;

/**
 * Answers every request from the pre-rendered {@link Pages}: the answer depends on the method, the
 * host the request names and {@code Accept-Language}, never on the path, and nothing from the
 * request is written back. In order:
 *
 * <ol>
 *   <li>a request Netty could not decode: {@code 400}, {@code 414} or {@code 431}, then close;
 *   <li>a source address over its rate ({@link AddressRateLimiter}): {@code 429} with {@code
 *       Retry-After}, the same page whatever the host, so a prober learns nothing more;
 *   <li>a method other than {@code GET} or {@code HEAD}: {@code 405} with {@code Allow: GET, HEAD};
 *   <li>no usable host ({@link RequestHost}): {@code 400}, then close;
 *   <li>a blocked host: {@code 451} in the language {@link AcceptLanguage} chooses;
 *   <li>any other host: {@code 404}.
 * </ol>
 *
 * <p>{@code autoRead} is off: the channel reads again once a response is flushed, so a client that
 * pipelines without reading its answers stops being read. Any exception closes the connection.
 */
@ChannelHandler.Sharable
final class StopPageHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private final Pages pages;
  private final BlockedHosts blocked;
  private final AddressRateLimiter limiter;

  StopPageHandler(Pages pages, BlockedHosts blocked, AddressRateLimiter limiter) {
    this.pages = requireNonNull(pages, "pages");
    this.blocked = requireNonNull(blocked, "blocked");
    this.limiter = requireNonNull(limiter, "limiter");
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ctx.read();
    ctx.fireChannelActive();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    boolean head = HttpMethod.HEAD.equals(request.method());
    if (!request.decoderResult().isSuccess()) {
      write(ctx, pages.undecodable(request.decoderResult()).response(false, false), false);
      return;
    }
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    if (!limiter.tryAcquire(ctx.channel().remoteAddress())) {
      write(ctx, pages.tooManyRequests().response(head, keepAlive), keepAlive);
      return;
    }
    if (!head && !HttpMethod.GET.equals(request.method())) {
      write(ctx, pages.methodNotAllowed().response(false, keepAlive), keepAlive);
      return;
    }
    String host = RequestHost.of(request);
    if (host == null) {
      write(ctx, pages.badRequest().response(head, false), false);
      return;
    }
    if (!blocked.isBlocked(host)) {
      write(ctx, pages.notFound().response(head, keepAlive), keepAlive);
      return;
    }
    List<String> accept = request.headers().getAll(HttpHeaderNames.ACCEPT_LANGUAGE);
    Language language = AcceptLanguage.choose(accept.isEmpty() ? null : String.join(",", accept));
    write(ctx, pages.blocked(language).response(head, keepAlive), keepAlive);
  }

  private static void write(ChannelHandlerContext ctx, FullHttpResponse response, boolean keep) {
    if (keep) {
      ctx.writeAndFlush(response).addListener(f -> ctx.read());
    } else {
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
