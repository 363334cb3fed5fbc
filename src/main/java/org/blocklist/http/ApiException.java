package org.blocklist.http;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A request refused by the HTTP layer itself (bad parameter, auth, rate); mapped by {@link
 * ErrorMapper}.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient HttpResponseStatus status;
  private final String code;

  ApiException(HttpResponseStatus status, String code, String message) {
    super(message, null, false, false);
    this.status = requireNonNull(status, "status");
    this.code = requireNonNull(code, "code");
  }

  static ApiException badRequest(String message) {
    return new ApiException(HttpResponseStatus.BAD_REQUEST, "invalid_request", message);
  }

  static ApiException notFound(String message) {
    return new ApiException(HttpResponseStatus.NOT_FOUND, "not_found", message);
  }

  HttpResponseStatus status() {
    return status;
  }

  String code() {
    return code;
  }
}
