package org.blocklist.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code dns:} keys: defaults, a full example, and every refusal with its message. */
class DnsConfigTest {
  /** 32 bytes, as {@code tsig-keygen} makes. */
  static final String SECRET = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTMyYg==";

  @TempDir Path dir;
  private final ConfigLoader loader = new ConfigLoader();

  private Config load(String dnsYaml) throws Exception {
    return loader.load(Files.writeString(dir.resolve("c.yaml"), "dns:\n" + dnsYaml));
  }

  private String refusal(String dnsYaml) {
    return assertThrows(ConfigException.class, () -> load(dnsYaml)).getMessage();
  }

  @Test
  void defaults_bindLoopbackOnPort8053_withNoTransfersAndNoNotify() throws Exception {
    Config.Dns d = loader.defaults().dns();

    assertEquals(8053, d.port());
    assertEquals("127.0.0.1", d.bind());
    assertEquals("rpz.blocklist.example.", d.zone());
    assertEquals("nxdomain", d.action());
    assertEquals(List.of(), d.notifyTargets());
    assertEquals(List.of(), d.transfers());
    assertEquals(100, d.queriesPerSecondPerAddress());
    assertEquals(4, d.transfersPerAddress());
  }

  @Test
  void theExampleOfDesign_loads() throws Exception {
    Config.Dns d =
        load("""
              notify: ["192.0.2.53:53", "[2001:db8::53]:5353"]
              transfers:
                - { isp: isp-a, addresses: ["192.0.2.0/24", "2001:db8:1::/48"] }
                - { isp: isp-b, tsig: { name: isp-b., algorithm: hmac-sha256, secret: "%s" } }
            """
                .replace("%s", SECRET))
            .dns();

    assertEquals(2, d.notifyTargets().size());
    assertEquals("isp-a", d.transfers().get(0).isp());
    assertFalse(d.transfers().get(0).key().isPresent());
    assertEquals("isp-b.", d.transfers().get(1).key().get().name());
    assertFalse(d.transfers().get(1).key().get().toString().contains(SECRET), "never printed");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "zone: rpz.blocklist.example | dns.zone: rpz.blocklist.example (expected: an absolute DNS"
            + " name ending in '.'",
        "notify: [\"ns.example:53\"] | dns.notify[0]: ns.example:53 (expected: an IP address and"
            + " port",
        "notify: [\"192.0.2.53:0\"] | dns.notify[0]: 192.0.2.53:0 (expected: an IP address and"
            + " port",
        "transfers: [ { isp: isp-a } ] | dns.transfers[0] (isp-a): neither addresses nor tsig",
        "transfers: [ { isp: ISP A, addresses: [127.0.0.1] } ] | dns.transfers[0].isp: ISP A"
            + " (expected: an ISP principal's name",
        "transfers: [ { isp: isp-a, addresses: [192.0.2.0/33] } ] |"
            + " dns.transfers[0].addresses[0]: 192.0.2.0/33 (expected: a prefix length of 0..32)",
        "transfers: [ { isp: isp-a, addresses: [isp.example] } ] |"
            + " dns.transfers[0].addresses[0]: isp.example (expected: an IPv4 or IPv6 address",
        "transfers: [ { isp: isp-a, addresses: [192.0.2.0/24] }, { isp: isp-b, addresses:"
            + " [192.0.2.128/25] } ] | dns.transfers[1].addresses[0]: 192.0.2.128/25 overlaps"
            + " dns.transfers[0].addresses[0] 192.0.2.0/24",
        "transfers: [ { isp: isp-b, tsig: { name: isp-b., algorithm: hmac-md5, secret: x } } ] |"
            + " dns.transfers[0].tsig.algorithm: hmac-md5 (expected: one of",
        "transfers: [ { isp: isp-b, tsig: { name: isp-b., secret: \"c2hvcnQ=\" } } ] |"
            + " dns.transfers[0].tsig.secret: 5 bytes (expected: at least 16)",
        "transfers: [ { isp: isp-b, tsig: { name: isp-b., secret: \"not base64!\" } } ] |"
            + " dns.transfers[0].tsig.secret: not base64",
        "queriesPerSecondPerAddress: -1 | dns.queriesPerSecondPerAddress: -1 (expected:"
            + " 0..10000000)",
        "transfersPerAddress: 0 | dns.transfersPerAddress: 0 (expected: 1..10000)",
      })
  void aBadValue_isRefused_namingTheKey(String yaml, String message) {
    String e = refusal("  " + yaml + "\n");
    assertTrue(e.contains(message), e);
  }

  @Test
  void aKeyGrantedTwice_isRefused() {
    String e =
        refusal(
            """
              transfers:
                - { isp: isp-a, tsig: { name: shared., secret: "%s" } }
                - { isp: isp-b, tsig: { name: SHARED., secret: "%s" } }
            """
                .replace("%s", SECRET));

    assertTrue(e.contains("dns.transfers[1].tsig.name: SHARED. is used by another entry"), e);
    assertFalse(e.contains(SECRET));
  }
}
