package org.blocklist.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * What is needed of a request, copied out of Netty's buffers so that it can wait its turn behind
 * the requests pipelined before it. {@code failure} is the decoder's, null when the request
 * decoded. A request that did not decode is answered and the connection closed: the stream after it
 * can no longer be trusted. {@code headers} are the request's own (not reference-counted, so they
 * outlive the buffers): a mounted face reads a few of them.
 */
record Incoming(
    Throwable failure,
    ApiException refusal,
    boolean head,
    boolean keepAlive,
    boolean http10,
    String method,
    String uri,
    String authorization,
    byte[] body,
    HttpHeaders headers,
    boolean forwarded) {

  static Incoming copyOf(FullHttpRequest r) {
    Throwable failure = r.decoderResult().isSuccess() ? null : r.decoderResult().cause();
    ApiException refusal = failure == null ? refusal(r) : null;
    boolean unsupportedVersion =
        refusal != null && refusal.status() == HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED;
    return new Incoming(
        failure,
        refusal,
        HttpMethod.HEAD.equals(r.method()),
        failure == null && !unsupportedVersion && HttpUtil.isKeepAlive(r),
        r.protocolVersion() == HttpVersion.HTTP_1_0,
        r.method().name(),
        r.uri(),
        r.headers().get(HttpHeaderNames.AUTHORIZATION),
        ByteBufUtil.getBytes(r.content()),
        r.headers(),
        r.headers().contains(WriteForwarder.HEADER));
  }

  /**
   * What HTTP/1.1 itself refuses in a request that decoded (RFC 9110, RFC 9112): a version other
   * than 1.0 and 1.1 (505, and the connection closes), an HTTP/1.1 request without exactly one
   * {@code Host} (400), two {@code Authorization} headers (400: which one would be meant?), a body
   * with a {@code Content-Encoding} other than identity (415: bodies are plain JSON). Null if none.
   */
  private static ApiException refusal(FullHttpRequest r) {
    HttpVersion version = r.protocolVersion();
    if (version.majorVersion() != 1 || version.minorVersion() > 1) {
      return new ApiException(
          HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED,
          "http_version_not_supported",
          version.text() + " is not supported (expected: HTTP/1.1 or HTTP/1.0)");
    }
    int hosts = count(r, HttpHeaderNames.HOST);
    if (version == HttpVersion.HTTP_1_1 && hosts != 1) {
      return ApiException.badRequest(
          hosts == 0
              ? "Host: missing (expected: one Host header in an HTTP/1.1 request)"
              : "Host: given more than once (expected: once)");
    }
    int authorizations = count(r, HttpHeaderNames.AUTHORIZATION);
    if (authorizations > 1) {
      return ApiException.badRequest("Authorization: given more than once (expected: once)");
    }
    String encoding = r.headers().get(HttpHeaderNames.CONTENT_ENCODING);
    if (encoding != null && !encoding.trim().equalsIgnoreCase("identity")) {
      return new ApiException(
          HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
          "unsupported_media_type",
          "Content-Encoding: " + abbreviate(encoding) + " (expected: none; bodies are plain JSON)");
    }
    return null;
  }

  /** How many times {@code name} is given, counted to 2 without copying the values (hot path). */
  private static int count(FullHttpRequest r, CharSequence name) {
    java.util.Iterator<? extends CharSequence> values = r.headers().valueCharSequenceIterator(name);
    int n = 0;
    while (n < 2 && values.hasNext()) {
      values.next();
      n++;
    }
    return n;
  }

  private static String abbreviate(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }
}
