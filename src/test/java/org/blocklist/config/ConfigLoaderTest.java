package org.blocklist.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;
  private final ConfigLoader loader = new ConfigLoader();

  @Test
  void defaults_areThoseOfDesign() throws Exception {
    Config c = loader.defaults();
    assertEquals("blocklist.example/log", c.origin());
    assertEquals(Path.of("./data"), c.data());
    assertEquals(8080, c.http().port());
    assertEquals("127.0.0.1", c.http().bind());
    assertEquals(8081, c.stopPage().port());
    assertEquals("stop.blocklist.example.", c.stopPage().host());
    assertEquals("+32 2 000 00 00", c.stopPage().contactPhone());
    assertEquals(20, c.stopPage().requestsPerSecondPerAddress());
    assertEquals(8053, c.dns().port());
    assertEquals("rpz.blocklist.example.", c.dns().zone());
    assertEquals("nxdomain", c.dns().action());
    assertEquals(List.of(), c.dns().notifyTargets());
    assertEquals("", c.metrics().token());
    assertEquals(1000, c.limits().requisitionDomains());
    assertEquals(10_000, c.limits().lookupBatch());
    assertEquals(2000, c.limits().requestsPerSecond("isp"));
    assertEquals(20, c.limits().requestsPerSecond("police"));
    assertEquals(1000, c.limits().requestsPerSecondPerAddress());
    assertEquals(1_048_576, c.limits().bodyBytes());
    assertEquals(10, c.limits().headerSeconds());
    assertEquals(30, c.limits().bodySeconds());
    assertEquals(60, c.limits().idleSeconds());
  }

  @Test
  void theShippedConfigFile_equalsTheDefaults() throws Exception {
    assertEquals(loader.defaults(), loader.load(Path.of("config", "blocklist.yaml")));
  }

  @Test
  void aFile_setsASubset_andKeepsTheOtherDefaults() throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("c.yaml"), "http: { port: 9000 }\nlimits: { bodyBytes: 4096 }\n");
    Config c = loader.load(f);
    assertEquals(9000, c.http().port());
    assertEquals("127.0.0.1", c.http().bind());
    assertEquals(4096, c.limits().bodyBytes());
    assertEquals(1000, c.limits().requisitionDomains());
  }

  @Test
  void anUnknownKey_isAnErrorNamingIt() throws Exception {
    Path f = Files.writeString(dir.resolve("c.yaml"), "http: { prot: 9000 }\n");
    ConfigException e = assertThrows(ConfigException.class, () -> loader.load(f));
    assertTrue(e.getMessage().contains("prot"), e.getMessage());
  }

  @Test
  void aValueOutOfRange_isAnErrorNamingTheKey() throws Exception {
    Path f = Files.writeString(dir.resolve("c.yaml"), "http: { port: 70000 }\n");
    ConfigException e = assertThrows(ConfigException.class, () -> loader.load(f));
    assertTrue(e.getMessage().contains("http.port: 70000 (expected: 0..65535)"), e.getMessage());
  }

  @Test
  void stopPageRate_negative_isAnErrorNamingTheKey() throws Exception {
    Path f =
        Files.writeString(dir.resolve("c.yaml"), "stopPage: { requestsPerSecondPerAddress: -1 }\n");
    ConfigException e = assertThrows(ConfigException.class, () -> loader.load(f));
    assertTrue(
        e.getMessage().contains("stopPage.requestsPerSecondPerAddress: -1 (expected: 0..10000000)"),
        e.getMessage());
  }

  @Test
  void aBadDnsAction_isRefused() throws Exception {
    Path f = Files.writeString(dir.resolve("c.yaml"), "dns: { action: drop }\n");
    ConfigException e = assertThrows(ConfigException.class, () -> loader.load(f));
    assertTrue(e.getMessage().contains("dns.action: drop"), e.getMessage());
  }

  @Test
  void aMissingFile_isAnError() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> loader.load(dir.resolve("missing.yaml")));
    assertTrue(e.getMessage().contains("missing.yaml"), e.getMessage());
  }

  @Test
  void aWrongType_isAnError() throws Exception {
    Path f = Files.writeString(dir.resolve("c.yaml"), "limits: { bodyBytes: lots }\n");
    ConfigException e = assertThrows(ConfigException.class, () -> loader.load(f));
    assertTrue(e.getMessage().contains("bodyBytes"), e.getMessage());
  }
}
