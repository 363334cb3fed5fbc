package org.blocklist.console;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.blocklist.principal.Role;
import org.blocklist.requisition.Requisition;

/**
 * Police: the requisitions this officer submitted, with their status, and withdraw ({@code POST
 * /v1/requisitions/{id}/withdraw}, its submitter only, while pending). The {@code Records} port
 * lists requisitions by id; this page reads it in slices and keeps the officer's own.
 */
final class MyRequisitionsPage implements Page {
  static final String PATH = "requisitions";

  /** Rows on one page. */
  static final int PAGE = 25;

  /** Requisitions read per slice, and slices read at most per page before offering "more". */
  static final int SLICE = 1000;

  static final int MAX_SLICES = 10;

  private final ConsoleContext context;

  MyRequisitionsPage(ConsoleContext context) {
    this.context = requireNonNull(context, "context");
  }

  public record Model(List<RequisitionRow> rows, Long next, boolean paged, Notice notice)
      implements Titled {
    @Override
    public String titleKey() {
      return "mine.title";
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
    return "nav.mine";
  }

  @Override
  public CompletableFuture<View> get(Call call) {
    long from = call.query().number("from", 1, 1, Long.MAX_VALUE);
    long created = call.query().number("created", 0, 0, Long.MAX_VALUE);
    long withdrawn = call.query().number("withdrawn", 0, 0, Long.MAX_VALUE);
    Notice notice =
        created > 0
            ? Notice.ok(call.t().plain("mine.created", created))
            : withdrawn > 0 ? Notice.ok(call.t().plain("mine.withdrawn", withdrawn)) : null;
    return page(call, from, notice, 200);
  }

  @Override
  public CompletableFuture<View> post(Call call) {
    long id = call.form().number("id", 0, 1, Long.MAX_VALUE);
    if (id == 0) {
      throw new ConsoleException(400, "error.badRequest");
    }
    return context
        .ledger()
        .withdraw(call.who(), id)
        .handle((r, e) -> e)
        .thenCompose(
            e ->
                e == null
                    ? CompletableFuture.completedFuture(
                        View.redirect(Console.PREFIX + PATH + "?withdrawn=" + id))
                    : page(call, 1, Notice.of(e, call.t()), 409));
  }

  private CompletableFuture<View> page(Call call, long from, Notice notice, int status) {
    String me = call.who().name();
    List<RequisitionRow> rows = new ArrayList<>();
    return scan(me, from, rows, 0)
        .thenApply(next -> new View.Html(status, "mine", new Model(rows, next, from > 1, notice)));
  }

  /** Fills {@code rows} from id {@code from} on; the id to continue from, or null at the end. */
  private CompletableFuture<Long> scan(String me, long from, List<RequisitionRow> rows, int slice) {
    return context
        .records()
        .requisitions(null, from, SLICE)
        .thenCompose(
            found -> {
              for (Requisition r : found) {
                if (r.submitter().equals(me)) {
                  if (rows.size() == PAGE) {
                    return CompletableFuture.completedFuture(r.id());
                  }
                  rows.add(RequisitionRow.of(r));
                }
              }
              if (found.size() < SLICE) {
                return CompletableFuture.completedFuture(null);
              }
              long after = found.get(found.size() - 1).id() + 1;
              return slice + 1 >= MAX_SLICES
                  ? CompletableFuture.completedFuture(after)
                  : scan(me, after, rows, slice + 1);
            });
  }
}
