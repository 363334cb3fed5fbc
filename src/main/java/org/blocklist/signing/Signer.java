package org.blocklist.signing;

/** Signs messages with one private key (a one-method primitive, in the style of Tink). */
public interface Signer {

  /** Returns the signature of {@code message}; never fails for a well-formed key. */
  Signature sign(byte[] message);
}
