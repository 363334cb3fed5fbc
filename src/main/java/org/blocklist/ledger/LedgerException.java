package org.blocklist.ledger;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A request the ledger refused; nothing was stored. */
public final class LedgerException extends Exception {
  private static final long serialVersionUID = 1L;

  private final Problem problem;
  private final transient List<Detail> details;

  public LedgerException(Problem problem, String message) {
    this(problem, message, List.of());
  }

  public LedgerException(Problem problem, String message, List<Detail> details) {
    super(message);
    this.problem = requireNonNull(problem, "problem");
    this.details = List.copyOf(details);
  }

  public Problem problem() {
    return problem;
  }

  public List<Detail> details() {
    return details;
  }
}
