package org.blocklist.console;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.blocklist.accountability.Appeal;
import org.blocklist.accountability.AppealDecision;
import org.blocklist.accountability.AppealStatus;
import org.blocklist.principal.Role;

/**
 * Prosecutor (auditor: read only): the appeals received from the stop page and the API, new ones by
 * default ({@code ?status=answered} for the others), oldest first; a prosecutor answers one {@code
 * dismissed} or {@code unblock} with a note ({@code POST /v1/appeals/{id}/answer}, the same {@code
 * Desk} call), {@code unblock} creating a pending unblock requisition another prosecutor approves
 * in the queue.
 */
final class AppealsPage implements Page {
  static final String PATH = "appeals";

  /** Appeals on one page. */
  static final int PAGE = 20;

  private final ConsoleContext context;

  AppealsPage(ConsoleContext context) {
    this.context = requireNonNull(context, "context");
  }

  public record Model(
      String status,
      List<Appeal> appeals,
      Long next,
      boolean paged,
      boolean canAnswer,
      Notice notice)
      implements Titled {
    @Override
    public String titleKey() {
      return "appeals.title";
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
    return "nav.appeals";
  }

  @Override
  public CompletableFuture<View> get(Call call) {
    AppealStatus status;
    try {
      status =
          AppealStatus.fromCode(
              call.query().get("status") == null ? "new" : call.query().get("status"));
    } catch (IllegalArgumentException e) {
      throw new ConsoleException(400, "error.badRequest");
    }
    long from = call.query().number("from", 1, 1, Long.MAX_VALUE);
    long answered = call.query().number("answered", 0, 0, Long.MAX_VALUE);
    long requisition = call.query().number("requisition", 0, 0, Long.MAX_VALUE);
    Notice notice =
        answered == 0
            ? null
            : requisition > 0
                ? Notice.ok(call.t().plain("appeals.unblocked", answered, requisition))
                : Notice.ok(call.t().plain("appeals.dismissed", answered));
    return page(call, status, from, notice, 200);
  }

  @Override
  public CompletableFuture<View> post(Call call) {
    if (call.who().role() != Role.PROSECUTOR) {
      throw new ConsoleException(403, "error.forbidden");
    }
    long id = call.form().number("id", 0, 1, Long.MAX_VALUE);
    String decision = call.form().getOrEmpty("decision");
    if (id == 0 || !(decision.equals("dismissed") || decision.equals("unblock"))) {
      throw new ConsoleException(400, "error.badRequest");
    }
    String note = call.form().getOrEmpty("note");
    CompletableFuture<Appeal> done =
        context
            .desk()
            .answerAppeal(
                call.who(),
                id,
                decision.equals("unblock") ? AppealDecision.UNBLOCK : AppealDecision.DISMISSED,
                note.isBlank() ? null : note);
    return done.handle((a, e) -> e)
        .thenCompose(
            e ->
                e == null
                    ? done.thenApply(
                        a ->
                            View.redirect(
                                Console.PREFIX
                                    + PATH
                                    + "?answered="
                                    + id
                                    + (a.requisition() == null
                                        ? ""
                                        : "&requisition=" + a.requisition())))
                    : page(call, AppealStatus.NEW, 1, Notice.of(e, call.t()), 409));
  }

  private CompletableFuture<View> page(
      Call call, AppealStatus status, long from, Notice notice, int code) {
    return context
        .accountability()
        .appeals(status, from, PAGE + 1)
        .thenApply(
            found -> {
              List<Appeal> rows = found.subList(0, Math.min(PAGE, found.size()));
              Long next = found.size() > PAGE ? found.get(PAGE).id() : null;
              return new View.Html(
                  code,
                  "appeals",
                  new Model(
                      status.code(),
                      rows,
                      next,
                      from > 1,
                      call.who().role() == Role.PROSECUTOR,
                      notice));
            });
  }
}
