package org.blocklist.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.blocklist.accountability.MonthFigures;
import org.blocklist.accountability.Transparency;
import org.blocklist.log.Manifest;
import org.blocklist.state.ListState;

/**
 * The public monthly figures as of one published version: its manifests (from memory) with the
 * month counts and expiry requisitions of the store (read on the reader threads). The API's {@code
 * /v1/transparency} and the stop page's {@code /transparency} both show this.
 */
public final class PublicFigures {
  private PublicFigures() {}

  /** The figures and the version they are as of. */
  public record Figures(long version, List<MonthFigures> months) {}

  public static CompletableFuture<Figures> of(ListState state, AccountabilityRecords records) {
    List<Manifest> manifests = new ArrayList<>((int) state.version());
    for (long v = 1; v <= state.version(); v++) {
      manifests.add(state.record(v).manifest());
    }
    return records
        .monthCounts()
        .thenCombine(
            records.expiryRequisitions(),
            (counts, expiries) ->
                new Figures(state.version(), Transparency.compute(manifests, counts, expiries)));
  }
}
