package org.blocklist.console;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.blocklist.principal.Role;

/** Auditor: the audit events with their chain hashes ({@code GET /v1/audit/events}), paged. */
final class EventsPage implements Page {
  static final String PATH = "events";

  /** Events on one page. */
  static final int PAGE = 50;

  private final ConsoleContext context;

  EventsPage(ConsoleContext context) {
    this.context = requireNonNull(context, "context");
  }

  public record Row(long seq, String text, String hash) {}

  public record Model(List<Row> rows, long from, Long next, Long previous) implements Titled {
    @Override
    public String titleKey() {
      return "events.title";
    }
  }

  @Override
  public String path() {
    return PATH;
  }

  @Override
  public Set<Role> roles() {
    return Set.of(Role.AUDITOR);
  }

  @Override
  public String navKey() {
    return "nav.events";
  }

  @Override
  public CompletableFuture<View> get(Call call) {
    long from = call.query().number("from", 1, 1, Long.MAX_VALUE);
    return context
        .records()
        .events(from, PAGE + 1)
        .thenApply(
            found -> {
              List<Row> rows =
                  found.subList(0, Math.min(PAGE, found.size())).stream()
                      .map(e -> new Row(e.seq(), e.text(), e.hash().hex()))
                      .toList();
              Long next = found.size() > PAGE ? found.get(PAGE).seq() : null;
              Long previous = from > 1 ? Math.max(1, from - PAGE) : null;
              return View.html("events", new Model(rows, from, next, previous));
            });
  }
}
