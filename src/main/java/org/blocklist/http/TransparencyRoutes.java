package org.blocklist.http;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.blocklist.ledger.AccountabilityRecords;
import org.blocklist.ledger.PublicFigures;
import org.blocklist.state.ListState;

/**
 * {@code GET /v1/transparency} (anyone): the public monthly figures, no names. The manifests come
 * from the published state (memory), the month counts from the store's reader threads.
 */
final class TransparencyRoutes {
  /** The figures each source fixes, as the answer lists them. */
  static final List<String> FIXED_BY_MANIFESTS =
      List.of("versions", "blocks", "unblocks", "added", "removed", "entries");

  static final List<String> FIXED_BY_AUDIT_CHAIN =
      List.of("reports", "appealsReceived", "appealsAnswered", "expiries");

  private final Supplier<ListState> state;
  private final AccountabilityRecords records;

  TransparencyRoutes(Supplier<ListState> state, AccountabilityRecords records) {
    this.state = requireNonNull(state, "state");
    this.records = requireNonNull(records, "records");
  }

  CompletableFuture<ApiResponse> figures(ApiRequest request) {
    return PublicFigures.of(state.get(), records)
        .thenApply(
            months ->
                ApiResponse.ok(
                    Views.ordered(
                        "version",
                        months.version(),
                        "months",
                        months.months(),
                        "fixedBySignedManifests",
                        FIXED_BY_MANIFESTS,
                        "fixedByAuditChain",
                        FIXED_BY_AUDIT_CHAIN)));
  }
}
