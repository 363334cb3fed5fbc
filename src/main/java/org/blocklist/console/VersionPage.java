package org.blocklist.console;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.blocklist.principal.Role;
import org.blocklist.state.ListState;
import org.blocklist.state.VersionRecord;

/**
 * One version: its manifest as signed and its changes ({@code GET /v1/versions/{n}} and {@code
 * .../changes}; the names are shown to the roles that may read changes).
 */
final class VersionPage implements Page {
  /** Names of a version's changes shown at most; the rest are counted. */
  static final int MAX_NAMES = 1000;

  private final ConsoleContext context;

  VersionPage(ConsoleContext context) {
    this.context = requireNonNull(context, "context");
  }

  public record Model(
      long version, String manifest, List<String> added, List<String> removed, long hidden)
      implements Titled {
    @Override
    public String titleKey() {
      return "version.title";
    }
  }

  @Override
  public String path() {
    return "versions/{n}";
  }

  @Override
  public Set<Role> roles() {
    return Set.of(Role.AUDITOR, Role.PROSECUTOR, Role.ISP);
  }

  @Override
  public CompletableFuture<View> get(Call call) {
    ListState s = context.ledger().state();
    long n = call.number();
    if (n > s.version()) {
      throw new ConsoleException(404, "error.notFound");
    }
    VersionRecord r = s.record(n);
    List<String> added = r.added().subList(0, Math.min(MAX_NAMES, r.added().size()));
    int room = MAX_NAMES - added.size();
    List<String> removed = r.removed().subList(0, Math.min(room, r.removed().size()));
    long hidden = r.added().size() + r.removed().size() - added.size() - removed.size();
    return CompletableFuture.completedFuture(
        View.html("version", new Model(n, r.manifest().text(), added, removed, hidden)));
  }
}
