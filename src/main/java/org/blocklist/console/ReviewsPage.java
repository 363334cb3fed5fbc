package org.blocklist.console;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.blocklist.accountability.Review;
import org.blocklist.principal.Role;

/**
 * Prosecutor (auditor: read only): the entries whose review date is on or before a day ({@code GET
 * /v1/reviews?due=}, by default today plus {@link #DEFAULT_DAYS} days), by name; a prosecutor
 * renews the ones ticked, with a note ({@code POST /v1/reviews/renew}, the same {@code Desk} call).
 * Each row's checkbox is its own field ({@code d0}, {@code d1}...), as the console's forms take
 * each field once.
 */
final class ReviewsPage implements Page {
  static final String PATH = "reviews";

  /** Rows on one page (each a form field, within {@link Form#MAX_FIELDS}). */
  static final int PAGE = 25;

  /** The default horizon: what falls due within two weeks. */
  static final int DEFAULT_DAYS = 14;

  private final ConsoleContext context;

  ReviewsPage(ConsoleContext context) {
    this.context = requireNonNull(context, "context");
  }

  public record Model(
      String due, List<Review> reviews, long offset, Long next, boolean canRenew, Notice notice)
      implements Titled {
    @Override
    public String titleKey() {
      return "reviews.title";
    }
  }

  @Override
  public String path() {
    return PATH;
  }

  @Override
  public Set<Role> roles() {
    return Set.of(Role.PROSECUTOR, Role.AUDITOR);
  }

  @Override
  public String navKey() {
    return "nav.reviews";
  }

  @Override
  public CompletableFuture<View> get(Call call) {
    LocalDate due = due(call, call.query().get("due"));
    long offset = call.query().number("offset", 0, 0, Long.MAX_VALUE);
    long renewed = call.query().number("renewed", 0, 0, Long.MAX_VALUE);
    Notice notice = renewed > 0 ? Notice.ok(call.t().plain("reviews.renewed", renewed)) : null;
    return page(call, due, offset, notice, 200);
  }

  @Override
  public CompletableFuture<View> post(Call call) {
    if (call.who().role() != Role.PROSECUTOR) {
      throw new ConsoleException(403, "error.forbidden");
    }
    LocalDate due = due(call, call.form().get("due"));
    List<String> names = new ArrayList<>();
    for (int i = 0; i < PAGE; i++) {
      String d = call.form().get("d" + i);
      if (d != null && !d.isBlank()) {
        names.add(d);
      }
    }
    if (names.isEmpty()) {
      return page(
          call, due, 0, new Notice(true, call.t().plain("reviews.noneTicked"), List.of()), 400);
    }
    String note = call.form().getOrEmpty("note");
    CompletableFuture<List<String>> done =
        context.desk().renew(call.who(), names, note.isBlank() ? null : note);
    return done.handle((r, e) -> e)
        .thenCompose(
            e ->
                e == null
                    ? done.thenApply(
                        r ->
                            View.redirect(
                                Console.PREFIX + PATH + "?due=" + due + "&renewed=" + r.size()))
                    : page(call, due, 0, Notice.of(e, call.t()), 409));
  }

  private LocalDate due(Call call, String text) {
    if (text == null || text.isEmpty()) {
      return LocalDate.ofInstant(context.clock().instant(), ZoneOffset.UTC).plusDays(DEFAULT_DAYS);
    }
    try {
      if (text.length() != 10) {
        throw new DateTimeParseException("length", text, 0);
      }
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new ConsoleException(400, "error.badRequest");
    }
  }

  private CompletableFuture<View> page(
      Call call, LocalDate due, long offset, Notice notice, int status) {
    int days = context.desk().reviewDays();
    // the API's rule: reviewBy <= end of the due day  <=>  base + days < start of the next day
    var base =
        due.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minus(Duration.ofDays(days));
    return context
        .accountability()
        .reviewBaseBefore(base, offset, PAGE + 1)
        .thenApply(
            rows -> {
              List<Review> reviews = new ArrayList<>();
              for (var r : rows.subList(0, Math.min(PAGE, rows.size()))) {
                reviews.add(
                    Review.of(r.domain(), r.requisition(), r.approved(), r.renewed(), days));
              }
              Long next = rows.size() > PAGE ? offset + PAGE : null;
              return new View.Html(
                  status,
                  "reviews",
                  new Model(
                      due.toString(),
                      reviews,
                      offset,
                      next,
                      call.who().role() == Role.PROSECUTOR,
                      notice));
            });
  }
}
