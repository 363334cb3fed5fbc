package org.blocklist.ledger;

import static java.util.Objects.requireNonNull;

/**
 * One {@code principals} row as stored, each column as its text (see {@link StoredRequisition});
 * {@code revoked} is null while the principal is active. The token hash is left out: no event
 * carries it.
 */
public record StoredPrincipal(String name, String role, String created, String revoked) {
  public StoredPrincipal {
    requireNonNull(name, "name");
    requireNonNull(role, "role");
    requireNonNull(created, "created");
  }
}
