package org.blocklist.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.blocklist.rpz.AddressRange;
import org.blocklist.testing.Blocklist;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferException;
import org.xbill.DNS.ZoneTransferIn;

/**
 * {@code --serve-rpz}: the agent serves its verified copy as the RPZ zone of DESIGN.md ("DNS: the
 * list as a Response Policy Zone"), checked with dnsjava's {@code ZoneTransferIn} and resolver as
 * the independent client: AXFR, IXFR after a new version, NOTIFY, the zone of the state directory
 * at start, a tampered feed that never reaches the zone, and the TSIG key.
 */
class SyncServeRpzTest {
  private static final String ZONE = "rpz.blocklist.example.";
  private static final Name ORIGIN = Name.fromConstantString(ZONE);

  @TempDir Path dir;
  private SyncHarness h;
  private SyncAgent agent;

  @BeforeEach
  void start() throws Exception {
    h = SyncHarness.start(dir);
  }

  @AfterEach
  void stop() throws Exception {
    if (agent != null) {
      agent.close();
    }
    h.close();
  }

  private SyncSettings serving(ServeRpz serve) {
    SyncSettings s = h.settings(OutputFormat.TEXT, true);
    return new SyncSettings(
        s.server(),
        s.token(),
        s.trust(),
        s.state(),
        s.format(),
        s.out(),
        true,
        s.maxAge(),
        s.onChange(),
        Optional.empty(),
        s.zone(),
        "nxdomain",
        Optional.of(serve));
  }

  private static ServeRpz loopback(List<InetSocketAddress> notify) {
    return new ServeRpz(new InetSocketAddress("127.0.0.1", 0), notify, List.of(), Optional.empty());
  }

  private InetSocketAddress server() {
    return new InetSocketAddress("127.0.0.1", agent.rpzPort());
  }

  private List<String> axfr(TSIG key) throws Exception {
    ZoneTransferIn t = ZoneTransferIn.newAXFR(ORIGIN, server(), key);
    t.setTimeout(Duration.ofSeconds(10));
    t.run();
    List<String> records = new ArrayList<>();
    for (Record r : t.getAXFR()) {
      records.add(text(r));
    }
    return records;
  }

  /** Owner, type and the field that matters: the SOA's serial, the CNAME's target. */
  private static String text(Record r) {
    String data =
        r instanceof SOARecord soa
            ? Long.toString(soa.getSerial())
            : r instanceof CNAMERecord c ? c.getTarget().toString() : r.rdataToString();
    return r.getName() + " " + Type.string(r.getType()) + " " + data;
  }

  private long soaSerialOverUdp() throws Exception {
    SimpleResolver resolver = new SimpleResolver(server());
    resolver.setTimeout(Duration.ofSeconds(5));
    Message answer = resolver.send(Message.newQuery(Record.newRecord(ORIGIN, Type.SOA, DClass.IN)));
    return ((SOARecord) answer.getSection(Section.ANSWER).get(0)).getSerial();
  }

  @Test
  void axfr_thenIxfrAfterANewVersion_andNotify() throws Exception {
    h.bl.publish("block", "evil.example");
    try (DatagramSocket secondary = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      secondary.setSoTimeout(10_000);
      agent =
          h.open(
              serving(
                  loopback(List.of(new InetSocketAddress("127.0.0.1", secondary.getLocalPort())))));
      assertEquals(0, soaSerialOverUdp(), "nothing verified yet: version 0, empty");
      assertTrue(agent.once().ok());
      assertEquals(1, soaSerialOverUdp());
      assertEquals(
          List.of(
              ZONE + " SOA 1",
              ZONE + " NS localhost.",
              "evil.example." + ZONE + " CNAME .",
              "*.evil.example." + ZONE + " CNAME .",
              ZONE + " SOA 1"),
          axfr(null));

      h.bl.publish("block", "new.example");
      assertTrue(agent.once().ok());
      assertEquals(2, awaitNotify(secondary), "NOTIFY of version 2");

      ZoneTransferIn ixfr = ZoneTransferIn.newIXFR(ORIGIN, 1, false, server(), null);
      ixfr.setTimeout(Duration.ofSeconds(10));
      ixfr.run();
      assertTrue(ixfr.isIXFR());
      ZoneTransferIn.Delta delta = ixfr.getIXFR().get(0);
      assertEquals(1, delta.start);
      assertEquals(2, delta.end);
      assertEquals(List.of(ZONE + " SOA 1"), delta.deletes.stream().map(r -> text(r)).toList());
      assertEquals(
          List.of(
              ZONE + " SOA 2",
              "new.example." + ZONE + " CNAME .",
              "*.new.example." + ZONE + " CNAME ."),
          delta.adds.stream().map(r -> text(r)).toList());

      ZoneTransferIn current = ZoneTransferIn.newIXFR(ORIGIN, 2, false, server(), null);
      current.setTimeout(Duration.ofSeconds(10));
      current.run();
      assertTrue(current.isCurrent());
    }
  }

