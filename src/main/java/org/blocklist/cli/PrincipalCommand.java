package org.blocklist.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.blocklist.auth.PrincipalException;
import org.blocklist.config.Config;
import org.blocklist.config.ConfigException;
import org.blocklist.config.ConfigLoader;
import org.blocklist.ledger.Principals;
import org.blocklist.ledger.StoreException;
import org.blocklist.principal.Principal;
import org.blocklist.principal.Role;
import org.blocklist.store.Database;
import org.blocklist.store.JdbcStore;
import org.blocklist.store.Stores;

/**
 * {@code principal add|revoke}: works on the store directly, whether or not the server runs; a
 * running server sees the change at once (it looks up unknown tokens in the store).
 */
final class PrincipalCommand {
  private PrincipalCommand() {}

  static int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
    if (args.isEmpty()) {
      throw new UsageException("principal needs add or revoke");
    }
    String verb = args.get(0);
    List<String> rest = args.subList(1, args.size());
    return switch (verb) {
      case "add" -> add(new Args(rest, Set.of("--config", "--data", "--role", "--name")), out, err);
      case "revoke" -> revoke(new Args(rest, Set.of("--config", "--data", "--name")), out, err);
      default -> throw new UsageException("unknown principal command " + verb);
    };
  }

  private static int add(Args a, PrintStream out, PrintStream err) throws UsageException {
    Principal principal = principal(a.required("--name"), a.required("--role"));
    try {
      try (JdbcStore store = open(a)) {
        String token =
            Principals.add(
                store, principal, actor(), Clock.systemUTC().instant(), new SecureRandom());
        out.println(
            "added "
                + principal.role().code()
                + " "
                + principal.name()
                + "; its token is shown once, on the next line:");
        out.println(token);
        return Main.OK;
      }
    } catch (PrincipalException e) {
      err.println("blocklist: " + e.getMessage());
      return Main.FAILED;
    } catch (StoreException e) {
      err.println("blocklist: " + e.getMessage());
      return Main.FAILED;
    }
  }

  private static int revoke(Args a, PrintStream out, PrintStream err) throws UsageException {
    String name = a.required("--name");
    try {
      try (JdbcStore store = open(a)) {
        Principal p = Principals.revoke(store, name, actor(), Clock.systemUTC().instant());
        out.println("revoked " + p.role().code() + " " + p.name());
        return Main.OK;
      }
    } catch (PrincipalException e) {
      err.println("blocklist: " + e.getMessage());
      return Main.FAILED;
    } catch (StoreException e) {
      err.println("blocklist: " + e.getMessage());
      return Main.FAILED;
    }
  }

  /**
   * The store of {@code --config} (SQLite in its data directory, or the shared PostgreSQL), the
   * data directory overridden by {@code --data}; without {@code --config}, SQLite in {@code
   * --data}.
   */
  private static JdbcStore open(Args a) throws UsageException, StoreException {
    if (a.get("--config") == null) {
      return JdbcStore.open(Database.open(Path.of(a.required("--data"))));
    }
    Config config;
    try {
      config = new ConfigLoader().load(Path.of(a.get("--config")));
    } catch (ConfigException e) {
      throw new StoreException(e.getMessage(), e);
    }
    Path data = (a.get("--data") != null) ? Path.of(a.get("--data")) : config.data();
    Config.Store s = config.store();
    return JdbcStore.open(Stores.open(s.kind(), data, s.url(), s.user(), s.passwordFile()));
  }

  private static Principal principal(String name, String role) throws UsageException {
    try {
      return new Principal(name, Role.fromCode(role));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** Events written by the command line name the operating-system user. */
  private static String actor() {
    String user = System.getProperty("user.name", "unknown").replaceAll("[^A-Za-z0-9._-]", "_");
    return "cli:" + (user.isEmpty() ? "unknown" : user);
  }
}
