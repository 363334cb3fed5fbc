package org.blocklist.http;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.stream.ChunkedInput;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A response before it is encoded: status, content type, a body given as bytes, as a value encoded
 * to JSON only when it is written (on the event loop, whatever thread produced the value), or as a
 * stream of {@code streamLength} bytes; extra headers; and what to do once it has been written.
 */
record ApiResponse(
    HttpResponseStatus status,
    String contentType,
    byte[] body,
    Object json,
    Map<String, String> headers,
    ChunkedInput<ByteBuf> stream,
    long streamLength,
    Runnable onWritten) {
  static final String JSON = "application/json";
  static final String TEXT = "text/plain; charset=utf-8";
  private static final Runnable NOTHING = () -> {};
  private static final byte[] EMPTY = {};

  ApiResponse {
    requireNonNull(status, "status");
    requireNonNull(contentType, "contentType");
    requireNonNull(body, "body");
    headers = Map.copyOf(headers);
    requireNonNull(onWritten, "onWritten");
  }

  /** Bytes encoded already (an answer from a cache, a text). */
  ApiResponse(
      HttpResponseStatus status, String contentType, byte[] body, Map<String, String> headers) {
    this(status, contentType, body, null, headers, null, 0, NOTHING);
  }

  /** A body written from {@code stream} in chunks, never held whole in memory. */
  static ApiResponse streamed(String contentType, ChunkedInput<ByteBuf> stream, long length) {
    return new ApiResponse(
        HttpResponseStatus.OK, contentType, EMPTY, null, Map.of(), stream, length, NOTHING);
  }

  /** {@code value} as JSON, encoded when the response is written. */
  static ApiResponse json(HttpResponseStatus status, Object value) {
    return new ApiResponse(
        status, JSON, EMPTY, requireNonNull(value, "value"), Map.of(), null, 0, NOTHING);
  }

  static ApiResponse ok(Object value) {
    return json(HttpResponseStatus.OK, value);
  }

  static ApiResponse text(String text) {
    return new ApiResponse(
        HttpResponseStatus.OK, TEXT, text.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  /** The body bytes, encoding the JSON value now if there is one. */
  byte[] encodedBody() {
    return json == null ? body : Json.write(json);
  }

  ApiResponse withHeader(String name, String value) {
    Map<String, String> more = new HashMap<>(headers);
    more.put(name, value);
    return new ApiResponse(status, contentType, body, json, more, stream, streamLength, onWritten);
  }

  /** Runs {@code action} on the event loop once the whole response has been written. */
  ApiResponse onWritten(Runnable action) {
    return new ApiResponse(status, contentType, body, json, headers, stream, streamLength, action);
  }
}
