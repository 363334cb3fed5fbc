package org.blocklist.dns;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;
import org.blocklist.testing.Blocklist;
import org.blocklist.testing.FreePort;
import org.blocklist.testing.Poll;
import org.blocklist.testing.SecondaryResolver;
import org.blocklist.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PowerDNS Recursor as a secondary of the zone with a TSIG key ({@code rpzPrimary}), configured
 * from {@code deploy/resolvers/pdns-recursor.lua}. It polls for changes (IXFR) instead of acting on
 * NOTIFY, so the test makes its refresh 1 s.
 */
class DnsPowerDnsIT {
  @TempDir Path dir;

  @Test
  void pdnsRecursor_withTheKey_enforcesTheList_aNewApprovalByIxfr_andAnUnblock() throws Exception {
    byte[] key = new byte[32];
    new Random(3).nextBytes(key);
    String secret = Base64.getEncoder().encodeToString(key);
    String yaml =
        TestServer.DEFAULT_YAML
            + """
            dns:
              port: 0
              queriesPerSecondPerAddress: 0
              transfers:
                - { isp: isp-a, tsig: { name: isp-c., algorithm: hmac-sha256, secret: "%s" } }
            """
                .replace("%s", secret);
    try (Blocklist bl = Blocklist.start(dir.resolve("data"), yaml)) {
      bl.publish("block", "evil.example");
      Path home = Files.createDirectories(dir.resolve("pdns"));
      try (SecondaryResolver pdns =
          Resolvers.pdnsRecursor(home, FreePort.tcpAndUdp(), bl.dnsPort(), secret)) {
        // A query before the zone is loaded would sit in the packet cache for its TTL.
        Poll.until(
            SecondaryScenario.WAIT,
            () -> "the RPZ never loaded:\n" + pdns.log(),
            () -> {
              pdns.checkAlive();
              return pdns.log().lines().filter(l -> l.contains("RPZ load completed")).findFirst();
            });
        SecondaryScenario.run(bl, pdns, "isp-a");
      }
    }
  }
}
