package org.blocklist.rpz;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Tells secondaries of a new version (NOTIFY, <a href="https://www.rfc-editor.org/rfc/rfc1996">RFC
 * 1996</a>): to each target, a NOTIFY for the zone with the new SOA in its answer section, over
 * UDP, repeated until the target answers it, after {@value #FIRST_RETRY_MILLIS} ms, then twice as
 * long each time up to every {@value #MAX_RETRY_SECONDS} s, for as long as it takes. A newer
 * version replaces the one being announced. An answer other than NOERROR also ends the retries,
 * with a warning (the secondary will not take NOTIFY from us). Everything runs on the event loop of
 * the datagram channel this handler is in; {@link #announce} may be called from any thread (the
 * writer) and returns at once.
 */
public final class Notifier extends SimpleChannelInboundHandler<DatagramPacket> {
  static final long FIRST_RETRY_MILLIS = 1000;

  static final long MAX_RETRY_SECONDS = 60;

  /** Unanswered NOTIFYs to one target before a warning is logged. */
  static final int WARN_AFTER = 5;

  private static final Logger log = LoggerFactory.getLogger(Notifier.class);

  private final RpzZone zone;
  private final Map<InetSocketAddress, Target> targets = new LinkedHashMap<>();
  private final RandomGenerator ids;
  private volatile Channel channel;

  /**
   * @param ids the source of message ids (they should be hard to guess: an answer with the right id
   *     ends the retries)
   */
  public Notifier(RpzZone zone, List<InetSocketAddress> targets, RandomGenerator ids) {
    this.zone = requireNonNull(zone, "zone");
    this.ids = requireNonNull(ids, "ids");
    for (InetSocketAddress t : targets) {
      this.targets.put(t, new Target(t));
    }
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel();
  }

  /** Announces {@code version} to every target (returns at once). */
  public void announce(long version) {
    Channel ch = requireNonNull(channel, "the notifier is in no channel yet");
    ch.eventLoop().execute(() -> targets.values().forEach(t -> t.start(version)));
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
    Target target = targets.get(packet.sender());
    if (target == null) {
      return;
    }
    Message answer;
    try {
      answer = new Message(ByteBufUtil.getBytes(packet.content()));
    } catch (IOException e) {
      return;
    }
    target.answered(answer);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("NOTIFY: {}", cause.toString());
  }

  /** One secondary and the announcement under way to it; touched on the event loop only. */
  private final class Target {
    private final InetSocketAddress address;
    private long version = -1;
    private int id;
    private int attempts;
    private boolean done = true;
    private ScheduledFuture<?> retry;

    Target(InetSocketAddress address) {
      this.address = address;
    }

    void start(long newVersion) {
      if (newVersion < version) {
        return;
      }
      version = newVersion;
      attempts = 0;
      done = false;
      send();
    }

    private void send() {
      if (retry != null) {
        retry.cancel(false);
      }
      id = ids.nextInt(0x10000);
      attempts++;
      if (attempts == WARN_AFTER + 1) {
        log.warn(
            "NOTIFY of version {} to {}: no answer after {} tries; still trying, at most {} s apart",
            version,
            address,
            WARN_AFTER,
            MAX_RETRY_SECONDS);
      }
      channel.writeAndFlush(
          new DatagramPacket(Unpooled.wrappedBuffer(message().toWire()), address));
      long delay =
          Math.min(
              FIRST_RETRY_MILLIS << Math.min(attempts - 1, 16),
              TimeUnit.SECONDS.toMillis(MAX_RETRY_SECONDS));
      retry = channel.eventLoop().schedule(this::send, delay, TimeUnit.MILLISECONDS);
    }

    private Message message() {
      Message m = new Message(id);
      m.getHeader().setOpcode(Opcode.NOTIFY);
      m.getHeader().setFlag(Flags.AA);
      m.addRecord(Record.newRecord(zone.origin(), Type.SOA, DClass.IN), Section.QUESTION);
      m.addRecord(zone.soa(version), Section.ANSWER);
      return m;
    }

    void answered(Message answer) {
      if (done
          || answer.getHeader().getID() != id
          || !answer.getHeader().getFlag(Flags.QR)
          || answer.getHeader().getOpcode() != Opcode.NOTIFY) {
        return;
      }
      done = true;
      retry.cancel(false);
      if (answer.getRcode() != Rcode.NOERROR) {
        log.warn(
            "NOTIFY of version {} to {} answered {}: not repeated (is this server its primary?)",
            version,
            address,
            Rcode.string(answer.getRcode()));
      } else {
        log.debug("NOTIFY of version {} to {} acknowledged", version, address);
      }
    }
  }
}
