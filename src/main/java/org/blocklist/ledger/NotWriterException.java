package org.blocklist.ledger;

import java.util.Optional;

/**
 * This replica does not write: another one does (its advertised API URL, if known, is where the
 * write should go), or none does right now. Nothing was written.
 */
public final class NotWriterException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String writer;
  private final int retryAfterSeconds;

  public NotWriterException(String message, String writer, int retryAfterSeconds) {
    super(message);
    this.writer = writer == null || writer.isEmpty() ? null : writer;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The API URL of the writer, as it advertised it; empty when no writer is known. */
  public Optional<String> writer() {
    return Optional.ofNullable(writer);
  }

  /** When a client should try again: a writer should have taken over by then. */
  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
