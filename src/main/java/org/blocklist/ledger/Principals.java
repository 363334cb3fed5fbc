package org.blocklist.ledger;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.blocklist.audit.AuditEvent;
import org.blocklist.audit.EventType;
import org.blocklist.auth.PrincipalException;
import org.blocklist.auth.Tokens;
import org.blocklist.principal.Principal;

/**
 * Adds and revokes principals with their audit events. Shared by the writer ({@code
 * /v1/principals}) and the {@code principal} command, which works on the store whether or not the
 * server runs, so both leave the same trail.
 */
public final class Principals {
  private Principals() {}

  /** Adds {@code principal} and returns its token, which is shown once and stored as a hash. */
  public static String add(
      LedgerStore store, Principal principal, String actor, Instant now, SecureRandom random)
      throws StoreException, PrincipalException {
    if (principal.name().equals(org.blocklist.requisition.LegalBasis.SYSTEM_REVIEW)) {
      throw new PrincipalException(
          PrincipalException.Kind.EXISTS,
          "principal " + principal.name() + " is reserved for the service's review expiry");
    }
    String token = Tokens.generate(random);
    AuditEvent event =
        AuditEvent.of(
            EventType.PRINCIPAL_ADDED,
            now,
            actor,
            "principal",
            principal.name(),
            "role",
            principal.role().code());
    ChainedWrite.run(
        store,
        head -> {
          if (store.principalExists(principal.name())) {
            throw new PrincipalException(
                PrincipalException.Kind.EXISTS,
                "principal " + principal.name() + " already exists");
          }
          store.addPrincipal(principal, Tokens.hash(token), now, head.chain(List.of(event)));
          return null;
        });
    return token;
  }

  /** Revokes the active principal {@code name} and returns it. */
  public static Principal revoke(LedgerStore store, String name, String actor, Instant now)
      throws StoreException, PrincipalException {
    AuditEvent event = AuditEvent.of(EventType.PRINCIPAL_REVOKED, now, actor, "principal", name);
    return ChainedWrite.run(
        store,
        head -> {
          Principal active =
              store
                  .activePrincipal(name)
                  .orElseThrow(
                      () ->
                          new PrincipalException(
                              PrincipalException.Kind.NOT_FOUND,
                              "no active principal named " + name));
          store.revokePrincipal(name, now, head.chain(List.of(event)));
          return active;
        });
  }
}
