package org.blocklist.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * What is needed of a request, copied out of Netty's buffers so that it can wait its turn behind
 * the requests pipelined before it. {@code failure} is the decoder's, null when the request
 * decoded. A request that did not decode is answered and the connection closed: the stream after it
 * can no longer be trusted.
 */
record Incoming(
    Throwable failure,
    boolean head,
    boolean keepAlive,
    boolean http10,
    String method,
    String uri,
    String authorization,
    byte[] body) {

  static Incoming copyOf(FullHttpRequest r) {
    Throwable failure = r.decoderResult().isSuccess() ? null : r.decoderResult().cause();
    return new Incoming(
        failure,
        HttpMethod.HEAD.equals(r.method()),
        failure == null && HttpUtil.isKeepAlive(r),
        r.protocolVersion() == HttpVersion.HTTP_1_0,
        r.method().name(),
        r.uri(),
        r.headers().get(HttpHeaderNames.AUTHORIZATION),
        ByteBufUtil.getBytes(r.content()));
  }
}
