package org.blocklist.requisition;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A request refused by the requisition rules; nothing was stored. */
public final class RequisitionException extends Exception {
  private static final long serialVersionUID = 1L;

  private final Problem problem;
  private final transient List<Detail> details;

  public RequisitionException(Problem problem, String message) {
    this(problem, message, List.of());
  }

  public RequisitionException(Problem problem, String message, List<Detail> details) {
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
