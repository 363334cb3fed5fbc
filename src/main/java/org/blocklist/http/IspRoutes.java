package org.blocklist.http;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.blocklist.isp.Delivery;
import org.blocklist.isp.IspStatus;
import org.blocklist.ledger.Records;
import org.blocklist.principal.Principal;
import org.blocklist.principal.Role;
import org.blocklist.state.ListState;

/** {@code GET /v1/isps}: every ISP principal, the last version it received, and its lag. */
final class IspRoutes {
  private final Supplier<ListState> state;
  private final IspStatus status;
  private final Records records;

  IspRoutes(Supplier<ListState> state, IspStatus status, Records records) {
    this.state = requireNonNull(state, "state");
    this.status = requireNonNull(status, "status");
    this.records = requireNonNull(records, "records");
  }

  CompletableFuture<ApiResponse> list(ApiRequest request) {
    return records
        .principals(Role.ISP)
        .thenApply(
            isps -> {
              long latest = state.get().version();
              List<Map<String, Object>> out = new ArrayList<>();
              for (Principal isp : isps) {
                Delivery row = status.get(isp.name());
                Map<String, Object> m = new LinkedHashMap<>();
                long last = row == null ? 0 : row.lastVersion();
                m.put("name", isp.name());
                m.put("lastVersion", last);
                m.put("lastSeen", row == null ? null : Views.time(row.lastSeen()));
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
