package org.blocklist.rpz;

/** How a transfer brought a secondary to the current version. */
public enum TransferKind {
  /** The whole zone (an AXFR, or an IXFR the server could not serve incrementally). */
  AXFR,
  /** The condensed changes since the secondary's serial (RFC 1995). */
  IXFR,
  /** The secondary already held the current version: the SOA alone. */
  CURRENT
}
