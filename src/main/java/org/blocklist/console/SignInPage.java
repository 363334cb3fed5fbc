package org.blocklist.console;

import static java.util.Objects.requireNonNull;

import java.util.Base64;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.blocklist.principal.Role;

/**
 * Sign-in: a principal pastes its token once and gets a session cookie; the token goes in a form
 * body, never a URL, and is logged nowhere. Before there is a session the form's CSRF token is a
 * random value in the {@code blocklist_signin} cookie that the form must repeat.
 */
final class SignInPage implements Page {
  static final String PATH = "sign-in";

  /** Longest token read from the form (the API's tokens are far shorter). */
  static final int MAX_TOKEN = 512;

  private final ConsoleContext context;
  private final Sessions sessions;

  SignInPage(ConsoleContext context, Sessions sessions) {
    this.context = requireNonNull(context, "context");
    this.sessions = requireNonNull(sessions, "sessions");
  }

  /** The sign-in form; {@code error} is a message in words or null. */
  public record Model(String next, String csrf, String error, boolean signedOut) implements Titled {
    @Override
    public String titleKey() {
      return "signIn.title";
    }
  }

  @Override
  public String path() {
    return PATH;
  }

  @Override
  public Set<Role> roles() {
    return Set.of(Role.values());
  }

  @Override
  public CompletableFuture<View> get(Call call) {
    if (call.session() != null) {
      return CompletableFuture.completedFuture(
          View.redirect(Links.safeNext(call.query().get("next"))));
    }
    return CompletableFuture.completedFuture(form(call, 200, null));
  }

  @Override
  public CompletableFuture<View> post(Call call) {
    String expected = Cookies.read(call.request().header("cookie"), Cookies.SIGN_IN);
    if (!Console.same(call.form().get("csrf"), expected)) {
      throw new ConsoleException(403, "error.csrf");
    }
    String token = call.form().getOrEmpty("token").trim();
    String next = Links.safeNext(call.form().get("next"));
    if (token.isEmpty() || token.length() > MAX_TOKEN) {
      return CompletableFuture.completedFuture(form(call, 401, call.t().plain("signIn.unknown")));
    }
    return context
        .authenticator()
        .authenticate(token)
        .thenApply(
            found -> {
              if (found.isEmpty()) {
                return form(call, 401, call.t().plain("signIn.unknown"));
              }
              Sessions.Opened opened = sessions.open(found.get(), token);
              call.setCookie(
                  Cookies.write(Cookies.SESSION, opened.cookie(), call.request().secure(), 0));
              String to = next.equals(Console.PREFIX) ? Console.home(found.get().role()) : next;
              return View.redirect(to);
            });
  }

  private View form(Call call, int status, String error) {
    byte[] bytes = new byte[32];
    context.random().nextBytes(bytes);
    String csrf = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    call.setCookie(Cookies.write(Cookies.SIGN_IN, csrf, call.request().secure(), 0));
    String next =
        Links.safeNext(
            call.request().method().equals("POST")
                ? call.form().get("next")
                : call.query().get("next"));
    boolean out = call.request().method().equals("GET") && call.query().get("out") != null;
    return new View.Html(status, "signin", new Model(next, csrf, error, out));
  }
}
