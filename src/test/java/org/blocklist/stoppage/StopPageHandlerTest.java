package org.blocklist.stoppage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.blocklist.transport.ConnectionLimit;
import org.junit.jupiter.api.Test;

/** The handler alone, and the whole pipeline, in an {@link EmbeddedChannel}. */
class StopPageHandlerTest {
  private final List<String> asked = new ArrayList<>();
  private final StopPageHandler handler =
      new StopPageHandler(
          new Pages("+32 2 000 00 00"),
          host -> {
            asked.add(host);
            return host.equals("blocked.example");
          });

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
            });
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
