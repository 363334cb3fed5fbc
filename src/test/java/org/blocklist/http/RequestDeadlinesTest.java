package org.blocklist.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The request deadlines of DESIGN.md ({@code limits.headerSeconds}, {@code bodySeconds}, {@code
 * idleSeconds}) on an embedded pipeline whose clock the test moves: no test waits on the wall
 * clock.
 */
class RequestDeadlinesTest {
  private static final int HEADER_SECONDS = 10;
  private static final int BODY_SECONDS = 30;
  private static final int IDLE_SECONDS = 60;
  private static final int BODY_BYTES = 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Answers 200 at once, or holds {@code /hold} requests until {@link #release}. */
  private static final class Responder extends SimpleChannelInboundHandler<FullHttpRequest> {
    final ArrayDeque<ChannelHandlerContext> held = new ArrayDeque<>();

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      if (request.uri().equals("/hold")) {
        held.add(ctx);
      } else {
        answer(ctx);
      }
    }

    void release() {
      answer(held.remove());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close(); // as ApiConnection does
    }

    private static void answer(ChannelHandlerContext ctx) {
      DefaultFullHttpResponse r =
          new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
      r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
      ctx.writeAndFlush(r);
    }
  }

  private final Responder responder = new Responder();

  private EmbeddedHttp http() {
    ApiRequestDecoder decoder = new ApiRequestDecoder(4096, 8192, 8192);
    RequestDeadlines d = new RequestDeadlines(HEADER_SECONDS, BODY_SECONDS, IDLE_SECONDS, decoder);
    return new EmbeddedHttp(
        new EmbeddedChannel(
            d.bytes(),
            decoder,
            new HttpResponseEncoder(),
            d.messages(),
            new ApiAggregator(BODY_BYTES),
            responder));
  }

  @Test
  void aHeadThatStalls_isAnswered408AsTheJsonError_andTheConnectionClosed() throws Exception {
    EmbeddedHttp http = http();
    http.send("GET /x HTTP/1.1\r\nHost: a\r\n");
    http.advance(HEADER_SECONDS * 1000L - 500, TimeUnit.MILLISECONDS);
    assertEquals(0, http.responses().size(), "within the deadline");
    assertTrue(http.channel.isOpen());
    http.advance(1, TimeUnit.SECONDS);
    EmbeddedHttp.Response r = http.response();
    assertEquals(408, r.status());
    assertEquals("close", r.header("connection"));
    assertEquals("application/json", r.header("content-type"));
    assertEquals("no-store", r.header("cache-control"));
    JsonNode body = JSON.readTree(r.body());
    assertEquals("request_timeout", body.get("error").asText());
    assertEquals("the request head did not arrive in time", body.get("message").asText());
    assertTrue(body.get("details").isEmpty());
    assertFalse(http.channel.isOpen());
    assertFalse(http.finish());
  }

  @Test
  void aConnectionThatSendsNothing_isClosedAtTheHeadDeadline_notTheIdleOne() {
    EmbeddedHttp http = http();
    http.advance(HEADER_SECONDS - 1, TimeUnit.SECONDS);
    assertTrue(http.channel.isOpen());
    http.advance(2, TimeUnit.SECONDS);
    assertFalse(http.channel.isOpen(), "closed after headerSeconds, long before idleSeconds");
    assertEquals(0, http.responses().size(), "without an answer: it asked nothing");
    assertFalse(http.finish());
  }

  @Test
  void aBodyThatStalls_isAnswered408_afterBodySeconds() throws Exception {
    EmbeddedHttp http = http();
    http.send("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nabc");
    http.advance(BODY_SECONDS - 1, TimeUnit.SECONDS);
    assertEquals(0, http.responses().size(), "the head arrived: the body has bodySeconds");
    http.advance(2, TimeUnit.SECONDS);
    EmbeddedHttp.Response r = http.response();
    assertEquals(408, r.status());
    assertEquals(
        "the request body did not arrive in time", JSON.readTree(r.body()).get("message").asText());
    assertFalse(http.channel.isOpen());
    assertFalse(http.finish());
  }

