package org.blocklist.console;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.blocklist.accountability.Report;
import org.blocklist.domain.Refusal;
import org.blocklist.principal.Role;

/**
 * Hotline: its own reports, newest id last, with their triage status and the requisition a report
 * became; and the form to send one ({@code POST /v1/reports} through the same {@code Desk} call:
 * URLs one per line reduced to hosts, hotline reference, category). The inputs the desk refused are
 * shown with their reasons in words, beside the report it stored from the others.
 */
final class MyReportsPage implements Page {
  static final String PATH = "reports";

  /** Reports on one page. */
  static final int PAGE = 25;

  private final ConsoleContext context;

  MyReportsPage(ConsoleContext context) {
    this.context = requireNonNull(context, "context");
  }

  /** What the hotline typed, given back in the form after a refusal. */
  public record Fields(String urls, String hotlineReference, String category) {
    static final Fields EMPTY = new Fields("", "", "");
  }

  /** One refused input and why, in words. */
  public record Refused(String input, String reason) {}

  public record Model(
      List<Report> reports,
      Long next,
      boolean paged,
      Fields fields,
      List<Refused> refused,
      Notice notice)
      implements Titled {
    @Override
    public String titleKey() {
      return "reports.title";
    }
  }

  @Override
  public String path() {
    return PATH;
  }

  @Override
  public Set<Role> roles() {
    return Set.of(Role.HOTLINE);
  }

  @Override
  public String navKey() {
    return "nav.reports";
  }

  @Override
  public CompletableFuture<View> get(Call call) {
    long from = call.query().number("from", 1, 1, Long.MAX_VALUE);
    return page(call, from, Fields.EMPTY, List.of(), null, 200);
  }

  @Override
  public CompletableFuture<View> post(Call call) {
    Form f = call.form();
    Fields fields =
        new Fields(
            f.getOrEmpty("urls"), f.getOrEmpty("hotlineReference"), f.getOrEmpty("category"));
    return context
        .desk()
        .submitReport(
            call.who(),
            NewRequisitionPage.lines(fields.urls()),
            fields.hotlineReference(),
            fields.category())
        .handle(
            (s, e) -> {
              if (e != null) {
                return page(call, 1, fields, List.of(), Notice.of(e, call.t()), 422);
              }
              List<Refused> refused = new ArrayList<>();
              for (Refusal r : s.refused()) {
                refused.add(new Refused(r.input(), call.t().plain("refusal." + r.reason().code())));
              }
              Notice ok =
                  Notice.ok(
                      call.t()
                          .plain("reports.created", s.report().id(), s.report().hosts().size()));
              return page(call, 1, Fields.EMPTY, refused, ok, 200);
            })
        .thenCompose(v -> v);
  }

  private CompletableFuture<View> page(
      Call call, long from, Fields fields, List<Refused> refused, Notice notice, int status) {
    return context
        .accountability()
        .reports(null, call.who().name(), null, from, PAGE + 1)
        .thenApply(
            found -> {
              List<Report> rows = found.subList(0, Math.min(PAGE, found.size()));
              Long next = found.size() > PAGE ? found.get(PAGE).id() : null;
              return new View.Html(
                  status, "reports", new Model(rows, next, from > 1, fields, refused, notice));
            });
  }
}
