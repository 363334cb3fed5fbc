package org.blocklist.rpz;

import static org.blocklist.rpz.RpzChannels.LOOPBACK;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;

/**
 * Golden wire captures of zone transfers, byte for byte as they leave the server over TCP (each
 * message with its two-byte length): {@code src/test/resources/rpz/*.bin}. Everything is fixed: the
 * zone (version 1 lists evil.example and www.bad.example, version 2 adds new.example), the query id
 * (4242), the clock of the TSIG signatures (2026-12-01T00:00:00Z) and the key. A change in how
 * messages are packed, compressed or signed shows here first; each capture is also parsed and its
 * records checked, so the files are not merely what the code writes.
 *
 * <p>To regenerate after a deliberate change: {@code mvn -Dtest=RpzGoldenTest
 * -Dblocklist.regenerateGolden=true test}, then review the diff ({@code git diff --stat}) and the
 * records this test prints.
 */
class RpzGoldenTest {
  static final Path DIR = Path.of("src", "test", "resources", "rpz");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
  static final String SECRET =
      Base64.getEncoder()
          .encodeToString(
              "golden-capture-key-32-bytes-long"
                  .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  static final TsigKey KEY = TsigKey.of("isp-b.", "hmac-sha256", SECRET);

  private static TestZone zone() {
    return new TestZone("evil.example", "www.bad.example").block("new.example");
  }

  private static byte[] capture(Message query) throws Exception {
    RpzServer server =
        new RpzServer(
            Queries.NXDOMAIN,
            zone(),
            new TransferAccess(
                List.of(
                    TransferGrant.loopback(),
                    new TransferGrant(Optional.of("isp-b"), List.of(), Optional.of(KEY))),
                CLOCK),
            (isp, version, kind) -> {},
            RpzLimits.defaults(),
            AddressGate.OPEN,
            CLOCK);
    EmbeddedChannel ch = RpzChannels.tcp(server, LOOPBACK);
    RpzChannels.sendTcp(ch, query.toWire(Message.MAXLENGTH));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] frame : RpzChannels.tcpFrames(ch)) {
      out.write(frame.length >> 8);
      out.write(frame.length);
      out.write(frame);
    }
    assertFalse(ch.finish());
    return out.toByteArray();
  }

  private static void check(String file, byte[] actual, String expectedRecords) throws Exception {
    Path golden = DIR.resolve(file);
    if (Boolean.getBoolean("blocklist.regenerateGolden")) {
      Files.write(golden, actual);
    }
    assertArrayEquals(Files.readAllBytes(golden), actual, file + " differs from the capture");
    assertEquals(expectedRecords, records(actual));
  }

  /** The records of a captured stream, one per line. */
  static String records(byte[] stream) throws Exception {
    List<String> lines = new ArrayList<>();
    int at = 0;
    while (at < stream.length) {
      int length = ((stream[at] & 0xff) << 8) | (stream[at + 1] & 0xff);
      byte[] wire = java.util.Arrays.copyOfRange(stream, at + 2, at + 2 + length);
      at += 2 + length;
      Message m = new Message(wire);
      for (Record r : m.getSection(Section.ANSWER)) {
        lines.add(r.toString().replace('\t', ' '));
      }
      if (m.getTSIG() != null) {
        lines.add("; signed by " + m.getTSIG().getName());
      }
    }
    return String.join("\n", lines) + "\n";
  }

  @Test
  void axfr_ofVersion2() throws Exception {
    check(
        "axfr-v2.bin",
        capture(Queries.axfr()),
        """
        rpz.blocklist.example. 60 IN SOA localhost. hostmaster.localhost. 2 60 60 2419200 60
        rpz.blocklist.example. 60 IN NS localhost.
        evil.example.rpz.blocklist.example. 60 IN CNAME .
        *.evil.example.rpz.blocklist.example. 60 IN CNAME .
        new.example.rpz.blocklist.example. 60 IN CNAME .
        *.new.example.rpz.blocklist.example. 60 IN CNAME .
        www.bad.example.rpz.blocklist.example. 60 IN CNAME .
        *.www.bad.example.rpz.blocklist.example. 60 IN CNAME .
        rpz.blocklist.example. 60 IN SOA localhost. hostmaster.localhost. 2 60 60 2419200 60
        """);
  }

  @Test
  void ixfr_fromVersion1ToVersion2() throws Exception {
    check(
        "ixfr-v1-v2.bin",
        capture(Queries.ixfr(1)),
        """
        rpz.blocklist.example. 60 IN SOA localhost. hostmaster.localhost. 2 60 60 2419200 60
        rpz.blocklist.example. 60 IN SOA localhost. hostmaster.localhost. 1 60 60 2419200 60
        rpz.blocklist.example. 60 IN SOA localhost. hostmaster.localhost. 2 60 60 2419200 60
        new.example.rpz.blocklist.example. 60 IN CNAME .
        *.new.example.rpz.blocklist.example. 60 IN CNAME .
        rpz.blocklist.example. 60 IN SOA localhost. hostmaster.localhost. 2 60 60 2419200 60
        """);
  }

  @Test
  void ixfr_signed_fromVersion1ToVersion2() throws Exception {
    Message query = Queries.ixfr(1);
    query.setTSIG(
        new TSIG(
            KEY.algorithm(),
            Name.fromConstantString("isp-b."),
            new javax.crypto.spec.SecretKeySpec(KEY.secret().bytes(), "HmacSHA256"),
            CLOCK));
    check(
        "ixfr-v1-v2-tsig.bin",
        capture(query),
        """
        rpz.blocklist.example. 60 IN SOA localhost. hostmaster.localhost. 2 60 60 2419200 60
        rpz.blocklist.example. 60 IN SOA localhost. hostmaster.localhost. 1 60 60 2419200 60
        rpz.blocklist.example. 60 IN SOA localhost. hostmaster.localhost. 2 60 60 2419200 60
        new.example.rpz.blocklist.example. 60 IN CNAME .
        *.new.example.rpz.blocklist.example. 60 IN CNAME .
        rpz.blocklist.example. 60 IN SOA localhost. hostmaster.localhost. 2 60 60 2419200 60
        ; signed by isp-b.
        """);
  }
}
