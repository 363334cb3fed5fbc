package org.blocklist.console;

import static java.util.Objects.requireNonNull;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.blocklist.principal.Role;

/** Sign-out (a form in the header of every page): the session ends on the server at once. */
final class SignOutPage implements Page {
  static final String PATH = "sign-out";

  private final Sessions sessions;

  SignOutPage(Sessions sessions) {
    this.sessions = requireNonNull(sessions, "sessions");
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
    throw new ConsoleException(405, "error.method");
  }

  @Override
  public CompletableFuture<View> post(Call call) {
    sessions.end(call.session());
    call.setCookie(Cookies.write(Cookies.SESSION, null, call.request().secure(), 0));
    return CompletableFuture.completedFuture(
        View.redirect(Console.PREFIX + SignInPage.PATH + "?out=1"));
  }
}
