package org.blocklist.rpz;

import java.util.List;
import java.util.Optional;

/** One version of the list, immutable: what an AXFR streams and an IXFR starts from. */
public interface ZoneVersion {
  /** The version, 0 or more; the SOA serial is {@link Serials#serialOf} of it. */
  long version();

  /**
   * The entries: canonical names (lower-case ASCII, no trailing dot), sorted by byte order. Read by
   * index while a transfer streams, so random access must be cheap.
   */
  List<String> entries();

  /**
   * The net changes from {@code from} (below {@link #version()}) to this version, or empty when
   * {@code from} is unknown here or when more than {@code maxNames} names changed in the versions
   * between (the summed per-version changes, counted before condensing). The server then sends the
   * whole zone instead.
   */
  Optional<ZoneChanges> changesSince(long from, int maxNames);
}
