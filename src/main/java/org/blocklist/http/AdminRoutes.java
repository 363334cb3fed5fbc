package org.blocklist.http;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.blocklist.auth.Authenticator;
import org.blocklist.ledger.Ledger;
import org.blocklist.ledger.Records;
import org.blocklist.principal.Principal;
import org.blocklist.principal.Role;

/** Principals (admin) and the audit events (auditor). */
final class AdminRoutes {
  /** Body of {@code POST /v1/principals}. */
  record AddBody(String name, String role) {}

  /** One event of {@code /v1/audit/events}. */
  record EventView(long seq, String event, String hash) {}

  private final Ledger ledger;
  private final Records records;
  private final Authenticator authenticator;

  AdminRoutes(Ledger ledger, Records records, Authenticator authenticator) {
    this.ledger = requireNonNull(ledger, "ledger");
    this.records = requireNonNull(records, "records");
    this.authenticator = requireNonNull(authenticator, "authenticator");
  }

  CompletableFuture<ApiResponse> add(ApiRequest request) {
    AddBody body = Json.read(request.body(), AddBody.class);
    Principal principal;
    try {
      principal =
          new Principal(
              requireField("name", body.name()), Role.fromCode(requireField("role", body.role())));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    return ledger
        .addPrincipal(request.principal(), principal)
        .thenApply(
            token -> {
              Map<String, Object> out = new LinkedHashMap<>();
              out.put("name", principal.name());
              out.put("role", principal.role().code());
              out.put("token", token);
              return ApiResponse.json(HttpResponseStatus.CREATED, out);
            });
  }

  CompletableFuture<ApiResponse> revoke(ApiRequest request) {
    String name = request.pathVariable();
    return ledger
        .revokePrincipal(request.principal(), name)
        .thenApply(
            p -> {
              authenticator.invalidateAll();
              Map<String, Object> out = new LinkedHashMap<>();
              out.put("name", p.name());
              out.put("role", p.role().code());
              out.put("revoked", true);
              return ApiResponse.ok(out);
            });
  }

  CompletableFuture<ApiResponse> events(ApiRequest request) {
    long from = request.from();
    int limit = request.limit();
    return records
        .events(from, limit)
        .thenApply(
            rows ->
                ApiResponse.ok(
                    Map.of(
                        "events",
                        rows.stream()
                            .map(r -> new EventView(r.seq(), r.text(), r.hash().hex()))
                            .toList())));
  }

  private static String requireField(String name, String value) {
    if (value == null) {
      throw ApiException.badRequest(name + ": missing");
    }
    return value;
  }
}
