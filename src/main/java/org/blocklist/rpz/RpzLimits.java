package org.blocklist.rpz;

/**
 * What one client may cost the server.
 *
 * @param maxQueryBytes largest query accepted over TCP (a longer frame closes the connection)
 * @param idleSeconds a TCP connection with nothing read or written for this long is closed
 * @param transfersPerAddress transfers streaming at once to one source address; more are REFUSED
 * @param maxTransfers transfers streaming at once in all; more are REFUSED
 * @param maxIxfrNames an IXFR is served when the versions a secondary lacks changed at most this
 *     many names in all, else the whole zone is sent (condensing runs on the event loop)
 */
public record RpzLimits(
    int maxQueryBytes,
    int idleSeconds,
    int transfersPerAddress,
    int maxTransfers,
    int maxIxfrNames) {
  /** A query with TSIG and EDNS is a few hundred bytes; nothing legitimate comes near this. */
  public static final int MAX_QUERY_BYTES = 4096;

  /** RFC 7766 section 6.2.3 suggests seconds; BIND's {@code tcp-idle-timeout} is 30 s. */
  public static final int IDLE_SECONDS = 30;

  public static final int TRANSFERS_PER_ADDRESS = 4;

  public static final int MAX_TRANSFERS = 64;

  /** About 3 ms of condensing; an approval changes at most 1,000 names by default. */
  public static final int MAX_IXFR_NAMES = 20_000;

  public RpzLimits {
    check("maxQueryBytes", maxQueryBytes, 512, 65_535);
    check("idleSeconds", idleSeconds, 1, 3600);
    check("transfersPerAddress", transfersPerAddress, 1, 10_000);
    check("maxTransfers", maxTransfers, 1, 100_000);
    check("maxIxfrNames", maxIxfrNames, 0, 10_000_000);
  }

  /** The defaults above, with {@code transfersPerAddress} chosen. */
  public static RpzLimits withTransfersPerAddress(int transfersPerAddress) {
    return new RpzLimits(
        MAX_QUERY_BYTES, IDLE_SECONDS, transfersPerAddress, MAX_TRANSFERS, MAX_IXFR_NAMES);
  }

  public static RpzLimits defaults() {
    return withTransfersPerAddress(TRANSFERS_PER_ADDRESS);
  }

  private static void check(String what, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          what + ": " + value + " (expected: " + min + ".." + max + ")");
    }
  }
}
