package org.blocklist.http;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.blocklist.auth.Principal;
import org.blocklist.auth.Role;
import org.blocklist.isp.IspStatus;
import org.blocklist.ledger.LedgerState;
import org.blocklist.store.IspStatusRows;
import org.blocklist.store.PrincipalRows;
import org.blocklist.store.ReadPool;
import org.blocklist.store.Times;

/** {@code GET /v1/isps}: every ISP principal, the last version it received, and its lag. */
final class IspRoutes {
  private final Supplier<LedgerState> state;
  private final IspStatus status;
  private final ReadPool reads;

  IspRoutes(Supplier<LedgerState> state, IspStatus status, ReadPool reads) {
    this.state = requireNonNull(state, "state");
    this.status = requireNonNull(status, "status");
    this.reads = requireNonNull(reads, "reads");
  }

  CompletableFuture<ApiResponse> list(ApiRequest request) {
    return reads
        .read(c -> PrincipalRows.withRole(c, Role.ISP))
        .thenApply(
            isps -> {
              long latest = state.get().version();
              List<Map<String, Object>> out = new ArrayList<>();
              for (Principal isp : isps) {
                IspStatusRows.Row row = status.get(isp.name());
                Map<String, Object> m = new LinkedHashMap<>();
                long last = row == null ? 0 : row.lastVersion();
                m.put("name", isp.name());
                m.put("lastVersion", last);
                m.put("lastSeen", row == null ? null : Times.format(row.lastSeen()));
                m.put("behind", latest - last);
                m.put("via", row == null ? null : row.via());
                out.add(m);
              }
              Map<String, Object> body = new LinkedHashMap<>();
              body.put("latest", latest);
              body.put("isps", out);
              return ApiResponse.ok(body);
            });
  }
}
