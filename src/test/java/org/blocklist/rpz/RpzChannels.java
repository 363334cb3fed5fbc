package org.blocklist.rpz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Message;

/**
 * The RPZ server's pipelines on {@link EmbeddedChannel}s whose peer is a real-looking IP address,
 * with helpers to send a query and read every message written back. Every buffer read is released.
 */
final class RpzChannels {
  static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 40000);
  static final InetSocketAddress ELSEWHERE = new InetSocketAddress("192.0.2.7", 40000);
  static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 8053);

  private RpzChannels() {}

  /** A TCP connection from {@code remote} through {@link RpzServer#initTcp}. */
  static EmbeddedChannel tcp(RpzServer server, InetSocketAddress remote) {
    EmbeddedChannel ch = new PeerChannel(remote);
    server.initTcp(ch.pipeline());
    return ch;
  }

  /** The UDP channel of the server (its peer is given per datagram). */
  static EmbeddedChannel udp(RpzServer server) {
    return new EmbeddedChannel(server.udpHandler());
  }

  /** Writes {@code wire} as one TCP frame (two-byte length first). */
  static void sendTcp(EmbeddedChannel ch, byte[] wire) {
    ByteBuf frame = Unpooled.buffer(2 + wire.length);
    frame.writeShort(wire.length).writeBytes(wire);
    ch.writeInbound(frame);
  }

  /** Every message written back on a TCP channel so far, each frame checked and released. */
  static List<Message> tcpAnswers(EmbeddedChannel ch) {
    List<byte[]> frames = tcpFrames(ch);
    List<Message> out = new ArrayList<>();
    for (byte[] f : frames) {
      out.add(parse(f));
    }
    return out;
  }

  /** The raw messages written back on a TCP channel so far (without their length prefix). */
  static List<byte[]> tcpFrames(EmbeddedChannel ch) {
    ByteBuf all = Unpooled.buffer();
    try {
      for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
        all.writeBytes(b);
        b.release();
      }
      List<byte[]> out = new ArrayList<>();
      while (all.isReadable()) {
        int length = all.readUnsignedShort();
        assertTrue(all.readableBytes() >= length, "a frame cut short");
        out.add(ByteBufUtil.getBytes(all.readSlice(length)));
      }
      return out;
    } finally {
      all.release();
    }
  }

  /** Sends one datagram from {@code sender}; returns the answer datagram, or null for none. */
  static byte[] udpExchange(EmbeddedChannel ch, InetSocketAddress sender, byte[] wire) {
    ch.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(wire), LOCAL, sender));
    DatagramPacket answer = ch.readOutbound();
    if (answer == null) {
      return null;
    }
    try {
      assertTrue(answer.recipient().equals(sender), "answered to " + answer.recipient());
      return ByteBufUtil.getBytes(answer.content());
    } finally {
      answer.release();
    }
  }

  static Message parse(byte[] wire) {
    try {
      return new Message(wire);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An embedded channel that says its peer is {@code remote}, as a socket would. */
  private static final class PeerChannel extends EmbeddedChannel {
    private final InetSocketAddress remote;

    PeerChannel(InetSocketAddress remote) {
      super(false, false);
      this.remote = remote;
      register0();
    }

    private void register0() {
      try {
        register();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    protected SocketAddress remoteAddress0() {
      return remote;
    }

    @Override
    protected SocketAddress localAddress0() {
      return LOCAL;
    }
  }
}
