package org.blocklist.console;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.blocklist.isp.Delivery;
import org.blocklist.principal.Principal;
import org.blocklist.principal.Role;

/**
 * The ISP status ({@code GET /v1/isps}): each ISP principal's last version, how far behind, when
 * last seen and how (HTTP or DNS), with a small chart of its lag over the last day.
 */
final class IspsPage implements Page {
  static final String PATH = "isps";

  private final ConsoleContext context;
  private final LagHistory lags;

  IspsPage(ConsoleContext context, LagHistory lags) {
    this.context = requireNonNull(context, "context");
    this.lags = requireNonNull(lags, "lags");
  }

  public record Row(
      String name, long lastVersion, long behind, String lastSeen, String via, LagChart chart) {}

  public record Model(long latest, List<Row> rows) implements Titled {
    @Override
    public String titleKey() {
      return "isps.title";
    }
  }

  @Override
  public String path() {
    return PATH;
  }

  @Override
  public Set<Role> roles() {
    return Set.of(Role.PROSECUTOR, Role.AUDITOR, Role.ADMIN);
  }

  @Override
  public String navKey() {
    return "nav.isps";
  }

  @Override
  public CompletableFuture<View> get(Call call) {
    return context
        .records()
        .principals(Role.ISP)
        .thenApply(
            isps -> {
              long latest = context.ledger().state().version();
              Instant now = context.clock().instant();
              List<Row> rows = new ArrayList<>();
              for (Principal isp : isps) {
                Delivery d = context.ispStatus().get(isp.name());
                long last = d == null ? 0 : d.lastVersion();
                rows.add(
                    new Row(
                        isp.name(),
                        last,
                        latest - last,
                        d == null ? null : RequisitionRow.time(d.lastSeen()),
                        d == null ? null : d.via(),
                        LagChart.of(lags.of(isp.name()), now, latest - last)));
              }
              return View.html("isps", new Model(latest, rows));
            });
  }
}
