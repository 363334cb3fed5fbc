package org.blocklist.console;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.blocklist.accountability.Report;
import org.blocklist.accountability.ReportStatus;
import org.blocklist.principal.Role;
import org.blocklist.requisition.Action;
import org.blocklist.requisition.LegalBasis;

/**
 * Police: the hotline's new reports, oldest first, each with its hosts and the ones already listed
 * flagged; dismiss with a note ({@code POST /v1/reports/{id}/dismiss}) or turn into a pending
 * {@code block} requisition with legal basis, case reference and note ({@code .../requisition}),
 * through the same {@code Desk} calls. Refusals are shown in words.
 */
final class TriagePage implements Page {
  static final String PATH = "triage";

  /** Reports on one page of the queue. */
  static final int PAGE = 20;

  private final ConsoleContext context;

  TriagePage(ConsoleContext context) {
    this.context = requireNonNull(context, "context");
  }

  public record Model(
      List<Report> reports, Long next, boolean paged, Notice notice, List<String> bases)
      implements Titled {
    @Override
    public String titleKey() {
      return "triage.title";
    }
  }

  @Override
  public String path() {
    return PATH;
  }

  @Override
  public Set<Role> roles() {
    return Set.of(Role.POLICE);
  }

  @Override
  public String navKey() {
    return "nav.triage";
  }

  @Override
  public CompletableFuture<View> get(Call call) {
    long from = call.query().number("from", 1, 1, Long.MAX_VALUE);
    long dismissed = call.query().number("dismissed", 0, 0, Long.MAX_VALUE);
    long report = call.query().number("report", 0, 0, Long.MAX_VALUE);
    long requisition = call.query().number("requisition", 0, 0, Long.MAX_VALUE);
    Notice notice =
        dismissed > 0
            ? Notice.ok(call.t().plain("triage.dismissed", dismissed))
            : report > 0
                ? Notice.ok(call.t().plain("triage.requisitioned", report, requisition))
                : null;
    return page(from, notice, 200);
  }

  @Override
  public CompletableFuture<View> post(Call call) {
    Form f = call.form();
    long id = f.number("id", 0, 1, Long.MAX_VALUE);
    String decision = f.getOrEmpty("decision");
    if (id == 0 || !(decision.equals("dismiss") || decision.equals("requisition"))) {
      throw new ConsoleException(400, "error.badRequest");
    }
    CompletableFuture<String> done;
    if (decision.equals("dismiss")) {
      done =
          context
              .desk()
              .dismissReport(call.who(), id, f.get("note"))
              .thenApply(r -> "?dismissed=" + id);
    } else {
      LegalBasis basis;
      try {
        basis = LegalBasis.fromCode(f.getOrEmpty("legalBasis"));
      } catch (IllegalArgumentException e) {
        return page(1, new Notice(true, call.t().plain("new.badChoice"), List.of()), 400);
      }
      String note = f.getOrEmpty("note");
      done =
          context
              .desk()
              .requisitionReport(
                  call.who(),
                  id,
                  Action.BLOCK,
                  basis,
                  f.getOrEmpty("caseReference"),
                  note.isBlank() ? null : note)
              .thenApply(r -> "?report=" + id + "&requisition=" + r.requisition().id());
    }
    return done.handle((q, e) -> e)
        .thenCompose(
            e ->
                e == null
                    ? done.thenApply(q -> View.redirect(Console.PREFIX + PATH + q))
                    : page(1, Notice.of(e, call.t()), 409));
  }

  private CompletableFuture<View> page(long from, Notice notice, int status) {
    List<String> bases = new ArrayList<>();
    for (LegalBasis b : LegalBasis.values()) {
      if (b != LegalBasis.REVIEW_EXPIRED) {
        bases.add(b.code());
      }
    }
    return context
        .accountability()
        .reports(ReportStatus.NEW, null, null, from, PAGE + 1)
        .thenApply(
            found -> {
              List<Report> rows = found.subList(0, Math.min(PAGE, found.size()));
              Long next = found.size() > PAGE ? found.get(PAGE).id() : null;
              return new View.Html(
                  status, "triage", new Model(rows, next, from > 1, notice, bases));
            });
  }
}
