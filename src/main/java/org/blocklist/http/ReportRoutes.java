package org.blocklist.http;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.blocklist.accountability.Report;
import org.blocklist.accountability.ReportHost;
import org.blocklist.accountability.ReportStatus;
import org.blocklist.domain.Refusal;
import org.blocklist.ledger.AccountabilityRecords;
import org.blocklist.ledger.Desk;
import org.blocklist.principal.Role;
import org.blocklist.requisition.Action;
import org.blocklist.requisition.LegalBasis;

/**
 * The hotline's reports and the police triage queue: {@code POST /v1/reports} (hotline), {@code GET
 * /v1/reports?status=S} (police: all; hotline: its own), {@code POST /v1/reports/{id}/dismiss} and
 * {@code POST /v1/reports/{id}/requisition} (police).
 */
final class ReportRoutes {
  /** Body of {@code POST /v1/reports}. */
  record SubmitBody(List<String> urls, String hotlineReference, String category) {}

  /** Body of {@code dismiss}. */
  record DismissBody(String note) {}

  /** Body of {@code requisition}: a submission without domains (they come from the report). */
  record RequisitionBody(String action, String legalBasis, String caseReference, String note) {}

  record HostView(String input, String host, boolean reducedFromUrl, boolean listed) {}

  record RefusedView(String input, String reason, String message) {}

  record ReportView(
      long id,
      String status,
      List<HostView> hosts,
      String hotlineReference,
      String category,
      String submitter,
      String submittedAt,
      String triager,
      String triagedAt,
      String note,
      Long requisition) {}

  private final Desk desk;
  private final AccountabilityRecords records;

  ReportRoutes(Desk desk, AccountabilityRecords records) {
    this.desk = requireNonNull(desk, "desk");
    this.records = requireNonNull(records, "records");
  }

  CompletableFuture<ApiResponse> submit(ApiRequest request) {
    SubmitBody body = Json.read(request.body(), SubmitBody.class);
    if (body.urls() == null) {
      throw ApiException.badRequest("urls: missing (expected: a list of URLs or host names)");
    }
    if (body.urls().contains(null)) {
      throw ApiException.badRequest("urls: null item (expected: strings)");
    }
    return desk.submitReport(
            request.principal(), body.urls(), body.hotlineReference(), body.category())
        .thenApply(
            s -> {
              @SuppressWarnings("unchecked")
              Map<String, Object> out =
                  new java.util.LinkedHashMap<>(
                      Json.MAPPER.convertValue(view(s.report()), Map.class));
              out.put("refused", s.refused().stream().map(ReportRoutes::refused).toList());
              return ApiResponse.json(HttpResponseStatus.CREATED, out);
            });
  }

  CompletableFuture<ApiResponse> list(ApiRequest request) {
    String statusText = request.param("status");
    ReportStatus status = statusText == null ? null : parse("status", statusText);
    String requisitionText = request.param("requisition");
    Long requisition =
        requisitionText == null ? null : request.longParam("requisition", 0, 1, Long.MAX_VALUE);
    String submitter =
        request.principal().role() == Role.HOTLINE ? request.principal().name() : null;
    return records
        .reports(status, submitter, requisition, request.from(), request.limit())
        .thenApply(
            page ->
                ApiResponse.ok(Map.of("reports", page.stream().map(ReportRoutes::view).toList())));
  }

  CompletableFuture<ApiResponse> dismiss(ApiRequest request) {
    long id = request.pathNumber("id");
    String note =
        request.body().length == 0 ? null : Json.read(request.body(), DismissBody.class).note();
    return desk.dismissReport(request.principal(), id, note)
        .thenApply(r -> ApiResponse.ok(view(r)));
  }

  CompletableFuture<ApiResponse> requisition(ApiRequest request) {
    long id = request.pathNumber("id");
    RequisitionBody body = Json.read(request.body(), RequisitionBody.class);
    Action action =
        body.action() == null ? Action.BLOCK : parse("action", body.action(), Action::fromCode);
    LegalBasis basis = parse("legalBasis", body.legalBasis(), LegalBasis::fromCode);
    return desk.requisitionReport(
            request.principal(),
            id,
            action,
            basis,
            body.caseReference() == null ? "" : body.caseReference(),
            body.note())
        .thenApply(
            rr ->
                ApiResponse.json(
                    HttpResponseStatus.CREATED,
                    Views.ordered(
                        "report", view(rr.report()),
                        "requisition", Views.requisition(rr.requisition()))));
  }

  static ReportView view(Report r) {
    return new ReportView(
        r.id(),
        r.status().code(),
        r.hosts().stream().map(ReportRoutes::host).toList(),
        r.hotlineReference(),
        r.category(),
        r.submitter(),
        Views.time(r.submitted()),
        r.triager(),
        Views.time(r.triaged()),
        r.note(),
        r.requisition());
  }

  private static HostView host(ReportHost h) {
    return new HostView(h.input(), h.host(), h.reducedFromUrl(), h.listed());
  }

  private static RefusedView refused(Refusal r) {
    return new RefusedView(r.input(), r.reason().code(), r.message());
  }

  private static ReportStatus parse(String field, String text) {
    return parse(field, text, ReportStatus::fromCode);
  }

  static <T> T parse(String field, String text, java.util.function.Function<String, T> parser) {
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
