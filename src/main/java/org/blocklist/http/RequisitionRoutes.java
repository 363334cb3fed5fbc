package org.blocklist.http;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.blocklist.ledger.Ledger;
import org.blocklist.ledger.Records;
import org.blocklist.requisition.Action;
import org.blocklist.requisition.LegalBasis;
import org.blocklist.requisition.RequisitionException;
import org.blocklist.requisition.Status;
import org.blocklist.requisition.Submission;

/** Submit, list, read and decide requisitions. */
final class RequisitionRoutes {
  /** Body of {@code POST /v1/requisitions}. */
  record SubmitBody(
      String action, List<String> domains, String legalBasis, String caseReference, String note) {}

  /** Body of {@code approve}. */
  record ApproveBody(String note) {}

  /** Body of {@code reject}. */
  record RejectBody(String reason) {}

  /** Body of {@code withdraw}: nothing. */
  record EmptyBody() {}

  private final Ledger ledger;
  private final Records records;

  RequisitionRoutes(Ledger ledger, Records records) {
    this.ledger = requireNonNull(ledger, "ledger");
    this.records = requireNonNull(records, "records");
  }

  CompletableFuture<ApiResponse> submit(ApiRequest request) {
    return ledger
        .submit(request.principal(), submission(request))
        .thenApply(s -> ApiResponse.json(HttpResponseStatus.CREATED, Views.submitted(s)));
  }

  /**
   * {@code POST /v1/requisitions/validate}: what the submission would become, stored nowhere;
   * answered on the event loop from the published state.
   */
  CompletableFuture<ApiResponse> validate(ApiRequest request) {
    try {
      return CompletableFuture.completedFuture(
          ApiResponse.ok(Views.preview(ledger.preview(submission(request)))));
    } catch (RequisitionException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static Submission submission(ApiRequest request) {
    SubmitBody body = Json.read(request.body(), SubmitBody.class);
    if (body.domains() == null) {
      throw ApiException.badRequest("domains: missing (expected: a list of names)");
    }
    if (body.domains().contains(null)) {
      throw ApiException.badRequest("domains: null item (expected: strings)");
    }
    Submission submission =
        new Submission(
            parse("action", body.action(), Action::fromCode),
            body.domains(),
            parse("legalBasis", body.legalBasis(), LegalBasis::fromCode),
            body.caseReference() == null ? "" : body.caseReference(),
            body.note());
    return submission;
  }

  CompletableFuture<ApiResponse> list(ApiRequest request) {
    String statusText = request.param("status");
    Status status = statusText == null ? null : parse("status", statusText, Status::fromCode);
    long from = request.from();
    int limit = request.limit();
    return records
        .requisitions(status, from, limit)
        .thenApply(
            page ->
                ApiResponse.ok(
                    Map.of("requisitions", page.stream().map(Views::requisition).toList())));
  }

  CompletableFuture<ApiResponse> get(ApiRequest request) {
    long id = request.pathNumber("id");
    return records
        .requisition(id)
        .thenApply(
            found ->
                ApiResponse.ok(
                    Views.requisition(
                        found.orElseThrow(
                            () -> ApiException.notFound("no requisition with id " + id)))));
  }

  CompletableFuture<ApiResponse> approve(ApiRequest request) {
    long id = request.pathNumber("id");
    String note =
        request.body().length == 0 ? null : Json.read(request.body(), ApproveBody.class).note();
    return ledger
        .approve(request.principal(), id, note)
        .thenApply(r -> ApiResponse.ok(Views.requisition(r)));
  }

  CompletableFuture<ApiResponse> reject(ApiRequest request) {
    long id = request.pathNumber("id");
    String reason = Json.read(request.body(), RejectBody.class).reason();
    return ledger
        .reject(request.principal(), id, reason)
        .thenApply(r -> ApiResponse.ok(Views.requisition(r)));
  }

  CompletableFuture<ApiResponse> withdraw(ApiRequest request) {
    long id = request.pathNumber("id");
    if (request.body().length > 0) {
      Json.read(request.body(), EmptyBody.class);
    }
    return ledger
        .withdraw(request.principal(), id)
        .thenApply(r -> ApiResponse.ok(Views.requisition(r)));
  }

  private static <T> T parse(
      String field, String text, java.util.function.Function<String, T> parser) {
    if (text == null) {
      throw ApiException.badRequest(field + ": missing");
    }
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }
}
