package org.blocklist.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An API pipeline on an {@link EmbeddedChannel}: bytes in as a client writes them, responses out as
 * the wire carries them, and time moved by hand with {@link #advance} (the channel's event loop
 * ticker, which the request deadlines read). Every buffer read out is released.
 */
final class EmbeddedHttp {
  /** One response as it was written on the wire. */
  record Response(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  final EmbeddedChannel channel;
  private final StringBuilder received = new StringBuilder();

  EmbeddedHttp(EmbeddedChannel channel) {
    this.channel = channel;
  }

  /** Writes {@code text} (ISO-8859-1) as the client's next bytes. */
  void send(String text) {
    channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
  }

  /** Moves the channel's clock and runs what became due (deadline checks, timers). */
  void advance(long amount, TimeUnit unit) {
    channel.advanceTimeBy(amount, unit);
    channel.runScheduledPendingTasks();
    channel.runPendingTasks();
  }

  /** Everything written since the last read, as text (for answers without a body: HEAD). */
  String raw() {
    drain();
    String all = received.toString();
    received.setLength(0);
    return all;
  }

  private void drain() {
    channel.runPendingTasks();
    for (Object o; (o = channel.readOutbound()) != null; ) {
      ByteBuf b = (ByteBuf) o;
      try {
        received.append(b.toString(StandardCharsets.ISO_8859_1));
      } finally {
        b.release();
      }
    }
  }

  /** Every complete response written so far and not yet returned, in order. */
  List<Response> responses() {
    drain();
    List<Response> out = new ArrayList<>();
    while (true) {
      int end = received.indexOf("\r\n\r\n");
      if (end < 0) {
        return out;
      }
      String[] lines = received.substring(0, end).split("\r\n");
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
      int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
      if (received.length() < end + 4 + length) {
        return out;
      }
      String body = received.substring(end + 4, end + 4 + length);
      received.delete(0, end + 4 + length);
      out.add(new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, body));
    }
  }

  /** The one response written so far; fails unless there is exactly one. */
  Response response() {
    List<Response> all = responses();
    if (all.size() != 1) {
      throw new AssertionError("expected one response, got " + all);
    }
    return all.get(0);
  }

  /** Ends the test's use of the channel; true if anything was left unread. */
  boolean finish() {
    responses();
    return channel.finishAndReleaseAll();
  }
}
