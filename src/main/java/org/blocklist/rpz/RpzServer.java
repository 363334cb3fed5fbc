package org.blocklist.rpz;

import static java.util.Objects.requireNonNull;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * The RPZ zone served over DNS, without the sockets: a UDP channel with {@link #udpHandler()} and a
 * TCP listener whose children {@link #initTcp} sets up, on the same port, as {@link ZoneSockets}
 * binds them. The server's face ({@code dns}) and the ISP's sync agent both give it the zone
 * through the {@link ZoneSource} port and hear of transfers through {@link TransferListener}; they
 * tell their secondaries of new versions with a {@link Notifier}. What is answered, and how, is
 * {@link Responder}'s.
 */
public final class RpzServer {
  private final RpzZone zone;
  private final Responder responder;
  private final RpzLimits limits;
  private final UdpQueryHandler udp;

  /**
   * @param udpGate admits UDP queries by source address (a rate limit), or {@link AddressGate#OPEN}
   * @param clock the time of TSIG signatures (BADTIME)
   */
  public RpzServer(
      RpzZone zone,
      ZoneSource source,
      TransferAccess access,
      TransferListener listener,
      RpzLimits limits,
      AddressGate udpGate,
      Clock clock) {
    this.zone = requireNonNull(zone, "zone");
    this.limits = requireNonNull(limits, "limits");
    this.responder = new Responder(zone, source, access, listener, limits, clock);
    this.udp = new UdpQueryHandler(responder, udpGate);
  }

  /** The zone's records (origin, SOA, actions). */
  public RpzZone zone() {
    return zone;
  }

  /** The handler of the UDP channel (sharable). */
  public ChannelHandler udpHandler() {
    return udp;
  }

  /**
   * Adds, at the end of {@code pipeline} of a new TCP connection: the idle timeout, the framing of
   * queries (two-byte length, at most {@link RpzLimits#maxQueryBytes()}), the streaming of
   * transfers, and the query handler.
   */
  public void initTcp(ChannelPipeline pipeline) {
    pipeline.addLast(new IdleStateHandler(0, 0, limits.idleSeconds(), TimeUnit.SECONDS));
    pipeline.addLast(new LengthFieldBasedFrameDecoder(limits.maxQueryBytes(), 0, 2, 0, 2));
    pipeline.addLast(new ChunkedWriteHandler());
    pipeline.addLast(new TcpQueryHandler(responder));
  }
}
