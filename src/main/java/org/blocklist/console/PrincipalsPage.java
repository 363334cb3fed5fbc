package org.blocklist.console;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.blocklist.principal.Principal;
import org.blocklist.principal.Role;

/**
 * Admin: the principals by role, add one ({@code POST /v1/principals}: the token is shown once, on
 * the answer to the form, with a copy button) and revoke one ({@code DELETE /v1/principals/{name}},
 * which also ends every console session of that principal); and the open console sessions, each of
 * which the admin may end.
 */
final class PrincipalsPage implements Page {
  static final String PATH = "principals";

  private final ConsoleContext context;
  private final Sessions sessions;

  PrincipalsPage(ConsoleContext context, Sessions sessions) {
    this.context = requireNonNull(context, "context");
    this.sessions = requireNonNull(sessions, "sessions");
  }

  public record Group(String role, List<String> names) {}

  public record SessionRow(String id, String name, String role, String started, boolean mine) {}

  /** A principal just added and its token, shown once. */
  public record Added(String name, String role, String token) {}

  public record Model(
      List<Group> groups, List<SessionRow> sessions, List<String> roles, Added added, Notice notice)
      implements Titled {
    @Override
    public String titleKey() {
      return "principals.title";
    }
  }

  @Override
  public String path() {
    return PATH;
  }

  @Override
  public Set<Role> roles() {
    return Set.of(Role.ADMIN);
  }

  @Override
  public String navKey() {
    return "nav.principals";
  }

  @Override
  public CompletableFuture<View> get(Call call) {
    String revoked = call.query().get("revoked");
    String ended = call.query().get("ended");
    Notice notice = null;
    if (revoked != null && Principal.NAME.matcher(revoked).matches()) {
      notice = Notice.ok(call.t().plain("principals.revoked", revoked));
    } else if (ended != null) {
      notice = Notice.ok(call.t().plain("principals.ended"));
    }
    return page(call, null, notice, 200);
  }

  @Override
  public CompletableFuture<View> post(Call call) {
    String action = call.form().getOrEmpty("action");
    switch (action) {
      case "add" -> {
        Principal p;
        try {
          p =
              new Principal(
                  call.form().getOrEmpty("name").strip(),
                  Role.fromCode(call.form().getOrEmpty("role")));
        } catch (IllegalArgumentException e) {
          return page(
              call, null, new Notice(true, call.t().plain("principals.badName"), List.of()), 400);
        }
        return context
            .ledger()
            .addPrincipal(call.who(), p)
            .handle((token, e) -> e == null ? token : failed(e))
            .thenCompose(
                token ->
                    token instanceof Failed f
                        ? page(call, null, Notice.of(f.error(), call.t()), 409)
                        : page(
                            call,
                            new Added(p.name(), p.role().code(), (String) token),
                            Notice.ok(call.t().plain("principals.added", p.name())),
                            201));
      }
      case "revoke" -> {
        String name = call.form().getOrEmpty("name");
        return context
            .ledger()
            .revokePrincipal(call.who(), name)
            .handle((p, e) -> e == null ? p : failed(e))
            .thenCompose(
                p -> {
                  if (p instanceof Failed f) {
                    return page(call, null, Notice.of(f.error(), call.t()), 409);
                  }
                  context.authenticator().invalidateAll();
                  sessions.endAllOf(name);
                  return CompletableFuture.completedFuture(
                      View.redirect(Console.PREFIX + PATH + "?revoked=" + Links.encode(name)));
                });
      }
      case "end" -> {
        sessions.endByShortId(call.form().getOrEmpty("session"));
        return CompletableFuture.completedFuture(View.redirect(Console.PREFIX + PATH + "?ended=1"));
      }
      default -> throw new ConsoleException(400, "error.badRequest");
    }
  }

  private record Failed(Throwable error) {}

  private static Object failed(Throwable e) {
    return new Failed(e);
  }

  private CompletableFuture<View> page(Call call, Added added, Notice notice, int status) {
    List<CompletableFuture<List<Principal>>> reads = new ArrayList<>();
    for (Role r : Role.values()) {
      reads.add(context.records().principals(r));
    }
    return CompletableFuture.allOf(reads.toArray(new CompletableFuture<?>[0]))
        .thenApply(
            v -> {
              List<Group> groups = new ArrayList<>();
              List<String> roles = new ArrayList<>();
              for (Role r : Role.values()) {
                roles.add(r.code());
                groups.add(
                    new Group(
                        r.code(),
                        reads.get(r.ordinal()).join().stream().map(Principal::name).toList()));
              }
              List<SessionRow> open = new ArrayList<>();
              for (Session s : sessions.all()) {
                open.add(
                    new SessionRow(
                        s.shortId(),
                        s.principal().name(),
                        s.principal().role().code(),
                        RequisitionRow.time(s.started()),
                        s.key().equals(call.session().key())));
              }
              return new View.Html(
                  status, "principals", new Model(groups, open, roles, added, notice));
            });
  }
}
