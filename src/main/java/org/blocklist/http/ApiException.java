package org.blocklist.http;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;

/**
 * A request refused by the HTTP layer itself (bad parameter, route, auth, rate), with any headers
 * its answer needs; mapped by {@link ErrorMapper}.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient HttpResponseStatus status;
  private final String code;
  private final transient Map<String, String> headers;

  ApiException(HttpResponseStatus status, String code, String message) {
    this(status, code, message, Map.of());
  }

  private ApiException(
      HttpResponseStatus status, String code, String message, Map<String, String> headers) {
    super(message, null, false, false);
    this.status = requireNonNull(status, "status");
    this.code = requireNonNull(code, "code");
    this.headers = Map.copyOf(headers);
  }

  static ApiException badRequest(String message) {
    return new ApiException(HttpResponseStatus.BAD_REQUEST, "invalid_request", message);
  }

  static ApiException notFound(String message) {
    return new ApiException(HttpResponseStatus.NOT_FOUND, "not_found", message);
  }

  static ApiException rateLimited() {
    return new ApiException(
            HttpResponseStatus.TOO_MANY_REQUESTS, "rate_limited", "too many requests; slow down")
        .withHeader("Retry-After", "1");
  }

  ApiException withHeader(String name, String value) {
    Map<String, String> more = new java.util.HashMap<>(headers);
    more.put(name, value);
    return new ApiException(status, code, getMessage(), more);
  }

  HttpResponseStatus status() {
    return status;
  }

  String code() {
    return code;
  }

  Map<String, String> headers() {
    return headers;
  }
}
