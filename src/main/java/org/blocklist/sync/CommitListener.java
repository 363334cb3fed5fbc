package org.blocklist.sync;

import java.util.List;

/**
 * Told of each version once the synchronizer has verified it and committed it to the state
 * directory (and written the output), on the synchronizer's thread; it must return at once. This is
 * how the agent's RPZ zone ({@code --serve-rpz}) follows the trusted version and nothing else.
 */
@FunctionalInterface
interface CommitListener {
  CommitListener NONE = (from, state, added, removed) -> {};

  /**
   * {@code state} is the trusted version now, reached from version {@code from} by {@code added}
   * and {@code removed} (sorted; the whole list when {@code from} is 0).
   */
  void committed(long from, TrustedState state, List<String> added, List<String> removed);
}
