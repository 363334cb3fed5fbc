package org.blocklist.stoppage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.blocklist.transport.AddressRateLimiter;
import org.blocklist.transport.ConnectionLimit;
import org.junit.jupiter.api.Test;

/** The handler alone, and the whole pipeline, in an {@link EmbeddedChannel}. */
class StopPageHandlerTest {
  private static final AddressRateLimiter UNLIMITED =
      new AddressRateLimiter(0, 1, 1, Ticker.systemTicker());

  private final List<String> asked = new ArrayList<>();
  private final StopPageHandler handler =
      new StopPageHandler(
          new Pages("+32 2 000 00 00"),
          host -> {
            asked.add(host);
            return host.equals("blocked.example");
          },
          UNLIMITED);

  private static FullHttpRequest request(HttpMethod method, String host) {
    FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, "/p?q");
    if (host != null) {
      r.headers().set(HttpHeaderNames.HOST, host);
    }
    return r;
  }

  @Test
  void get_blockedHost_writes451() {
    EmbeddedChannel channel = new EmbeddedChannel(handler);
    FullHttpRequest request = request(HttpMethod.GET, "blocked.example");
    request.headers().set(HttpHeaderNames.ACCEPT_LANGUAGE, "nl-BE");

    assertFalse(channel.writeInbound(request));
    FullHttpResponse response = channel.readOutbound();
    try {
      assertEquals(451, response.status().code());
      assertEquals("nl", response.headers().get(HttpHeaderNames.CONTENT_LANGUAGE));
      String body = response.content().toString(StandardCharsets.UTF_8);
      assertTrue(body.contains("<html lang=\"nl\">"), body);
      assertEquals(
          response.content().readableBytes(),
          response.headers().getInt(HttpHeaderNames.CONTENT_LENGTH));
      assertEquals("keep-alive", response.headers().get(HttpHeaderNames.CONNECTION));
    } finally {
      response.release();
    }
    assertEquals(0, request.refCnt());
    assertTrue(channel.isOpen());
    assertEquals(List.of("blocked.example"), asked);
    assertFalse(channel.finish());
  }

  @Test
  void get_twice_sharesThePageBytesWithoutCopyingOrConsumingThem() {
    EmbeddedChannel channel = new EmbeddedChannel(handler);
    channel.writeInbound(request(HttpMethod.GET, "blocked.example"));
    channel.writeInbound(request(HttpMethod.GET, "blocked.example"));
    FullHttpResponse first = channel.readOutbound();
    FullHttpResponse second = channel.readOutbound();
    try {
      assertEquals(first.content(), second.content());
      assertTrue(first.content().isReadOnly());
      first.content().skipBytes(10);
      assertEquals(0, second.content().readerIndex());
    } finally {
      first.release();
      second.release();
    }
    assertFalse(channel.finish());
  }

  @Test
  void head_otherHost_writes404HeadersWithAnEmptyBody() {
    EmbeddedChannel channel = new EmbeddedChannel(handler);
    channel.writeInbound(request(HttpMethod.HEAD, "other.example"));
    FullHttpResponse response = channel.readOutbound();
    try {
      assertEquals(404, response.status().code());
      assertEquals(0, response.content().readableBytes());
      assertTrue(response.headers().getInt(HttpHeaderNames.CONTENT_LENGTH) > 0);
      assertNull(response.headers().get(HttpHeaderNames.VARY));
    } finally {
      response.release();
    }
    assertFalse(channel.finish());
  }

  @Test
  void get_overTheRate_writes429WithRetryAfter_withoutLookingUpTheHost() {
    AtomicLong nanos = new AtomicLong();
    StopPageHandler limited =
        new StopPageHandler(
            new Pages("+32 2 000 00 00"),
            host -> {
              asked.add(host);
              return host.equals("blocked.example");
            },
            new AddressRateLimiter(1, 1, 10, nanos::get));
    EmbeddedChannel channel = new EmbeddedChannel(limited);
    channel.writeInbound(request(HttpMethod.GET, "blocked.example"));
    channel.writeInbound(request(HttpMethod.GET, "blocked.example"));
    channel.writeInbound(request(HttpMethod.HEAD, "other.example"));
    FullHttpResponse allowed = channel.readOutbound();
    FullHttpResponse refused = channel.readOutbound();
    FullHttpResponse refusedHead = channel.readOutbound();
    try {
      assertEquals(451, allowed.status().code());
      assertEquals(429, refused.status().code());
      assertEquals("1", refused.headers().get(HttpHeaderNames.RETRY_AFTER));
      assertEquals("text/html; charset=utf-8", refused.headers().get(HttpHeaderNames.CONTENT_TYPE));
      assertEquals("no-store", refused.headers().get(HttpHeaderNames.CACHE_CONTROL));
      assertEquals(
          Pages.CONTENT_SECURITY_POLICY,
          refused.headers().get(HttpHeaderNames.CONTENT_SECURITY_POLICY));
      assertEquals("nosniff", refused.headers().get("X-Content-Type-Options"));
      assertEquals("no-referrer", refused.headers().get("Referrer-Policy"));
      assertEquals("keep-alive", refused.headers().get(HttpHeaderNames.CONNECTION));
      assertTrue(
          refused
              .content()
              .toString(StandardCharsets.UTF_8)
              .contains("<h1>Too many requests</h1>"));
      assertEquals(429, refusedHead.status().code());
      assertEquals(0, refusedHead.content().readableBytes());
    } finally {
      allowed.release();
      refused.release();
      refusedHead.release();
    }
    assertEquals(List.of("blocked.example"), asked, "only the request within the rate");

    nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
    channel.writeInbound(request(HttpMethod.GET, "other.example"));
    FullHttpResponse later = channel.readOutbound();
    try {
      assertEquals(404, later.status().code(), "a second later, a token is back");
    } finally {
      later.release();
    }
    assertTrue(channel.isOpen());
    assertFalse(channel.finish());
  }

  @Test
  void delete_writes405AndKeepsTheConnection() {
    EmbeddedChannel channel = new EmbeddedChannel(handler);
    channel.writeInbound(request(HttpMethod.DELETE, "blocked.example"));
    FullHttpResponse response = channel.readOutbound();
    try {
      assertEquals(405, response.status().code());
      assertEquals("GET, HEAD", response.headers().get(HttpHeaderNames.ALLOW));
    } finally {
      response.release();
    }
    assertTrue(channel.isOpen());
    assertTrue(asked.isEmpty());
    assertFalse(channel.finish());
  }

  @Test
  void get_withoutHost_writes400AndCloses() {
    EmbeddedChannel channel = new EmbeddedChannel(handler);
    channel.writeInbound(request(HttpMethod.GET, null));
    FullHttpResponse response = channel.readOutbound();
    try {
      assertEquals(400, response.status().code());
      assertEquals("close", response.headers().get(HttpHeaderNames.CONNECTION));
    } finally {
      response.release();
    }
    assertFalse(channel.isOpen());
    assertFalse(channel.finish());
  }

  @Test
  void blockedHostsThrowing_closesWithoutAnswering() {
    StopPageHandler failing =
        new StopPageHandler(
            new Pages("1"),
            host -> {
              throw new IllegalStateException("matcher bug");
            },
            UNLIMITED);
    EmbeddedChannel channel = new EmbeddedChannel(failing);
    channel.writeInbound(request(HttpMethod.GET, "blocked.example"));

    assertNull(channel.readOutbound());
    assertFalse(channel.isOpen());
    assertFalse(channel.finish());
  }

  private static EmbeddedChannel pipeline(StopPageHandler handler) {
    return new EmbeddedChannel(new StopPageServer.Initializer(new ConnectionLimit(10), handler));
  }

  private static String drainText(EmbeddedChannel channel) {
    StringBuilder b = new StringBuilder();
    for (ByteBuf buf = channel.readOutbound(); buf != null; buf = channel.readOutbound()) {
      b.append(buf.toString(StandardCharsets.UTF_8));
      buf.release();
    }
    return b.toString();
  }

  @Test
  void pipeline_rawRequest_isDecodedAndAnsweredOnTheWire() {
    EmbeddedChannel channel = pipeline(handler);
    channel.writeInbound(
        Unpooled.copiedBuffer(
            "GET /x HTTP/1.1\r\nHost: blocked.example\r\nAccept-Language: de\r\n\r\n",
            StandardCharsets.US_ASCII));

    String wire = drainText(channel);
    assertTrue(wire.startsWith("HTTP/1.1 451 Unavailable For Legal Reasons\r\n"), wire);
    assertTrue(wire.contains("\r\ncontent-language: de\r\n"), wire);
    assertTrue(wire.endsWith("</html>\n"), wire);
    assertFalse(channel.finish());
  }

  @Test
  void pipeline_requestNotWholeWithinTheDeadline_isClosed() {
    EmbeddedChannel channel = pipeline(handler);
    channel.writeInbound(
        Unpooled.copiedBuffer("GET /x HTTP/1.1\r\nHost: blo", StandardCharsets.US_ASCII));
    channel.advanceTimeBy(StopPageServer.REQUEST_SECONDS - 1, TimeUnit.SECONDS);
    channel.runScheduledPendingTasks();
    assertTrue(channel.isOpen());

    channel.advanceTimeBy(2, TimeUnit.SECONDS);
    channel.runScheduledPendingTasks();

    assertFalse(channel.isOpen());
    assertEquals("", drainText(channel));
    assertTrue(asked.isEmpty());
    assertFalse(channel.finish());
  }

  @Test
  void pipeline_answeredRequest_stopsTheDeadline() {
    EmbeddedChannel channel = pipeline(handler);
    channel.writeInbound(
        Unpooled.copiedBuffer(
            "GET / HTTP/1.1\r\nHost: other.example\r\n\r\n", StandardCharsets.US_ASCII));
    assertTrue(drainText(channel).startsWith("HTTP/1.1 404 Not Found\r\n"));

    channel.advanceTimeBy(StopPageServer.REQUEST_SECONDS + 1, TimeUnit.SECONDS);
    channel.runScheduledPendingTasks();

    assertTrue(channel.isOpen());
    channel.advanceTimeBy(StopPageServer.IDLE_SECONDS, TimeUnit.SECONDS);
    channel.runScheduledPendingTasks();
    assertFalse(channel.isOpen(), "closed when idle");
    assertFalse(channel.finish());
  }
}
