package org.blocklist.http;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.blocklist.accountability.Review;
import org.blocklist.ledger.AccountabilityRecords;
import org.blocklist.ledger.Desk;

/**
 * {@code GET /v1/reviews?due=YYYY-MM-DD} (prosecutor, auditor): entries whose review date is on or
 * before {@code due} (UTC), by name; {@code POST /v1/reviews/renew} (prosecutor).
 */
final class ReviewRoutes {
  /** Body of {@code renew}. */
  record RenewBody(List<String> domains, String note) {}

  record ReviewView(
      String domain, long requisition, String approvedAt, String renewedAt, String reviewBy) {}

  private final Desk desk;
  private final AccountabilityRecords records;

  ReviewRoutes(Desk desk, AccountabilityRecords records) {
    this.desk = requireNonNull(desk, "desk");
    this.records = requireNonNull(records, "records");
  }

  CompletableFuture<ApiResponse> due(ApiRequest request) {
    String text = request.param("due");
    if (text == null) {
      throw ApiException.badRequest("due: missing (expected: a date YYYY-MM-DD)");
    }
    LocalDate due;
    try {
      if (text.length() != 10) {
        throw new DateTimeParseException("length", text, 0);
      }
      due = LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          "due: "
              + (text.length() > 40 ? text.substring(0, 40) + "..." : text)
              + " (expected: a date YYYY-MM-DD)");
    }
    int days = desk.reviewDays();
    // reviewBy <= end of the due day  <=>  base + days < start of the next day
    Instant base =
        due.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minus(Duration.ofDays(days));
    return records
        .reviewBaseBefore(base, request.from() - 1, request.limit())
        .thenApply(
            rows ->
                ApiResponse.ok(
                    Map.of(
                        "reviews",
                        rows.stream()
                            .map(
                                r ->
                                    view(
                                        Review.of(
                                            r.domain(),
                                            r.requisition(),
                                            r.approved(),
                                            r.renewed(),
                                            days)))
                            .toList())));
  }

  CompletableFuture<ApiResponse> renew(ApiRequest request) {
    RenewBody body = Json.read(request.body(), RenewBody.class);
    if (body.domains() == null) {
      throw ApiException.badRequest("domains: missing (expected: a list of listed entries)");
    }
    if (body.domains().contains(null)) {
      throw ApiException.badRequest("domains: null item (expected: strings)");
    }
    int days = desk.reviewDays();
    return desk.renew(request.principal(), body.domains(), body.note())
        .thenApply(names -> ApiResponse.ok(Views.ordered("renewed", names, "reviewDays", days)));
  }

  private static ReviewView view(Review r) {
    return new ReviewView(
        r.domain(),
        r.requisition(),
        Views.time(r.approvedAt()),
        Views.time(r.renewedAt()),
        Views.time(r.reviewBy()));
  }
}
