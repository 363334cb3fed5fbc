package org.blocklist.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;
import java.util.List;

/**
 * The snapshot text of one version (each entry and {@code \n}), produced in chunks of about {@link
 * #CHUNK_BYTES} from the immutable entry list as the socket drains, so a million-entry snapshot is
 * never built in memory per request.
 */
final class SnapshotInput implements ChunkedInput<ByteBuf> {
  static final int CHUNK_BYTES = 64 * 1024;

  private final List<String> entries;
  private final long length;
  private int next;
  private long progress;

  SnapshotInput(List<String> entries, long length) {
    this.entries = entries;
    this.length = length;
  }

  @Override
  public boolean isEndOfInput() {
    return next >= entries.size();
  }

  @Override
  public void close() {}

  @Deprecated
  @Override
  public ByteBuf readChunk(ChannelHandlerContext ctx) {
    return readChunk(ctx.alloc());
  }

  @Override
  public ByteBuf readChunk(ByteBufAllocator allocator) {
    if (isEndOfInput()) {
      return null;
    }
    ByteBuf chunk = allocator.buffer(CHUNK_BYTES + 256);
    while (next < entries.size() && chunk.readableBytes() < CHUNK_BYTES) {
      String name = entries.get(next++);
      chunk.writeCharSequence(name, java.nio.charset.StandardCharsets.US_ASCII);
      chunk.writeByte('\n');
    }
    progress += chunk.readableBytes();
    return chunk;
  }

  @Override
  public long length() {
    return length;
  }

  @Override
  public long progress() {
    return progress;
  }
}
