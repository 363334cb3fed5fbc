package org.blocklist.http;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.blocklist.accountability.Appeal;
import org.blocklist.accountability.AppealDecision;
import org.blocklist.accountability.AppealStatus;
import org.blocklist.domain.DomainCanonicalizer;
import org.blocklist.domain.DomainException;
import org.blocklist.ledger.AccountabilityRecords;
import org.blocklist.ledger.Desk;

/**
 * {@code POST /v1/appeals} (anyone; the {@link Desk}'s per-address quota), {@code GET
 * /v1/appeals?status=S} (prosecutor, auditor) and {@code POST /v1/appeals/{id}/answer}
 * (prosecutor). A listed and an unlisted host are stored and answered alike: {@code 201} with the
 * id, nothing else, so the route tells nothing of the list.
 */
final class AppealRoutes {
  /** Body of {@code POST /v1/appeals}. */
  record AppealBody(String host, String message) {}

  /** Body of {@code answer}. */
  record AnswerBody(String decision, String note) {}

  record AppealView(
      long id,
      String host,
      String message,
      String language,
      String channel,
      String receivedAt,
      String status,
      String answerer,
      String answeredAt,
      String decision,
      String note,
      Long requisition) {}

  private final Desk desk;
  private final AccountabilityRecords records;
  private final DomainCanonicalizer canonicalizer;

  AppealRoutes(Desk desk, AccountabilityRecords records, DomainCanonicalizer canonicalizer) {
    this.desk = requireNonNull(desk, "desk");
    this.records = requireNonNull(records, "records");
    this.canonicalizer = requireNonNull(canonicalizer, "canonicalizer");
  }

  CompletableFuture<ApiResponse> submit(ApiRequest request) {
    AppealBody body = Json.read(request.body(), AppealBody.class);
    if (body.host() == null) {
      throw ApiException.badRequest("host: missing (expected: the blocked host name)");
    }
    if (body.message() == null) {
      throw ApiException.badRequest("message: missing (expected: 1 to 2000 characters)");
    }
    String host;
    try {
      host = canonicalizer.canonicalize(body.host()).name().value();
    } catch (DomainException e) {
      throw ApiException.badRequest("host: not a host name (expected: the blocked host name)");
    }
    return desk.appeal(host, body.message(), "en", "api", request.remote())
        .thenApply(id -> ApiResponse.json(HttpResponseStatus.CREATED, Map.of("id", id)));
  }

  CompletableFuture<ApiResponse> list(ApiRequest request) {
    String statusText = request.param("status");
    AppealStatus status =
        statusText == null
            ? null
            : ReportRoutes.parse("status", statusText, AppealStatus::fromCode);
    return records
        .appeals(status, request.from(), request.limit())
        .thenApply(
            page ->
                ApiResponse.ok(Map.of("appeals", page.stream().map(AppealRoutes::view).toList())));
  }

  CompletableFuture<ApiResponse> answer(ApiRequest request) {
    long id = request.pathNumber("id");
    AnswerBody body = Json.read(request.body(), AnswerBody.class);
    AppealDecision decision =
        ReportRoutes.parse("decision", body.decision(), AppealDecision::fromCode);
    return desk.answerAppeal(request.principal(), id, decision, body.note())
        .thenApply(a -> ApiResponse.ok(view(a)));
  }

  static AppealView view(Appeal a) {
    return new AppealView(
        a.id(),
        a.host(),
        a.message(),
        a.language(),
        a.channel(),
        Views.time(a.received()),
        a.status().code(),
        a.answerer(),
        Views.time(a.answered()),
        a.decision() == null ? null : a.decision().code(),
        a.note(),
        a.requisition());
  }
}
