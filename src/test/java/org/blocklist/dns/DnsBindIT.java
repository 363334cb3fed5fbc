package org.blocklist.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;
import org.blocklist.testing.Blocklist;
import org.blocklist.testing.FreePort;
import org.blocklist.testing.Poll;
import org.blocklist.testing.Resolve;
import org.blocklist.testing.SecondaryResolver;
import org.blocklist.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BIND's named as a secondary of the zone with a TSIG key, configured from {@code
 * deploy/resolvers/named.conf.blocklist}; and a named with the wrong secret, refused.
 */
class DnsBindIT {
  /** What named 9.18 logs when its SOA query is answered NOTAUTH with a TSIG error (BADSIG). */
  static final String REFUSED = "tsig indicates error";

  @TempDir Path dir;

  private static String secret(long seed) {
    byte[] key = new byte[32];
    new Random(seed).nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  private static String yaml(int resolverPort, String secret) {
    return TestServer.DEFAULT_YAML
        + """
        dns:
          port: 0
          queriesPerSecondPerAddress: 0
          notify: ["127.0.0.1:%PORT%"]
          transfers:
            - { isp: isp-a, tsig: { name: isp-b., algorithm: hmac-sha256, secret: "%SECRET%" } }
        """
            .replace("%PORT%", Integer.toString(resolverPort))
            .replace("%SECRET%", secret);
  }

  @Test
  void named_withTheKey_enforcesTheList_aNewApprovalAfterNotifyAndIxfr_andAnUnblock()
      throws Exception {
    int port = FreePort.tcpAndUdp();
    String secret = secret(1);
    try (Blocklist bl = Blocklist.start(dir.resolve("data"), yaml(port, secret))) {
      bl.publish("block", "evil.example");
      Path home = Files.createDirectories(dir.resolve("named"));
      try (SecondaryResolver named = Resolvers.named(home, port, bl.dnsPort(), secret)) {
        SecondaryScenario.run(bl, named, "isp-a");
      }
    }
  }

  @Test
  void named_withAWrongSecret_isRefused_andEnforcesNothing() throws Exception {
    int port = FreePort.tcpAndUdp();
    try (Blocklist bl = Blocklist.start(dir.resolve("data"), yaml(port, secret(1)))) {
      bl.publish("block", "evil.example");
      Path home = Files.createDirectories(dir.resolve("named"));
      try (SecondaryResolver named = Resolvers.named(home, port, bl.dnsPort(), secret(2))) {
        String refusal =
            Poll.until(
                SecondaryScenario.WAIT,
                () -> "named never reported the refusal:\n" + named.log(),
                () -> {
                  named.checkAlive();
                  return named.log().lines().filter(l -> l.contains(REFUSED)).findFirst();
                });
        assertTrue(refusal.contains("rpz.blocklist.example"), refusal);
        assertEquals("192.0.2.10", new Resolve(port).a("evil.example"), "nothing transferred");
        assertEquals(0.0, SecondaryScenario.transfers(bl, "axfr"), "no transfer served");
        assertEquals(0.0, SecondaryScenario.transfers(bl, "ixfr"));
      }
    }
  }
}
