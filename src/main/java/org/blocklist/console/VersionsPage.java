package org.blocklist.console;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.blocklist.log.Manifest;
import org.blocklist.principal.Role;
import org.blocklist.state.ListState;

/**
 * The published versions, newest first, read from the published state in memory ({@code GET
 * /v1/versions}): version, time, action, names added and removed, entries, requisition.
 */
final class VersionsPage implements Page {
  static final String PATH = "versions";

  /** Versions on one page. */
  static final int PAGE = 50;

  private final ConsoleContext context;

  VersionsPage(ConsoleContext context) {
    this.context = requireNonNull(context, "context");
  }

  public record Row(
      long version,
      String published,
      String action,
      long added,
      long removed,
      long entries,
      long requisition) {}

  /**
   * @param before the version the next (older) page starts at, or null
   * @param newer the version the newer page starts at, or null
   */
  public record Model(List<Row> rows, long latest, Long before, Long newer) implements Titled {
    @Override
    public String titleKey() {
      return "versions.title";
    }
  }

  @Override
  public String path() {
    return PATH;
  }

  @Override
  public Set<Role> roles() {
    return Set.of(Role.AUDITOR, Role.PROSECUTOR, Role.ISP);
  }

  @Override
  public String navKey() {
    return "nav.versions";
  }

  @Override
  public CompletableFuture<View> get(Call call) {
    ListState s = context.ledger().state();
    long latest = s.version();
    long top = Math.min(call.query().number("at", latest, 1, Long.MAX_VALUE), latest);
    List<Row> rows = new ArrayList<>();
    for (long v = top; v >= 1 && rows.size() < PAGE; v--) {
      Manifest m = s.record(v).manifest();
      rows.add(
          new Row(
              v,
              RequisitionRow.time(m.published()),
              m.action(),
              m.added(),
              m.removed(),
              m.entries(),
              m.requisition()));
    }
    Long before = top - PAGE >= 1 ? top - PAGE : null;
    Long newer = top < latest ? Math.min(latest, top + PAGE) : null;
    return CompletableFuture.completedFuture(
        View.html("versions", new Model(rows, latest, before, newer)));
  }
}
