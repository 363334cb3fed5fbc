package org.blocklist.http;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A response before it is encoded: status, content type, body bytes and extra headers. */
record ApiResponse(
    HttpResponseStatus status, String contentType, byte[] body, Map<String, String> headers) {
  static final String JSON = "application/json";
  static final String TEXT = "text/plain; charset=utf-8";

  ApiResponse {
    requireNonNull(status, "status");
    requireNonNull(contentType, "contentType");
    requireNonNull(body, "body");
    headers = Map.copyOf(headers);
  }

  static ApiResponse json(HttpResponseStatus status, Object value) {
    return new ApiResponse(status, JSON, Json.write(value), Map.of());
  }

  static ApiResponse ok(Object value) {
    return json(HttpResponseStatus.OK, value);
  }

  static ApiResponse text(String text) {
    return new ApiResponse(
        HttpResponseStatus.OK, TEXT, text.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  ApiResponse withHeader(String name, String value) {
    Map<String, String> more = new java.util.HashMap<>(headers);
    more.put(name, value);
    return new ApiResponse(status, contentType, body, more);
  }
}
