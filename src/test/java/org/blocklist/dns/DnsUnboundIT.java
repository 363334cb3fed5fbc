package org.blocklist.dns;

import java.nio.file.Path;
import org.blocklist.testing.Blocklist;
import org.blocklist.testing.FreePort;
import org.blocklist.testing.SecondaryResolver;
import org.blocklist.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unbound as a secondary of the zone, configured from {@code deploy/resolvers/unbound.conf}. */
class DnsUnboundIT {
  @TempDir Path dir;

  @Test
  void unbound_enforcesTheList_aNewApprovalAfterNotifyAndIxfr_andAnUnblock() throws Exception {
    int port = FreePort.tcpAndUdp();
    String yaml =
        TestServer.DEFAULT_YAML
            + """
            dns:
              port: 0
              queriesPerSecondPerAddress: 0
              notify: ["127.0.0.1:%PORT%"]
              transfers:
                - { isp: isp-a, addresses: ["127.0.0.1/32"] }
            """
                .replace("%PORT%", Integer.toString(port));
    try (Blocklist bl = Blocklist.start(dir.resolve("data"), yaml)) {
      bl.publish("block", "evil.example");
      try (SecondaryResolver unbound = Resolvers.unbound(dir, port, bl.dnsPort())) {
        SecondaryScenario.run(bl, unbound, "isp-a");
      }
    }
  }
}
