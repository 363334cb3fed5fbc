package org.blocklist.log;

/**
 * Manifest text that is not exactly in the format of {@link Manifest#text()}; the message names the
 * line, what was found there and what was expected.
 */
public final class ManifestFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public ManifestFormatException(String message) {
    super(message);
  }
}
