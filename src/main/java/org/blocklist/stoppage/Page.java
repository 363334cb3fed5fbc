package org.blocklist.stoppage;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * One fixed response, rendered once: its status, headers and body bytes. Each answer shares the
 * body through a duplicate of one read-only, unreleasable buffer, so nothing is copied or templated
 * per request and nothing needs releasing.
 */
final class Page {
  private final HttpResponseStatus status;
  private final ByteBuf body;
  private final HttpHeaders headers;

  Page(HttpResponseStatus status, String contentType, byte[] body, HttpHeaders extraHeaders) {
    this.status = status;
    this.body = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(body).asReadOnly());
    HttpHeaders h = new DefaultHttpHeaders();
    h.set(HttpHeaderNames.CONTENT_TYPE, contentType);
    h.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    h.set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Referrer-Policy", "no-referrer");
    h.add(extraHeaders);
    this.headers = h;
  }

  HttpResponseStatus status() {
    return status;
  }

  /** The body bytes (a copy), for tests. */
  byte[] bodyBytes() {
    byte[] copy = new byte[body.readableBytes()];
    body.getBytes(body.readerIndex(), copy);
    return copy;
  }

  /**
   * A new response: the headers, and the body unless {@code head} (a {@code HEAD} answer keeps the
   * {@code Content-Length} of the {@code GET} one); {@code Connection} as {@code keepAlive} says.
   */
  FullHttpResponse response(boolean head, boolean keepAlive) {
    HttpHeaders h = headers.copy();
    h.set(
        HttpHeaderNames.CONNECTION,
        keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
    return new DefaultFullHttpResponse(
        HttpVersion.HTTP_1_1,
        status,
        head ? Unpooled.EMPTY_BUFFER : body.duplicate(),
        h,
        EmptyHttpHeaders.INSTANCE);
  }
}
