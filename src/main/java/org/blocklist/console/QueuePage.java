package org.blocklist.console;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.blocklist.principal.Role;
import org.blocklist.requisition.Requisition;
import org.blocklist.requisition.Status;
import org.blocklist.state.ListState;

/**
 * Prosecutor: the pending requisitions, oldest first, each with what approving it changes (names
 * added or removed, entries after) against the list as it is now, and the names on which the list
 * has changed since submission; approve with a note ({@code POST /v1/requisitions/{id}/approve}) or
 * reject with a reason ({@code .../reject}). The four-eyes rule and the list checks are the
 * ledger's; their refusals are shown in words.
 */
final class QueuePage implements Page {
  static final String PATH = "queue";

  /** Requisitions on one page of the queue. */
  static final int PAGE = 20;

  private final ConsoleContext context;

  QueuePage(ConsoleContext context) {
    this.context = requireNonNull(context, "context");
  }

  /** A pending requisition and what approving it would do now. */
  public record Item(
      RequisitionRow requisition,
      List<String> added,
      List<String> removed,
      long entriesAfter,
      List<String> stale) {}

  public record Model(List<Item> items, Long next, boolean paged, Notice notice) implements Titled {
    @Override
    public String titleKey() {
      return "queue.title";
    }
  }

  @Override
  public String path() {
    return PATH;
  }

  @Override
  public Set<Role> roles() {
    return Set.of(Role.PROSECUTOR);
  }

  @Override
  public String navKey() {
    return "nav.queue";
  }

  @Override
  public CompletableFuture<View> get(Call call) {
    long from = call.query().number("from", 1, 1, Long.MAX_VALUE);
    Notice notice = null;
    long approved = call.query().number("approved", 0, 0, Long.MAX_VALUE);
    long rejected = call.query().number("rejected", 0, 0, Long.MAX_VALUE);
    if (approved > 0) {
      notice =
          Notice.ok(
              call.t()
                  .plain(
                      "queue.approved",
                      approved,
                      call.query().number("version", 0, 0, Long.MAX_VALUE)));
    } else if (rejected > 0) {
      notice = Notice.ok(call.t().plain("queue.rejected", rejected));
    }
    return page(from, notice, 200);
  }

  @Override
  public CompletableFuture<View> post(Call call) {
    long id = call.form().number("id", 0, 1, Long.MAX_VALUE);
    String decision = call.form().getOrEmpty("decision");
    if (id == 0 || !(decision.equals("approve") || decision.equals("reject"))) {
      throw new ConsoleException(400, "error.badRequest");
    }
    CompletableFuture<String> done =
        decision.equals("approve")
            ? context
                .ledger()
                .approve(call.who(), id, call.form().get("note"))
                .thenApply(r -> "?approved=" + id + "&version=" + r.version())
            : context
                .ledger()
                .reject(call.who(), id, call.form().get("reason"))
                .thenApply(r -> "?rejected=" + id);
    return done.handle((q, e) -> e)
        .thenCompose(
            e ->
                e == null
                    ? done.thenApply(q -> View.redirect(Console.PREFIX + PATH + q))
                    : page(1, Notice.of(e, call.t()), 409));
  }

  private CompletableFuture<View> page(long from, Notice notice, int status) {
    return context
        .records()
        .requisitions(Status.PENDING, from, PAGE + 1)
        .thenApply(
            found -> {
              ListState state = context.ledger().state();
              List<Item> items = new ArrayList<>();
              for (Requisition r : found.subList(0, Math.min(PAGE, found.size()))) {
                items.add(item(r, state));
              }
              Long next = found.size() > PAGE ? found.get(PAGE).id() : null;
              return new View.Html(status, "queue", new Model(items, next, from > 1, notice));
            });
  }

  private static Item item(Requisition r, ListState state) {
    boolean block = r.action() == org.blocklist.requisition.Action.BLOCK;
    List<String> changed = new ArrayList<>();
    List<String> stale = new ArrayList<>();
    for (var d : r.domains()) {
      String name = d.value();
      if (state.isListed(name) == block) {
        stale.add(name);
      } else {
        changed.add(name);
      }
    }
    changed.sort(null);
    long after = state.entryCount() + (block ? changed.size() : -changed.size());
    return new Item(
        RequisitionRow.of(r),
        block ? changed : List.of(),
        block ? List.of() : changed,
        after,
        stale);
  }
}
