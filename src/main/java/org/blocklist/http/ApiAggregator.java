package org.blocklist.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Netty's aggregator with the body limit, whose {@code 413} is the JSON error of {@link
 * ErrorMapper} with the headers of every other answer (Netty's own is an empty body). As in Netty,
 * the connection is kept when the client has not begun to send the body and wants to keep it (the
 * rest of that body is then skipped), and closed otherwise.
 */
final class ApiAggregator extends HttpObjectAggregator {
  private final int maxBytes;

  ApiAggregator(int maxBytes) {
    super(maxBytes);
    this.maxBytes = maxBytes;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    boolean keep =
        !(oversized instanceof FullHttpMessage)
            && (HttpUtil.is100ContinueExpected(oversized) || HttpUtil.isKeepAlive(oversized));
    Responses.write(ctx, ErrorMapper.tooLarge(maxBytes), keep, false);
  }
}
