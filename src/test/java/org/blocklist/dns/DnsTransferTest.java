package org.blocklist.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.blocklist.testing.Binaries;
import org.blocklist.testing.Blocklist;
import org.blocklist.testing.Dig;
import org.blocklist.testing.Poll;
import org.blocklist.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.ZoneTransferException;
import org.xbill.DNS.ZoneTransferIn;

/**
 * The running service's zone as two independent clients see it: {@code dig} (BIND's) and dnsjava's
 * {@code ZoneTransferIn}, record by record; who may transfer; and every transfer in {@code GET
 * /v1/isps} with {@code via: "dns"}.
 */
class DnsTransferTest {
  static final String ZONE = "rpz.blocklist.example.";
  static final String SOA_PREFIX = ZONE + " 60 IN SOA localhost. hostmaster.localhost. ";
  static final String SOA_TIMERS = " 60 60 2419200 60";

  /** isp-a transfers from loopback; the UDP rate limit is off. */
  static final String GRANTED =
      TestServer.DEFAULT_YAML
          + """
          dns:
            port: 0
            queriesPerSecondPerAddress: 0
            transfers:
              - { isp: isp-a, addresses: ["127.0.0.1/32"] }
          """;

  @TempDir Path dir;
  private final List<Blocklist> started = new ArrayList<>();

  private Blocklist start(String yaml) throws Exception {
    Blocklist bl = Blocklist.start(dir.resolve("data" + started.size()), yaml);
    started.add(bl);
    return bl;
  }

  @AfterEach
  void stop() {
    started.forEach(Blocklist::close);
  }

  /** dig's lines with their whitespace made single spaces. */
  private static String lines(String digOutput) {
    StringBuilder b = new StringBuilder();
    for (String line : digOutput.split("\n")) {
      if (!line.isBlank() && !line.startsWith(";")) {
        b.append(String.join(" ", line.trim().split("\\s+"))).append('\n');
      }
    }
    return b.toString();
  }

  private static String soa(long serial) {
    return SOA_PREFIX + serial + SOA_TIMERS + "\n";
  }

  @Test
  void soa_withDig_overUdpAndTcp_isTheLatestVersion() throws Exception {
    Blocklist bl = start(GRANTED);
    bl.publish("block", "evil.example");
    bl.publish("block", "bad.example");
    Dig dig = new Dig(bl.dnsPort());

    assertEquals(soa(2), lines(dig.answer(ZONE, "SOA")));
    assertEquals(soa(2), lines(dig.answer("+tcp", ZONE, "SOA")));
  }

  @Test
  void axfr_withDig_isTheZoneRecordByRecord() throws Exception {
    Blocklist bl = start(GRANTED);
    bl.publish("block", "evil.example", "www.bad.example");

    assertEquals(
        soa(1)
            + ZONE
            + " 60 IN NS localhost.\n"
            + "evil.example."
            + ZONE
            + " 60 IN CNAME .\n"
            + "*.evil.example."
            + ZONE
            + " 60 IN CNAME .\n"
            + "www.bad.example."
            + ZONE
            + " 60 IN CNAME .\n"
            + "*.www.bad.example."
            + ZONE
            + " 60 IN CNAME .\n"
            + soa(1),
        lines(new Dig(bl.dnsPort()).answer(ZONE, "AXFR")));
  }

  @Test
  void ixfr_withDig_fromThePreviousVersions_isTheCondensedChange() throws Exception {
    Blocklist bl = start(GRANTED);
    bl.publish("block", "evil.example", "gone.example");
    bl.publish("unblock", "gone.example");
    bl.publish("block", "new.example");
    Dig dig = new Dig(bl.dnsPort());

    assertEquals(
        soa(3)
            + soa(1)
            + "gone.example."
            + ZONE
            + " 60 IN CNAME .\n"
            + "*.gone.example."
            + ZONE
            + " 60 IN CNAME .\n"
            + soa(3)
            + "new.example."
            + ZONE
            + " 60 IN CNAME .\n"
            + "*.new.example."
            + ZONE
            + " 60 IN CNAME .\n"
            + soa(3),
        lines(dig.answer(ZONE, "IXFR=1")));
    assertEquals(soa(3), lines(dig.answer(ZONE, "IXFR=3")));
    assertEquals(soa(3), lines(dig.answer("+notcp", ZONE, "IXFR=1")));
  }

