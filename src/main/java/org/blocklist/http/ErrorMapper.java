package org.blocklist.http;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import org.blocklist.auth.PrincipalException;
import org.blocklist.ledger.NotWriterException;
import org.blocklist.ledger.StoreException;
import org.blocklist.requisition.Detail;
import org.blocklist.requisition.RequisitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become responses: {@code {"error","message","details"}} with the
 * status of DESIGN.md, for every answer that is not a success, those of the connection's own guards
 * (408, 413, 414, 431) included. Unexpected failures are logged here and answered 500 without any
 * detail.
 */
final class ErrorMapper {
  private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

  /** The JSON error body. */
  record ErrorBody(String error, String message, List<Detail> details) {}

  private ErrorMapper() {}

  static ApiResponse map(Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof ApiException e) {
      ApiResponse r = error(e.status(), e.code(), e.getMessage(), List.of());
      for (var h : e.headers().entrySet()) {
        r = r.withHeader(h.getKey(), h.getValue());
      }
      return e.status() == HttpResponseStatus.UNAUTHORIZED
          ? r.withHeader("WWW-Authenticate", "Bearer")
          : r;
    }
    if (t instanceof RequisitionException e) {
      return error(status(e), e.problem().code(), e.getMessage(), e.details());
    }
    if (t instanceof PrincipalException e) {
      return e.kind() == PrincipalException.Kind.EXISTS
          ? error(HttpResponseStatus.CONFLICT, "principal_exists", e.getMessage(), List.of())
          : error(HttpResponseStatus.NOT_FOUND, "not_found", e.getMessage(), List.of());
    }
    if (t instanceof NotWriterException e) {
      return error(
              HttpResponseStatus.SERVICE_UNAVAILABLE,
              "no_writer",
              "no writer can take this write now: nothing was changed; " + e.getMessage(),
              List.of())
          .withHeader("Retry-After", String.valueOf(e.retryAfterSeconds()));
    }
    if (t instanceof StoreException e && e.fenced()) {
      log.warn("a write reached the store after this replica stopped writing: {}", e.getMessage());
      return error(
              HttpResponseStatus.SERVICE_UNAVAILABLE,
              "no_writer",
              "this replica stopped writing: nothing was changed; retry",
              List.of())
          .withHeader("Retry-After", "1");
    }
    if (t instanceof RejectedExecutionException) {
      return error(
              HttpResponseStatus.SERVICE_UNAVAILABLE,
              "unavailable",
              "the service is at capacity; retry shortly",
              List.of())
          .withHeader("Retry-After", "1");
    }
    if (t instanceof StoreException e && e.full()) {
      log.error("store failure: the disk is full; writes are refused until space is freed", t);
      return error(
          HttpResponseStatus.INSUFFICIENT_STORAGE,
          "insufficient_storage",
          "the store's disk is full: nothing was changed; retry once space is freed",
          List.of());
    }
    if (t instanceof StoreException e && e.uncertain()) {
      log.error("store failure: a commit's durability is unknown; the writer has stopped", t);
      return error(
              HttpResponseStatus.SERVICE_UNAVAILABLE,
              "store_failed",
              "the store could not make a commit durable, so this change is not published; the"
                  + " writer has stopped until the service is restarted (its start-up"
                  + " verification decides whether the change was stored); reads go on",
              List.of())
          .withHeader("Retry-After", "60");
    }
    if (t instanceof StoreException) {
      log.error("store failure", t);
      return error(
          HttpResponseStatus.SERVICE_UNAVAILABLE,
          "unavailable",
          "the store is unavailable; nothing was changed",
          List.of());
    }
    log.error("unexpected failure", t);
    return error(
        HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal_error", "internal error", List.of());
  }

  /** The answer to a request the HTTP decoder could not read (the connection then closes). */
  static ApiResponse undecodable(Throwable cause) {
    if (cause instanceof TooLongHttpLineException) {
      return error(
          HttpResponseStatus.REQUEST_URI_TOO_LONG,
          "uri_too_long",
          "the request line is longer than " + ApiServer.MAX_INITIAL_LINE + " bytes",
          List.of());
    }
    if (cause instanceof TooLongHttpHeaderException) {
      return error(
          HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
          "headers_too_large",
          "the request headers are larger than " + ApiServer.MAX_HEADER_BYTES + " bytes",
          List.of());
    }
    if (cause instanceof TooLongFrameException) {
      return error(
          HttpResponseStatus.BAD_REQUEST,
          "invalid_request",
          "a request chunk is too long",
          List.of());
    }
    return error(
        HttpResponseStatus.BAD_REQUEST, "invalid_request", "malformed HTTP request", List.of());
  }

  /** The answer to a request whose head or body did not arrive in time. */
  static ApiResponse timedOut(String what) {
    return error(
        HttpResponseStatus.REQUEST_TIMEOUT,
        "request_timeout",
        "the " + what + " did not arrive in time",
        List.of());
  }

  /** The answer to a request whose body is over the limit. */
  static ApiResponse tooLarge(int maxBytes) {
    return error(
        HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
        "body_too_large",
        "the request body is larger than " + maxBytes + " bytes",
        List.of());
  }

  static ApiResponse error(
      HttpResponseStatus status, String code, String message, List<Detail> details) {
    return ApiResponse.json(status, new ErrorBody(code, message, details));
  }

  private static HttpResponseStatus status(RequisitionException e) {
    return switch (e.problem()) {
      case INVALID_REQUEST, INVALID_DOMAINS, TOO_MANY_DOMAINS -> HttpResponseStatus.BAD_REQUEST;
      case NOT_FOUND -> HttpResponseStatus.NOT_FOUND;
      case FOUR_EYES, NOT_SUBMITTER -> HttpResponseStatus.FORBIDDEN;
      case NOT_PENDING, ALREADY_LISTED, NOT_LISTED -> HttpResponseStatus.CONFLICT;
      case RATE_LIMITED -> HttpResponseStatus.TOO_MANY_REQUESTS;
    };
  }

  private static Throwable unwrap(Throwable t) {
    while (t.getCause() != null
        && (t instanceof CompletionException || t.getCause() instanceof StoreException)) {
      t = t.getCause();
    }
    return t;
  }
}
