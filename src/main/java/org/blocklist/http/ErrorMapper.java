package org.blocklist.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import org.blocklist.auth.PrincipalException;
import org.blocklist.ledger.Detail;
import org.blocklist.ledger.LedgerException;
import org.blocklist.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become responses: {@code {"error","message","details"}} with the
 * status of DESIGN.md. Unexpected failures are logged here and answered 500 without any detail.
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
      return e.status() == HttpResponseStatus.TOO_MANY_REQUESTS
          ? r.withHeader("Retry-After", "1")
          : r;
    }
    if (t instanceof LedgerException e) {
      return error(status(e), e.problem().code(), e.getMessage(), e.details());
    }
    if (t instanceof PrincipalException e) {
      return e.kind() == PrincipalException.Kind.EXISTS
          ? error(HttpResponseStatus.CONFLICT, "principal_exists", e.getMessage(), List.of())
          : error(HttpResponseStatus.NOT_FOUND, "not_found", e.getMessage(), List.of());
    }
    if (t instanceof RejectedExecutionException) {
      return error(
              HttpResponseStatus.SERVICE_UNAVAILABLE,
              "unavailable",
              "the service is at capacity; retry shortly",
              List.of())
          .withHeader("Retry-After", "1");
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

  static ApiResponse error(
      HttpResponseStatus status, String code, String message, List<Detail> details) {
    return ApiResponse.json(status, new ErrorBody(code, message, details));
  }

  private static HttpResponseStatus status(LedgerException e) {
    return switch (e.problem()) {
      case INVALID_REQUEST, INVALID_DOMAINS, TOO_MANY_DOMAINS -> HttpResponseStatus.BAD_REQUEST;
      case NOT_FOUND -> HttpResponseStatus.NOT_FOUND;
      case FOUR_EYES, NOT_SUBMITTER -> HttpResponseStatus.FORBIDDEN;
      case NOT_PENDING, ALREADY_LISTED, NOT_LISTED, PRINCIPAL_EXISTS -> HttpResponseStatus.CONFLICT;
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
