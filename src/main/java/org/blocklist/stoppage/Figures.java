package org.blocklist.stoppage;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.blocklist.accountability.MonthFigures;

/**
 * The public monthly figures shown on {@code /transparency} (the integrator reads them from the
 * published state and the store, off the event loop).
 */
@FunctionalInterface
public interface Figures {
  CompletableFuture<List<MonthFigures>> months();

  /** No figures (a stop page without a store). */
  Figures NONE = () -> CompletableFuture.completedFuture(List.of());
}
