package org.blocklist.console;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.blocklist.principal.Role;

/**
 * One page of the console: a path under {@code /console/}, the roles that may open it, and what a
 * {@code GET} and a {@code POST} answer. Adding a page is one class like this and one template in
 * {@code src/main/jte}, then one line in {@link Console#pages}. The console has already checked the
 * session, the role, the rate and (for a {@code POST}) the CSRF token when these run.
 */
interface Page {
  /** The path after {@code /console/}; one segment may be {@code {n}} (a number). */
  String path();

  /** Roles that may open it. */
  Set<Role> roles();

  /** The key of its entry in the navigation bar, or null for a page reached from another. */
  default String navKey() {
    return null;
  }

  CompletableFuture<View> get(Call call);

  /** A form sent to the page; by default pages take none. */
  default CompletableFuture<View> post(Call call) {
    throw new ConsoleException(405, "error.method");
  }
}
