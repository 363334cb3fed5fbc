package org.blocklist.signing;

import java.math.BigInteger;

/**
 * Independent arithmetic on edwards25519 (RFC 8032, sections 5.1.3 and 5.1.4) with BigInteger, for
 * tests only: it checks that the points we call small order really are, so a test does not trust
 * the code (BouncyCastle) it tests.
 */
final class EdwardsTestMath {
  private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
  private static final BigInteger D =
      BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
  private static final BigInteger SQRT_M1 =
      BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P);

  private EdwardsTestMath() {}

  /** The point {x, y} of an encoding, y taken mod p (non-canonical encodings too); null if none. */
  static BigInteger[] decode(byte[] encoded) {
    byte[] bigEndian = new byte[32];
    for (int i = 0; i < 32; i++) {
      bigEndian[i] = encoded[31 - i];
    }
    boolean sign = (bigEndian[0] & 0x80) != 0;
    bigEndian[0] &= 0x7f;
    BigInteger y = new BigInteger(1, bigEndian).mod(P);
    BigInteger y2 = y.multiply(y).mod(P);
    BigInteger u = y2.subtract(BigInteger.ONE).mod(P);
    BigInteger v = D.multiply(y2).add(BigInteger.ONE).mod(P);
    BigInteger x2 = u.multiply(v.modInverse(P)).mod(P);
    BigInteger x = x2.modPow(P.add(BigInteger.valueOf(3)).shiftRight(3), P);
    if (!x.multiply(x).mod(P).equals(x2)) {
      x = x.multiply(SQRT_M1).mod(P);
    }
    if (!x.multiply(x).mod(P).equals(x2)) {
      return null;
    }
    if (x.testBit(0) != sign) {
      x = P.subtract(x).mod(P);
    }
    return new BigInteger[] {x, y};
  }

  static BigInteger[] add(BigInteger[] a, BigInteger[] b) {
    BigInteger xx = a[0].multiply(b[0]).mod(P);
    BigInteger yy = a[1].multiply(b[1]).mod(P);
    BigInteger dxxyy = D.multiply(xx).multiply(yy).mod(P);
    BigInteger x = a[0].multiply(b[1]).add(b[0].multiply(a[1])).mod(P);
    BigInteger y = yy.add(xx).mod(P);
    return new BigInteger[] {
      x.multiply(BigInteger.ONE.add(dxxyy).modInverse(P)).mod(P),
      y.multiply(BigInteger.ONE.subtract(dxxyy).mod(P).modInverse(P)).mod(P)
    };
  }

  /** The canonical RFC 8032 encoding of {x, y}. */
  static byte[] encode(BigInteger[] point) {
    byte[] bigEndian = point[1].toByteArray();
    byte[] out = new byte[32];
    for (int i = 0; i < bigEndian.length && i < 32; i++) {
      out[i] = bigEndian[bigEndian.length - 1 - i];
    }
    if (point[0].testBit(0)) {
      out[31] |= (byte) 0x80;
    }
    return out;
  }

  /** Whether 8 * point is the identity (0, 1): the point is one of the 8 torsion points. */
  static boolean isSmallOrder(byte[] encoded) {
    BigInteger[] point = decode(encoded);
    if (point == null) {
      throw new IllegalArgumentException("not a curve point");
    }
    for (int i = 0; i < 3; i++) {
      point = add(point, point);
    }
    return point[0].signum() == 0 && point[1].equals(BigInteger.ONE);
  }
}
