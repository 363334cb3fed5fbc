package org.blocklist.stoppage;

import static java.util.Objects.requireNonNull;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
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
 *   <li>{@code POST /appeal} (the stop page's form, on any host): the appeal is handed to {@link
 *       Appeals} and the answer is the same thank-you page whether the host is listed or not;
 *   <li>{@code GET /transparency} (any host): the public figures ({@link TransparencyPage});
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
  /** Where the appeal form posts, on any host. */
  static final String APPEAL_PATH = "/appeal";

  /** The public figures, on any host. */
  static final String TRANSPARENCY_PATH = "/transparency";

  private final Pages pages;
  private final BlockedHosts blocked;
  private final AddressRateLimiter limiter;
  private final Appeals appeals;
  private final Figures figures;

  StopPageHandler(Pages pages, BlockedHosts blocked, AddressRateLimiter limiter) {
    this(pages, blocked, limiter, Appeals.NONE, Figures.NONE);
  }

  StopPageHandler(
      Pages pages,
      BlockedHosts blocked,
      AddressRateLimiter limiter,
      Appeals appeals,
      Figures figures) {
    this.pages = requireNonNull(pages, "pages");
    this.blocked = requireNonNull(blocked, "blocked");
    this.limiter = requireNonNull(limiter, "limiter");
    this.appeals = requireNonNull(appeals, "appeals");
    this.figures = requireNonNull(figures, "figures");
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
    String path = path(request.uri());
    if (APPEAL_PATH.equals(path) && HttpMethod.POST.equals(request.method())) {
      appeal(ctx, request, keepAlive);
      return;
    }
    if (TRANSPARENCY_PATH.equals(path) && (head || HttpMethod.GET.equals(request.method()))) {
      transparency(ctx, head, keepAlive, transparencyLanguage(request));
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
    write(ctx, pages.blocked(acceptedLanguage(request)).response(head, keepAlive), keepAlive);
  }

  private static Language acceptedLanguage(FullHttpRequest request) {
    List<String> accept = request.headers().getAll(HttpHeaderNames.ACCEPT_LANGUAGE);
    return AcceptLanguage.choose(accept.isEmpty() ? null : String.join(",", accept));
  }

  /** {@code ?lang=} when it names one of ours (the page's own links), else Accept-Language. */
  private static Language transparencyLanguage(FullHttpRequest request) {
    List<String> lang;
    try {
      lang =
          new QueryStringDecoder(request.uri(), StandardCharsets.UTF_8, true, 4)
              .parameters()
              .get("lang");
    } catch (IllegalArgumentException e) {
      lang = null;
    }
    Language chosen = lang == null || lang.size() != 1 ? null : Language.ofTag(lang.get(0));
    return chosen != null ? chosen : acceptedLanguage(request);
  }

  /**
   * An appeal from the form: the same answer for every host, listed or not (no oracle), in the
   * language the form came in; the message is stored through {@link Appeals}, off the loop.
   */
  private void appeal(ChannelHandlerContext ctx, FullHttpRequest request, boolean keepAlive) {
    String host = RequestHost.of(request);
    if (host == null) {
      write(ctx, pages.badRequest().response(false, false), false);
      return;
    }
    String message;
    Language language;
    try {
      QueryStringDecoder form =
          new QueryStringDecoder(
              request.content().toString(StandardCharsets.UTF_8), StandardCharsets.UTF_8, false, 4);
      language = language(form.parameters().get("lang"));
      List<String> m = form.parameters().get("message");
      message = m == null || m.size() != 1 ? "" : m.get(0);
    } catch (IllegalArgumentException e) {
      write(ctx, pages.invalidAppeal(Language.DEFAULT).response(false, keepAlive), keepAlive);
      return;
    }
    Language l = language;
    appeals
        .receive(host, message, l.tag(), ctx.channel().remoteAddress())
        .whenComplete(
            (outcome, e) -> {
              Page page =
                  e != null
                      ? pages.unavailable()
                      : switch (outcome) {
                        case STORED -> pages.thanks(l);
                        case INVALID -> pages.invalidAppeal(l);
                        case RATE_LIMITED -> pages.tooManyRequests();
                        case UNAVAILABLE -> pages.unavailable();
                      };
              ctx.executor().execute(() -> write(ctx, page.response(false, keepAlive), keepAlive));
            });
  }

  private void transparency(
      ChannelHandlerContext ctx, boolean head, boolean keepAlive, Language language) {
    figures
        .months()
        .whenComplete(
            (months, e) -> {
              Page page =
                  e != null
                      ? pages.unavailable()
                      : new Page(
                          io.netty.handler.codec.http.HttpResponseStatus.OK,
                          Pages.HTML,
                          Pages.utf8(TransparencyPage.render(months, language)),
                          varyLanguage());
              ctx.executor().execute(() -> write(ctx, page.response(head, keepAlive), keepAlive));
            });
  }

  private static Language language(List<String> tags) {
    Language l = tags == null || tags.size() != 1 ? null : Language.ofTag(tags.get(0));
    return l == null ? Language.DEFAULT : l;
  }

  private static HttpHeaders varyLanguage() {
    HttpHeaders h = Pages.security();
    h.set(HttpHeaderNames.VARY, HttpHeaderNames.ACCEPT_LANGUAGE);
    return h;
  }

  /** The path of a request target (origin or absolute form), without its query. */
  static String path(String uri) {
    String u = uri;
    int scheme = u.indexOf("://");
    if (scheme > 0 && scheme < 6) {
      int slash = u.indexOf('/', scheme + 3);
      u = slash < 0 ? "/" : u.substring(slash);
    }
    int q = u.indexOf('?');
    return q < 0 ? u : u.substring(0, q);
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
