package org.blocklist.signing;

/** Verifies signatures made by one key; throws instead of returning a boolean. */
public interface Verifier {

  /**
   * Returns normally if {@code signature} is a valid signature of {@code message}.
   *
   * @throws SignatureException if it is not
   */
  void verify(Signature signature, byte[] message) throws SignatureException;
}
