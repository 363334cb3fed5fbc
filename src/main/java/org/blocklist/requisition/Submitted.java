package org.blocklist.requisition;

import java.util.List;
import org.blocklist.domain.Canonical;

/** A stored requisition and how each input was normalised into its domains. */
public record Submitted(Requisition requisition, List<Canonical> normalised) {
  public Submitted {
    normalised = List.copyOf(normalised);
  }
}
