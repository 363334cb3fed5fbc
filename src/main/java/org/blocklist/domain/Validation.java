package org.blocklist.domain;

import java.util.List;

/**
 * The outcome of {@link RequisitionDomainValidator#validate}: the accepted and the refused inputs,
 * each in input order. A requisition may be stored only when {@link #ok()}.
 */
public record Validation(List<Canonical> accepted, List<Refusal> refused) {
  public Validation {
    accepted = List.copyOf(accepted);
    refused = List.copyOf(refused);
  }

  /** Whether no input was refused. */
  public boolean ok() {
    return refused.isEmpty();
  }
}
