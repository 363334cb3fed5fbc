package org.blocklist.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.util.AsciiString;

/**
 * Writes an {@link ApiResponse} on a channel with the headers every API answer carries ({@code
 * Content-Type}, {@code Content-Length}, {@code Cache-Control: no-store}, {@code
 * X-Content-Type-Options: nosniff}, and {@code Connection} when it differs from the default of the
 * request's HTTP version). Used for every answer, errors of the connection's own guards included,
 * so that all look alike.
 */
final class Responses {
  /**
   * Response headers are set only from constants and numbers of ours (and the route's fixed
   * headers), so Netty's per-header validation is skipped on the way out.
   */
  private static final HttpHeadersFactory HEADERS =
      DefaultHttpHeadersFactory.headersFactory().withValidation(false).withNameValidation(false);

  private static final AsciiString X_CONTENT_TYPE_OPTIONS =
      AsciiString.cached("x-content-type-options");
  private static final AsciiString NOSNIFF = AsciiString.cached("nosniff");

  private Responses() {}

  /**
   * Writes and flushes {@code r}; closes the connection after it unless {@code keepAlive}. {@code
   * r.onWritten()} runs once the last byte is written.
   */
  static ChannelFuture write(
      ChannelHandlerContext ctx, ApiResponse r, boolean keepAlive, boolean http10) {
    return write(ctx, r, keepAlive, http10, false);
  }

  /**
   * As {@link #write(ChannelHandlerContext, ApiResponse, boolean, boolean)}; for the answer to a
   * {@code HEAD} ({@code headOnly}) the headers are those of the body, which is not sent, and
   * {@code r.onWritten()} does not run (nothing was delivered).
   */
  static ChannelFuture write(
      ChannelHandlerContext ctx,
      ApiResponse r,
      boolean keepAlive,
      boolean http10,
      boolean headOnly) {
    HttpResponse head;
    if (r.stream() == null) {
      byte[] body = r.encodedBody();
      head =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1,
              r.status(),
              headOnly ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body),
              HEADERS,
              HEADERS);
      head.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    } else {
      head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, r.status(), HEADERS);
      head.headers().set(HttpHeaderNames.CONTENT_LENGTH, r.streamLength());
    }
    head.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
    head.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
    head.headers().set(X_CONTENT_TYPE_OPTIONS, NOSNIFF);
    r.headers().forEach((name, value) -> head.headers().set(name, value));
    if (!keepAlive) {
      head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    } else if (http10) {
      // HTTP/1.1 connections persist by default; an HTTP/1.0 one only when told so.
      head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }
    ChannelFuture written;
    if (r.stream() == null) {
      written = ctx.writeAndFlush(head);
    } else if (headOnly) {
      ctx.write(head);
      written = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
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
          if (f.isSuccess() && !headOnly) {
            r.onWritten().run();
          }
          if (!keepAlive || !f.isSuccess()) {
            ctx.close();
          }
        });
    return written;
  }
}
