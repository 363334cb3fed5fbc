package org.blocklist.requisition;

import java.util.List;
import org.blocklist.domain.Canonical;
import org.blocklist.domain.Refusal;

/**
 * What a submission would become, computed and stored nowhere ({@code POST
 * /v1/requisitions/validate}, the console's preview): each accepted input's canonical form, each
 * refused input with its reason, and each accepted name that conflicts with the list (a block of a
 * listed name, an unblock of an unlisted one).
 */
public record Preview(List<Canonical> accepted, List<Refusal> refused, List<Conflict> conflicts) {
  public Preview {
    accepted = List.copyOf(accepted);
    refused = List.copyOf(refused);
    conflicts = List.copyOf(conflicts);
  }

  /** A name the list already has (block) or lacks (unblock), with the problem a submission gets. */
  public record Conflict(String domain, Problem problem, String message) {}

  /** Whether a submission of the same body would pass the domain checks now. */
  public boolean ok() {
    return refused.isEmpty() && conflicts.isEmpty();
  }
}
