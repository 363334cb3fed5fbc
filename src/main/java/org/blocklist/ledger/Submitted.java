package org.blocklist.ledger;

import java.util.List;
import org.blocklist.domain.Canonical;
import org.blocklist.requisition.Requisition;

/** A stored requisition and how each input was normalised into its domains. */
public record Submitted(Requisition requisition, List<Canonical> normalised) {
  public Submitted {
    normalised = List.copyOf(normalised);
  }
}