  @Test
  void aConnectionIdleBetweenRequests_isClosedAfterIdleSeconds_withoutAnAnswer() {
    EmbeddedHttp http = http();
    http.send("GET /x HTTP/1.1\r\nHost: a\r\n\r\n");
    assertEquals(200, http.response().status());
    http.advance(IDLE_SECONDS - 1, TimeUnit.SECONDS);
    assertTrue(http.channel.isOpen(), "idle for less than idleSeconds");
    http.advance(2, TimeUnit.SECONDS);
    assertEquals(0, http.responses().size(), "no answer: no request was under way");
    assertFalse(http.channel.isOpen());
    assertFalse(http.finish());
  }

  @Test
  void aRequestPipelinedBehindAHeldAnswer_getsItsHeadDeadlineOnlyOnceThatAnswerIsWritten() {
    EmbeddedHttp http = http();
    http.send("GET /hold HTTP/1.1\r\nHost: a\r\n\r\nGET /x HTTP/1.1\r\n");
    http.advance(HEADER_SECONDS * 3L, TimeUnit.SECONDS);
    assertEquals(0, http.responses().size(), "no 408 while the answer before it is prepared");
    assertTrue(http.channel.isOpen());
    responder.release();
    assertEquals(200, http.response().status());
    http.advance(HEADER_SECONDS - 1, TimeUnit.SECONDS);
    assertEquals(0, http.responses().size());
    http.advance(2, TimeUnit.SECONDS);
    assertEquals(408, http.response().status(), "the stalled head, counted from the answer");
    assertFalse(http.finish());
  }

  @Test
  void afterTheAnswersToPipelinedRequests_anIdleConnectionGetsNo408() {
    EmbeddedHttp http = http();
    http.send("GET /hold HTTP/1.1\r\nHost: a\r\n\r\n");
    http.send("GET /x HTTP/1.1\r\nHost: a\r\n\r\n");
    responder.release();
    assertEquals(2, http.responses().size());
    http.advance(IDLE_SECONDS - 1, TimeUnit.SECONDS);
    assertEquals(0, http.responses().size(), "no request is under way: no 408");
    assertTrue(http.channel.isOpen(), "and the idle limit is not reached");
    assertFalse(http.finish());
  }

  @Test
  void anAnswerBeingPrepared_isNotCutAtTheIdleOrHeadDeadline() {
    EmbeddedHttp http = http();
    http.send("GET /hold HTTP/1.1\r\nHost: a\r\n\r\n");
    http.advance(IDLE_SECONDS * 1000L + 1, TimeUnit.MILLISECONDS);
    assertTrue(http.channel.isOpen(), "a long-poll may take longer than idleSeconds");
    responder.release();
    assertEquals(200, http.response().status());
    assertFalse(http.finish());
  }

  @Test
  void anAnswerNeverBegun_isCutByTheBackstop() {
    EmbeddedHttp http = http();
    http.send("GET /hold HTTP/1.1\r\nHost: a\r\n\r\n");
    http.advance(RequestDeadlines.ANSWER_NANOS + 1_000_000_000L, TimeUnit.NANOSECONDS);
    assertFalse(http.channel.isOpen());
    assertFalse(http.finish());
  }

  @Test
  void aBodyOverTheLimit_is413AsTheJsonError_andAKeptConnectionGoesOn() throws Exception {
    EmbeddedHttp http = http();
    String body = "x".repeat(BODY_BYTES + 1);
    http.send(
        "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
    EmbeddedHttp.Response r = http.response();
    assertEquals(413, r.status());
    JsonNode error = JSON.readTree(r.body());
    assertEquals("body_too_large", error.get("error").asText());
    assertEquals(
        "the request body is larger than " + BODY_BYTES + " bytes", error.get("message").asText());
    assertEquals("nosniff", r.header("x-content-type-options"));
    http.send("GET /x HTTP/1.1\r\nHost: a\r\n\r\n");
    assertEquals(200, http.response().status(), "the rest of the body was skipped");
    http.advance(HEADER_SECONDS + 1, TimeUnit.SECONDS);
    assertTrue(http.channel.isOpen(), "no stray 408 after the 413");
    assertFalse(http.finish());
  }
}