  /** The serial of the next NOTIFY that carries one above 1, acknowledged as a secondary does. */
  private static long awaitNotify(DatagramSocket secondary) throws Exception {
    while (true) {
      DatagramPacket p = new DatagramPacket(new byte[4096], 4096);
      secondary.receive(p);
      Message notify = new Message(java.util.Arrays.copyOf(p.getData(), p.getLength()));
      assertEquals(Opcode.NOTIFY, notify.getHeader().getOpcode());
      assertEquals(ORIGIN, notify.getQuestion().getName());
      long serial = ((SOARecord) notify.getSection(Section.ANSWER).get(0)).getSerial();
      if (serial > 1) {
        Message ack = new Message(notify.getHeader().getID());
        ack.getHeader().setOpcode(Opcode.NOTIFY);
        ack.getHeader().setFlag(org.xbill.DNS.Flags.QR);
        ack.addRecord(notify.getQuestion(), Section.QUESTION);
        byte[] wire = ack.toWire();
        secondary.send(new DatagramPacket(wire, wire.length, p.getSocketAddress()));
        return serial;
      }
    }
  }

  @Test
  void aTamperedFeed_neverReachesTheZone_andARestartServesTheStateDirectory() throws Exception {
    h.bl.publish("block", "evil.example");
    agent = h.open(serving(loopback(List.of())));
    assertTrue(agent.once().ok());
    List<String> v1 = axfr(null);

    h.bl.publish("block", "new.example");
    h.tamper(
        (path, answer) -> {
          if (!path.startsWith("/v1/delta")) {
            return answer;
          }
          try {
            ObjectNode d = (ObjectNode) Blocklist.JSON.readTree(answer.body());
            d.putArray("added").add("forged.example");
            return answer.withBody(Blocklist.JSON.writeValueAsBytes(d));
          } catch (java.io.IOException e) {
            throw new AssertionError(e);
          }
        });
    SyncAgent.Result refused = agent.once();
    assertFalse(refused.ok(), refused.message());
    assertEquals(1, soaSerialOverUdp());
    assertEquals(v1, axfr(null), "the zone is still the verified version 1");

    agent.close();
    agent = h.open(serving(loopback(List.of())));
    assertEquals(1, soaSerialOverUdp(), "at start, the zone of the state directory");
    assertEquals(v1, axfr(null));

    h.passThrough();
    assertTrue(agent.once().ok());
    ZoneTransferIn ixfr = ZoneTransferIn.newIXFR(ORIGIN, 1, true, server(), null);
    ixfr.setTimeout(Duration.ofSeconds(10));
    ixfr.run();
    assertTrue(ixfr.isIXFR(), "the history starts at the version the agent restarted at");
    assertEquals(
        List.of(
            ZONE + " SOA 2",
            "new.example." + ZONE + " CNAME .",
            "*.new.example." + ZONE + " CNAME ."),
        ixfr.getIXFR().get(0).adds.stream().map(r -> text(r)).toList());
  }

  @Test
  void withAKey_unsignedTransfersAreRefused_signedOnesServed() throws Exception {
    h.bl.publish("block", "evil.example");
    String secret = Base64.getEncoder().encodeToString(new byte[32]);
    Path keyFile =
        Files.writeString(
            dir.resolve("agent.key"),
            "key \"agent.\" {\n\talgorithm hmac-sha256;\n\tsecret \"" + secret + "\";\n};\n");
    agent =
        h.open(
            serving(
                new ServeRpz(
                    new InetSocketAddress("127.0.0.1", 0),
                    List.of(),
                    List.of(AddressRange.parse("127.0.0.1")),
                    Optional.of(TsigKeyFile.read(keyFile)))));
    assertTrue(agent.once().ok());
    ZoneTransferException e = assertThrows(ZoneTransferException.class, () -> axfr(null));
    assertTrue(e.getMessage().contains("REFUSED"), e.getMessage());
    byte[] other = new byte[32];
    other[0] = 1;
    ZoneTransferException bad = assertThrows(ZoneTransferException.class, () -> axfr(key(other)));
    assertTrue(bad.getMessage().contains("NOTAUTH"), bad.getMessage());
    assertEquals(5, axfr(key(new byte[32])).size());
  }

  /** The client's key {@code agent.}, signing at the agent's (the test's) time. */
  private TSIG key(byte[] secret) {
    return new TSIG(
        TSIG.HMAC_SHA256,
        Name.fromConstantString("agent."),
        new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"),
        h.clock);
  }
}
