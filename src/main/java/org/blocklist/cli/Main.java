package org.blocklist.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar target/blocklist.jar COMMAND ...}. Exit status: 0 ok, 1 refused or failed, 2
 * usage error (DESIGN.md, "Command line").
 */
public final class Main {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  static final String USAGE_TEXT =
      """
      usage:
        java -jar target/blocklist.jar serve [--config FILE] [--data DIR] [--http-port N] [--stop-port N] [--dns-port N]
        java -jar target/blocklist.jar principal add (--data DIR | --config FILE [--data DIR]) --role ROLE --name NAME
        java -jar target/blocklist.jar principal revoke (--data DIR | --config FILE [--data DIR]) --name NAME
        java -jar target/blocklist.jar backup --data DIR --out FILE
        java -jar target/blocklist.jar store copy --from DIR --to JDBC-URL [--user USER] [--password-file FILE]
        java -jar target/blocklist.jar cert dev --out DIR [--client NAME[,NAME...]] [--days N]
        java -jar target/blocklist.jar sync --server URL (--token TOKEN | --token-file FILE) --trust KEY --state DIR
             [--format text|rpz|unbound|hosts] [--out FILE] [--zone NAME] [--once] [--max-age SECONDS]
             [--on-change CMD] [--metrics ADDR:PORT] [--serve-rpz ADDR:PORT (not available yet)]
        java -jar target/blocklist.jar verify --server URL --token TOKEN --trust KEY [--archive DIR]
        java -jar target/blocklist.jar verify --archive DIR --trust KEY
      roles: police, prosecutor, isp, auditor, admin
      """;

  private Main() {}

  @SuppressForbidden(reason = "the command line talks to its terminal")
  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    int status = run(Arrays.asList(args), out, err);
    if (status != OK || !(args.length > 0 && args[0].equals("serve"))) {
      System.exit(status);
    }
  }

  /** Runs one command; {@code serve} returns once the service is up (it keeps running). */
  static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty()) {
      err.print(USAGE_TEXT);
      return USAGE;
    }
    List<String> rest = args.subList(1, args.size());
    try {
      return switch (args.get(0)) {
        case "serve" -> ServeCommand.run(rest, out, err);
        case "principal" -> PrincipalCommand.run(rest, out, err);
        case "sync" -> SyncCommand.run(rest, out, err);
        case "verify" -> VerifyCommand.run(rest, out, err);
        case "backup" -> BackupCommand.run(rest, out, err);
        case "store" -> StoreCommand.run(rest, out, err);
        case "cert" -> CertCommand.run(rest, out, err);
        case "help", "--help", "-h" -> {
          out.print(USAGE_TEXT);
          yield OK;
        }
        default -> throw new UsageException("unknown command " + args.get(0));
      };
    } catch (UsageException e) {
      err.println("blocklist: " + e.getMessage());
      err.print(USAGE_TEXT);
      return USAGE;
    }
  }
}
