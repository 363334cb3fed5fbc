package org.blocklist.log;

/** A Merkle inclusion or consistency proof that does not verify. */
public final class ProofException extends Exception {
  private static final long serialVersionUID = 1L;

  public ProofException(String message) {
    super(message);
  }
}
