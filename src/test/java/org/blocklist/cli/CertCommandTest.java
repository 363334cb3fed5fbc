package org.blocklist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.blocklist.testing.Binaries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cert dev}: the certificates it writes, checked by {@code openssl} (chain, host name, IP
 * address, extended key usage, subject), the keys owner-only, nothing overwritten, and usage
 * errors.
 */
class CertCommandTest {
  @TempDir Path dir;

  @Test
  void certDev_writesACaAServerCertificateForLocalhost_andClientCertificates() throws Exception {
    Path out = dir.resolve("certs");
    Run r = run("cert", "dev", "--out", out.toString(), "--client", "isp-a,officer-1");
    assertEquals(Main.OK, r.status, r.err);
    Path openssl = Binaries.require("openssl");
    String ca = out.resolve("ca.pem").toString();
    for (String cert : List.of("server.pem", "client-isp-a.pem", "client-officer-1.pem")) {
      String verified =
          Binaries.output(
              30,
              List.of(
                  openssl.toString(),
                  "verify",
                  "-CAfile",
                  ca,
                  "-purpose",
                  cert.equals("server.pem") ? "sslserver" : "sslclient",
                  out.resolve(cert).toString()));
      assertTrue(verified.endsWith(": OK\n"), verified);
    }
    String server =
        Binaries.output(
            30,
            List.of(
                openssl.toString(),
                "x509",
                "-in",
                out.resolve("server.pem").toString(),
                "-noout",
                "-checkhost",
                "localhost",
                "-checkip",
                "127.0.0.1"));
    assertTrue(server.contains("Hostname localhost does match certificate"), server);
    assertTrue(server.contains("IP 127.0.0.1 does match certificate"), server);
    String subject =
        Binaries.output(
            30,
            List.of(
                openssl.toString(),
                "x509",
                "-in",
                out.resolve("client-isp-a.pem").toString(),
                "-noout",
                "-subject",
                "-nameopt",
                "RFC2253"));
    assertEquals("subject=CN=isp-a\n", subject);
    for (String key : List.of("ca-key.pem", "server-key.pem", "client-isp-a-key.pem")) {
      assertEquals(
          "rw-------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(key))),
          key);
    }

    // Again with the CA there: only the new client is issued, by the same CA.
    String caBefore = Files.readString(out.resolve("ca.pem"));
    Run again = run("cert", "dev", "--out", out.toString(), "--client", "isp-b");
    assertEquals(Main.OK, again.status, again.err);
    assertEquals(caBefore, Files.readString(out.resolve("ca.pem")));
    assertTrue(
        Binaries.output(
                30,
                List.of(
                    openssl.toString(),
                    "verify",
                    "-CAfile",
                    ca,
                    out.resolve("client-isp-b.pem").toString()))
            .endsWith(": OK\n"));

    // An existing client certificate is never overwritten.
    String before = Files.readString(out.resolve("client-isp-a.pem"));
    Run twice = run("cert", "dev", "--out", out.toString(), "--client", "isp-a");
    assertEquals(Main.FAILED, twice.status);
    assertTrue(twice.err.contains("client-isp-a-key.pem exists (not overwritten)"), twice.err);
    assertEquals(before, Files.readString(out.resolve("client-isp-a.pem")));
  }

  @Test
  void certDev_badArguments_areUsageErrors() {
    assertEquals(Main.USAGE, run("cert").status);
    assertEquals(Main.USAGE, run("cert", "dev").status);
    Run badName = run("cert", "dev", "--out", dir.toString(), "--client", "Not A Name");
    assertEquals(Main.USAGE, badName.status);
    assertTrue(badName.err.contains("--client name: Not A Name"), badName.err);
    Run days = run("cert", "dev", "--out", dir.toString(), "--days", "0");
    assertEquals(Main.USAGE, days.status);
    assertTrue(days.err.contains("--days 0 (expected: 1..3650)"), days.err);
  }

  private record Run(int status, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            List.of(args),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
