package org.blocklist.rpz;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queries over UDP: a source past its {@link AddressGate} is dropped before anything is parsed;
 * every other datagram gets at most one answer datagram (a transfer is never answered over UDP, see
 * {@link Responder}).
 */
@ChannelHandler.Sharable
final class UdpQueryHandler extends SimpleChannelInboundHandler<DatagramPacket> {
  private static final Logger log = LoggerFactory.getLogger(UdpQueryHandler.class);

  private final Responder responder;
  private final AddressGate gate;

  UdpQueryHandler(Responder responder, AddressGate gate) {
    this.responder = requireNonNull(responder, "responder");
    this.gate = requireNonNull(gate, "gate");
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
    if (!gate.tryAcquire(packet.sender())) {
      return;
    }
    byte[] wire = ByteBufUtil.getBytes(packet.content());
    if (responder.answer(wire, packet.sender(), false) instanceof Answer.Reply r) {
      ctx.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(r.wire()), packet.sender()))
          .addListener(
              f -> {
                if (f.isSuccess()) {
                  r.onWritten().run();
                }
              });
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("UDP: {}", cause.toString());
  }
}
