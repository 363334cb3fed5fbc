package org.blocklist.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.blocklist.log.Checkpoint;
import org.blocklist.log.Hash;
import org.blocklist.log.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each output format, exactly; and what cannot be written in DNS. */
class OutputTest {
  @TempDir Path dir;

  /** A canonical entry of 245 octets: below any zone name it is longer than DNS allows. */
  private static final String LONG =
      "a".repeat(63)
          + "."
          + "b".repeat(63)
          + "."
          + "c".repeat(63)
          + "."
          + "d".repeat(45)
          + ".example";

  static TrustedState state(long version, String... names) {
    StringBuilder text = new StringBuilder();
    for (String n : names) {
      text.append(n).append('\n');
    }
    byte[] snapshot = text.toString().getBytes(StandardCharsets.US_ASCII);
    EntryList list = EntryList.parseSnapshot(snapshot, 100);
    Manifest m =
        new Manifest(
            "blocklist.example/log",
            version,
            Instant.parse("2026-12-05T10:00:00Z"),
            1,
            Manifest.BLOCK,
            names.length,
            0,
            names.length,
            Hash.sha256(snapshot),
            Hash.sha256(),
            Hash.sha256());
    return new TrustedState(
        "note",
        new Checkpoint("blocklist.example/log", version, m.leafHash()),
        Optional.of(m),
        List.of(),
        list);
  }

  private String write(OutputFormat format, TrustedState s, String zone) throws Exception {
    Output out = new Output(format, dir.resolve(format.defaultFile()), zone);
    out.write(s);
    assertTrue(out.isCurrent(s));
    return Files.readString(out.file());
  }

  @Test
  void text_isTheSnapshotText() throws Exception {
    assertEquals(
        "a.example\nb.example\n",
        write(OutputFormat.TEXT, state(3, "a.example", "b.example"), "rpz.blocklist.example."));
  }

  @Test
  void rpz_hasAbsoluteNames_theVersionAsSerial_andTwoRecordsPerEntry() throws Exception {
    TrustedState s = state(3, "a.example", "b.example");
    assertEquals(
        "; blocklist version 3, 2 entries, list sha256 "
            + s.listDigest()
            + "\n"
            + "rpz.isp.test. 60 IN SOA localhost. hostmaster.localhost. 3 3600 600 604800 60\n"
            + "rpz.isp.test. 60 IN NS localhost.\n"
            + "a.example.rpz.isp.test. 60 IN CNAME .\n"
            + "*.a.example.rpz.isp.test. 60 IN CNAME .\n"
            + "b.example.rpz.isp.test. 60 IN CNAME .\n"
            + "*.b.example.rpz.isp.test. 60 IN CNAME .\n",
        write(OutputFormat.RPZ, s, "RPZ.isp.test."));
  }

  @Test
  void rpz_serialFollowsRfc1982_pastTwoToThe32() throws Exception {
    assertTrue(
        write(OutputFormat.RPZ, state((1L << 32) + 5, "a.example"), "rpz.blocklist.example.")
            .contains(" SOA localhost. hostmaster.localhost. 5 "));
  }

  @Test
  void rpz_leavesOutRecordsTooLongForDns_andCountsThem_andBindStillLoadsIt() throws Exception {
    TrustedState s = state(2, "a.example", LONG);
    Output out = new Output(OutputFormat.RPZ, dir.resolve("long.rpz"), "rpz.blocklist.example.");
    assertEquals(2, out.write(s));
    String text = Files.readString(out.file());
    assertFalse(text.contains(LONG));
    assertTrue(text.contains("\n*.a.example.rpz.blocklist.example. 60 IN CNAME .\n"));
    Binaries.Run r =
        Binaries.run("named-checkzone", "rpz.blocklist.example.", out.file().toString());
    assertEquals(0, r.status(), r.output());
  }

  @Test
  void unbound_isOneAlwaysNxdomainZonePerEntry() throws Exception {
    TrustedState s = state(3, "a.example");
    assertEquals(
        "# blocklist version 3, 1 entries, list sha256 "
            + s.listDigest()
            + "\nserver:\nlocal-zone: \"a.example.\" always_nxdomain\n",
        write(OutputFormat.UNBOUND, s, "rpz.blocklist.example."));
  }

  @Test
  void hosts_isOneLinePerEntry_withoutTheNamesBelow() throws Exception {
    TrustedState s = state(3, "a.example", "b.example");
    assertEquals(
        "# blocklist version 3, 2 entries, list sha256 "
            + s.listDigest()
            + "\n0.0.0.0 a.example\n0.0.0.0 b.example\n",
        write(OutputFormat.HOSTS, s, "rpz.blocklist.example."));
  }

  @Test
  void isCurrent_isFalse_forAMissingOrDifferentFile() throws Exception {
    Output out = new Output(OutputFormat.TEXT, dir.resolve("x.txt"), "rpz.blocklist.example.");
    assertFalse(out.isCurrent(state(1, "a.example")));
    out.write(state(1, "a.example"));
    assertFalse(out.isCurrent(state(2, "a.example", "b.example")));
  }

  @Test
  void zone_mustBeAnAbsoluteName() {
    assertThrows(IllegalArgumentException.class, () -> new RpzFile("rpz.blocklist.example"));
    assertThrows(IllegalArgumentException.class, () -> new RpzFile("rpz..example."));
    assertThrows(IllegalArgumentException.class, () -> new RpzFile("."));
    assertEquals("rpz.x.", new RpzFile("RPZ.X.").zone());
  }

  @Test
  void format_names() {
    assertEquals(OutputFormat.HOSTS, OutputFormat.of("hosts"));
    assertEquals(
        "format: bind (expected: text, rpz, unbound, hosts)",
        assertThrows(IllegalArgumentException.class, () -> OutputFormat.of("bind")).getMessage());
  }
}
