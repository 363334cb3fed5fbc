import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.*;
import io.netty.channel.epoll.*;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.*;

/**
 * The floor of the HTTP benchmark: Netty's HTTP codec and aggregator with a handler that answers
 * nginx's fixed 80-byte JSON, on two epoll event loops like the API. What blocklist adds to a
 * request is the distance to this floor. Run by {@code run.sh} with {@code java -cp
 * target/blocklist.jar NettyFloor.java PORT}.
 */
public class NettyFloor {
  static final byte[] BODY = "{\"domain\":\"www.example-blocked.example\",\"blocked\":true,\"matchedEntry\":\"ex.xyz\"}\n".getBytes();
  public static void main(String[] a) throws Exception {
    
    EventLoopGroup g = new MultiThreadIoEventLoopGroup(2, EpollIoHandler.newFactory());
    new ServerBootstrap().group(g).channel(EpollServerSocketChannel.class)
      .childHandler(new ChannelInitializer<SocketChannel>() {
        protected void initChannel(SocketChannel ch) {
          ch.pipeline().addLast(new HttpServerCodec());
          ch.pipeline().addLast(new HttpObjectAggregator(1 << 20));
          ch.pipeline().addLast(new SimpleChannelInboundHandler<HttpObject>() {
            protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
              if (msg instanceof LastHttpContent) {
                FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(BODY));
                r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json").setInt(HttpHeaderNames.CONTENT_LENGTH, BODY.length);
                ctx.writeAndFlush(r);
              }
            }
          });
        }
      }).bind("127.0.0.1", Integer.parseInt(a[0])).sync().channel().closeFuture().sync();
  }
}
