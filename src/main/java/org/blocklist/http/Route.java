package org.blocklist.http;

import static org.blocklist.principal.Role.ADMIN;
import static org.blocklist.principal.Role.AUDITOR;
import static org.blocklist.principal.Role.HOTLINE;
import static org.blocklist.principal.Role.ISP;
import static org.blocklist.principal.Role.POLICE;
import static org.blocklist.principal.Role.PROSECUTOR;

import io.netty.handler.codec.http.HttpMethod;
import java.util.EnumSet;
import java.util.Set;
import org.blocklist.principal.Role;

/**
 * Every route of the API and who may call it (DESIGN.md, "HTTP API"). An empty role set means
 * anyone, without a token. Path templates use {@code {name}} for one segment.
 */
enum Route {
  SUBMIT_REQUISITION(HttpMethod.POST, "/v1/requisitions", POLICE),
  VALIDATE_REQUISITION(HttpMethod.POST, "/v1/requisitions/validate", POLICE),
  LIST_REQUISITIONS(HttpMethod.GET, "/v1/requisitions", POLICE, PROSECUTOR, AUDITOR),
  GET_REQUISITION(HttpMethod.GET, "/v1/requisitions/{id}", POLICE, PROSECUTOR, AUDITOR),
  APPROVE(HttpMethod.POST, "/v1/requisitions/{id}/approve", PROSECUTOR),
  REJECT(HttpMethod.POST, "/v1/requisitions/{id}/reject", PROSECUTOR),
  WITHDRAW(HttpMethod.POST, "/v1/requisitions/{id}/withdraw", POLICE),
  CHECKPOINT(HttpMethod.GET, "/v1/checkpoint"),
  KEYS(HttpMethod.GET, "/v1/keys"),
  VERSIONS(HttpMethod.GET, "/v1/versions"),
  VERSION(HttpMethod.GET, "/v1/versions/{n}"),
  CHANGES(HttpMethod.GET, "/v1/versions/{n}/changes", ISP, PROSECUTOR, AUDITOR),
  INCLUSION_PROOF(HttpMethod.GET, "/v1/proof/inclusion"),
  CONSISTENCY_PROOF(HttpMethod.GET, "/v1/proof/consistency"),
  DELTA(HttpMethod.GET, "/v1/delta", ISP),
  SNAPSHOT(HttpMethod.GET, "/v1/snapshot", ISP, AUDITOR),
  LOOKUP(HttpMethod.GET, "/v1/lookup", ISP, POLICE, PROSECUTOR, AUDITOR),
  LOOKUP_BATCH(HttpMethod.POST, "/v1/lookup", ISP, POLICE, PROSECUTOR, AUDITOR),
  ISPS(HttpMethod.GET, "/v1/isps", PROSECUTOR, AUDITOR, ADMIN),
  AUDIT_EVENTS(HttpMethod.GET, "/v1/audit/events", AUDITOR),
  ADD_PRINCIPAL(HttpMethod.POST, "/v1/principals", ADMIN),
  REVOKE_PRINCIPAL(HttpMethod.DELETE, "/v1/principals/{name}", ADMIN),
  SUBMIT_REPORT(HttpMethod.POST, "/v1/reports", HOTLINE),
  LIST_REPORTS(HttpMethod.GET, "/v1/reports", POLICE, HOTLINE),
  DISMISS_REPORT(HttpMethod.POST, "/v1/reports/{id}/dismiss", POLICE),
  REQUISITION_REPORT(HttpMethod.POST, "/v1/reports/{id}/requisition", POLICE),
  REVIEWS(HttpMethod.GET, "/v1/reviews", PROSECUTOR, AUDITOR),
  RENEW(HttpMethod.POST, "/v1/reviews/renew", PROSECUTOR),
  SUBMIT_APPEAL(HttpMethod.POST, "/v1/appeals"),
  LIST_APPEALS(HttpMethod.GET, "/v1/appeals", PROSECUTOR, AUDITOR),
  ANSWER_APPEAL(HttpMethod.POST, "/v1/appeals/{id}/answer", PROSECUTOR),
  TRANSPARENCY(HttpMethod.GET, "/v1/transparency"),
  METRICS(HttpMethod.GET, "/metrics"),
  HEALTHZ(HttpMethod.GET, "/healthz");

  private final HttpMethod method;
  private final String[] segments;
  private final Set<Role> roles;

  Route(HttpMethod method, String template, Role... roles) {
    this.method = method;
    this.segments = template.substring(1).split("/");
    this.roles = roles.length == 0 ? Set.of() : EnumSet.of(roles[0], roles);
  }

  HttpMethod method() {
    return method;
  }

  /** Roles allowed; empty for routes open to anyone. */
  Set<Role> roles() {
    return roles;
  }

  boolean isOpen() {
    return roles.isEmpty();
  }

  String template() {
    return "/" + String.join("/", segments);
  }

  /** The query parameters the route reads (DESIGN.md); any other is refused with 400. */
  java.util.List<String> parameters() {
    return switch (this) {
      case LIST_REQUISITIONS, LIST_APPEALS -> java.util.List.of("status", "from", "limit");
      case LIST_REPORTS -> java.util.List.of("status", "requisition", "from", "limit");
      case REVIEWS -> java.util.List.of("due", "from", "limit");
      case VERSIONS, AUDIT_EVENTS -> java.util.List.of("from", "limit");
      case INCLUSION_PROOF -> java.util.List.of("version", "treeSize");
      case CONSISTENCY_PROOF -> java.util.List.of("from", "to");
      case DELTA -> java.util.List.of("from", "wait");
      case LOOKUP -> java.util.List.of("domain");
      default -> java.util.List.of();
    };
  }

  /** The value of the one template variable if {@code path} matches, "" if none, else null. */
  String match(String[] path) {
    if (path.length != segments.length) {
      return null;
    }
    String variable = "";
    for (int i = 0; i < segments.length; i++) {
      if (segments[i].startsWith("{")) {
        if (path[i].isEmpty()) {
          return null;
        }
        variable = path[i];
      } else if (!segments[i].equals(path[i])) {
        return null;
      }
    }
    return variable;
  }
}
