package org.blocklist.auth;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.blocklist.audit.AuditEvent;
import org.blocklist.audit.AuditLog;
import org.blocklist.audit.EventType;
import org.blocklist.store.PrincipalRows;

/**
 * Adds and revokes principals inside a store transaction, with their audit events. Shared by the
 * {@code principal} command and {@code /v1/principals}, so both leave the same trail.
 */
public final class PrincipalAdmin {
  private PrincipalAdmin() {}

  /** Adds {@code principal} and returns its token, which is shown once and stored as a hash. */
  public static String add(
      Connection c, Principal principal, String actor, Instant now, SecureRandom random)
      throws SQLException, PrincipalException {
    if (PrincipalRows.exists(c, principal.name())) {
      throw new PrincipalException(
          PrincipalException.Kind.EXISTS, "principal " + principal.name() + " already exists");
    }
    String token = Tokens.generate(random);
    PrincipalRows.insert(c, principal, Tokens.hash(token), now);
    AuditLog.append(
        c,
        AuditEvent.of(
            EventType.PRINCIPAL_ADDED,
            now,
            actor,
            "principal",
            principal.name(),
            "role",
            principal.role().code()));
    return token;
  }

  public static Principal revoke(Connection c, String name, String actor, Instant now)
      throws SQLException, PrincipalException {
    Optional<Principal> revoked = PrincipalRows.revoke(c, name, now);
    if (revoked.isEmpty()) {
      throw new PrincipalException(
          PrincipalException.Kind.NOT_FOUND, "no active principal named " + name);
    }
    AuditLog.append(c, AuditEvent.of(EventType.PRINCIPAL_REVOKED, now, actor, "principal", name));
    return revoked.get();
  }
}