  @Test
  void axfrAndIxfr_withZoneTransferIn_agreeWithTheList() throws Exception {
    Blocklist bl = start(GRANTED);
    bl.publish("block", "evil.example", "gone.example");
    bl.publish("unblock", "gone.example");
    InetSocketAddress server = new InetSocketAddress("127.0.0.1", bl.dnsPort());
    Name zone = Name.fromConstantString(ZONE);

    ZoneTransferIn axfr = ZoneTransferIn.newAXFR(zone, server, null);
    axfr.setTimeout(Duration.ofSeconds(10));
    axfr.run();
    List<String> owners = new ArrayList<>();
    for (Record r : axfr.getAXFR()) {
      owners.add(r.getName().toString() + " " + r.getType());
    }
    assertEquals(
        List.of(
            ZONE + " 6",
            ZONE + " 2",
            "evil.example." + ZONE + " 5",
            "*.evil.example." + ZONE + " 5",
            ZONE + " 6"),
        owners);

    ZoneTransferIn ixfr = ZoneTransferIn.newIXFR(zone, 1, false, server, null);
    ixfr.setTimeout(Duration.ofSeconds(10));
    ixfr.run();
    assertTrue(ixfr.isIXFR());
    ZoneTransferIn.Delta delta = ixfr.getIXFR().get(0);
    assertEquals(1, delta.start);
    assertEquals(2, delta.end);
    assertEquals(2, delta.deletes.size() - 1, "the SOA and the two triggers of gone.example");
    assertEquals(0, delta.adds.size() - 1);
    assertEquals(2, ((SOARecord) delta.adds.get(0)).getSerial());

    ZoneTransferIn current = ZoneTransferIn.newIXFR(zone, 2, false, server, null);
    current.run();
    assertTrue(current.isCurrent());
  }

  @Test
  void axfr_fromAnAddressNotInDnsTransfers_isRefused() throws Exception {
    Blocklist bl =
        start(
            TestServer.DEFAULT_YAML
                + """
                dns:
                  port: 0
                  transfers:
                    - { isp: isp-a, addresses: ["192.0.2.0/24"] }
                """);
    bl.publish("block", "evil.example");
    Dig dig = new Dig(bl.dnsPort());

    Binaries.Run r = dig.run(ZONE, "AXFR");
    assertTrue(r.stdout().contains("Transfer failed"), r.stdout());
    ZoneTransferIn ixfr =
        ZoneTransferIn.newIXFR(
            Name.fromConstantString(ZONE),
            0,
            false,
            new InetSocketAddress("127.0.0.1", bl.dnsPort()),
            null);
    ZoneTransferException e = assertThrows(ZoneTransferException.class, ixfr::run);
    assertTrue(e.getMessage().contains("REFUSED"), e.getMessage());
    assertEquals(soa(1), lines(dig.answer(ZONE, "SOA")), "the SOA is no secret");
  }

  @Test
  void axfr_withDig_signedWithTheIspsKey_isServed_andWithAWrongSecretIsNot() throws Exception {
    String secret = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTMyYg==";
    Blocklist bl =
        start(
            TestServer.DEFAULT_YAML
                + """
                dns:
                  port: 0
                  transfers:
                    - { isp: isp-a, tsig: { name: isp-a., secret: "%s" } }
                """
                    .replace("%s", secret));
    bl.publish("block", "evil.example");
    Dig dig = new Dig(bl.dnsPort());

    String signed = dig.answer("-y", "hmac-sha256:isp-a.:" + secret, ZONE, "AXFR");
    assertTrue(lines(signed).contains("evil.example." + ZONE + " 60 IN CNAME ."), signed);
    String wrong =
        dig.run("-y", "hmac-sha256:isp-a.:" + secret.replace('c', 'd'), ZONE, "AXFR").stdout();
    assertFalse(wrong.contains("evil.example"), wrong);
    assertTrue(wrong.contains("BADSIG") || wrong.contains("tsig"), wrong);
    ispA(bl, 1);
  }

  @Test
  void axfr_withNoTransfersConfigured_isAllowedFromLoopback() throws Exception {
    Blocklist bl = start(TestServer.DEFAULT_YAML);
    bl.publish("block", "evil.example");

    assertTrue(
        lines(new Dig(bl.dnsPort()).answer(ZONE, "AXFR"))
            .contains("evil.example." + ZONE + " 60 IN CNAME ."));
  }

  @Test
  void transfers_areRecordedInTheIspStatus_viaDns() throws Exception {
    Blocklist bl = start(GRANTED);
    bl.publish("block", "evil.example");
    new Dig(bl.dnsPort()).answer(ZONE, "AXFR");

    JsonNode isp = ispA(bl, 1);
    assertEquals(1, isp.get("lastVersion").asLong());
    assertEquals("dns", isp.get("via").asText());
    assertEquals(0, isp.get("behind").asLong());
  }

  /** isp-a's row of {@code GET /v1/isps} once it shows {@code version}. */
  private static JsonNode ispA(Blocklist bl, long version) throws Exception {
    return Poll.until(
        Duration.ofSeconds(10),
        () -> "isp-a at version " + version,
        () -> {
          for (JsonNode isp :
              Blocklist.json(bl.server.get("/v1/isps", bl.prosecutor)).get("isps")) {
            if (isp.get("name").asText().equals("isp-a")
                && isp.get("lastVersion").asLong() == version) {
              return Optional.of(isp);
            }
          }
          return Optional.empty();
        });
  }
}
