package org.blocklist.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequestDecoder;
import java.util.List;

/**
 * Netty's request decoder, which also says whether it is in the middle of a request head it has not
 * emitted yet: a pipelined request whose first bytes came in the same read as the end of the one
 * before, so that {@link RequestDeadlines} gives it the head deadline, not the idle one.
 */
final class ApiRequestDecoder extends HttpRequestDecoder {
  /** A request line was parsed whose head has not been emitted yet. */
  private boolean headBegun;

  ApiRequestDecoder(int maxInitialLine, int maxHeaderBytes, int maxChunkBytes) {
    super(maxInitialLine, maxHeaderBytes, maxChunkBytes);
  }

  @Override
  protected HttpMessage createMessage(String[] initialLine) throws Exception {
    headBegun = true;
    return super.createMessage(initialLine);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out)
      throws Exception {
    int before = out.size();
    super.decode(ctx, buffer, out);
    for (int i = before; i < out.size(); i++) {
      if (out.get(i) instanceof HttpMessage) {
        headBegun = false;
      }
    }
  }

  /** Whether bytes were read that no decoded message accounts for yet. */
  boolean midRequest() {
    return headBegun || actualReadableBytes() > 0;
  }
}
