package org.blocklist.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.blocklist.principal.Principal;
import org.blocklist.tls.DevCertificates;
import org.blocklist.tls.TlsException;

/**
 * {@code cert dev --out DIR [--client NAME[,NAME...]] [--days N]}: development certificates (a CA,
 * a server certificate for {@code localhost}, {@code 127.0.0.1} and {@code ::1}, and a client
 * certificate per named principal), for {@code http.tls} on a developer's machine; never for
 * production, where the operator's own CA issues them. A DIR that holds a CA gets only the new
 * client certificates.
 */
final class CertCommand {
  /** Default validity of the development certificates, in days. */
  static final int DEFAULT_DAYS = 90;

  private CertCommand() {}

  static int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
    if (args.isEmpty() || !args.get(0).equals("dev")) {
      throw new UsageException("cert: expected the subcommand dev");
    }
    Args a = new Args(args.subList(1, args.size()), Set.of("--out", "--client", "--days"));
    Path dir = Path.of(a.required("--out"));
    List<String> clients = new ArrayList<>();
    if (a.get("--client") != null) {
      for (String name : a.get("--client").split(",", -1)) {
        try {
          clients.add(Principal.checkName(name));
        } catch (IllegalArgumentException e) {
          throw new UsageException("--client " + e.getMessage());
        }
      }
    }
    int days = DEFAULT_DAYS;
    if (a.get("--days") != null) {
      try {
        days = Integer.parseInt(a.get("--days"));
      } catch (NumberFormatException e) {
        days = -1;
      }
      if (days < 1 || days > DevCertificates.MAX_DAYS) {
        throw new UsageException(
            "--days " + a.get("--days") + " (expected: 1.." + DevCertificates.MAX_DAYS + ")");
      }
    }
    try {
      List<Path> written =
          new DevCertificates(Clock.systemUTC(), new SecureRandom()).write(dir, clients, days);
      for (Path p : written) {
        out.println("wrote " + p);
      }
      out.println(
          "development certificates only (valid "
              + days
              + " days); in the configuration: http.tls: { certificate: "
              + dir.resolve(DevCertificates.SERVER)
              + ", key: "
              + dir.resolve(DevCertificates.SERVER_KEY)
              + ", clientCa: "
              + dir.resolve(DevCertificates.CA)
              + " }");
      return Main.OK;
    } catch (IOException | TlsException e) {
      err.println("blocklist: cert dev: " + e.getMessage());
      return Main.FAILED;
    }
  }
}
