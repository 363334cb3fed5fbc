package org.blocklist.rpz;

/**
 * The zone's SOA serial is the list version, modulo 2^32, compared with <a
 * href="https://www.rfc-editor.org/rfc/rfc1982">RFC 1982</a> serial number arithmetic ({@code
 * SERIAL_BITS} = 32): a secondary at serial {@code s} is behind version {@code v} by {@code
 * (serial(v) - s) mod 2^32} when that is below 2^31, ahead of it when above, and incomparable when
 * exactly 2^31.
 */
public final class Serials {
  /** 2^32: serials wrap here. */
  static final long MODULUS = 1L << 32;

  /** 2^31: the largest distance RFC 1982 can order, exclusive. */
  static final long HALF = 1L << 31;

  /** {@link #behind} for a serial ahead of the version's own. */
  static final long AHEAD = -1;

  /** {@link #behind} for a serial exactly 2^31 away: RFC 1982 leaves the order undefined. */
  static final long INCOMPARABLE = -2;

  private Serials() {}

  /** The SOA serial of {@code version}: its low 32 bits. */
  public static long serialOf(long version) {
    if (version < 0) {
      throw new IllegalArgumentException("version: " + version + " (expected: 0 or more)");
    }
    return version & (MODULUS - 1);
  }

  /**
   * How many versions a secondary holding {@code serial} is behind {@code version}: 0 when current,
   * 1 to 2^31-1 when behind, {@link #AHEAD} or {@link #INCOMPARABLE} otherwise.
   */
  static long behind(long serial, long version) {
    if (serial < 0 || serial >= MODULUS) {
      throw new IllegalArgumentException("serial: " + serial + " (expected: 0.." + (MODULUS - 1));
    }
    long d = Math.floorMod(serialOf(version) - serial, MODULUS);
    if (d < HALF) {
      return d;
    }
    return d == HALF ? INCOMPARABLE : AHEAD;
  }
}
