package org.blocklist.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The files the agent writes, loaded by real resolvers: the RPZ file by BIND's {@code
 * named-checkzone} and by a running Unbound (an {@code rpz:} clause with {@code zonefile:}), the
 * {@code unbound} file included by a running Unbound; each queried with dnsjava. Unbound answers
 * the test names from an {@code auth-zone}, so a name it does not block resolves.
 */
class SyncResolverTest {
  private static final String ZONE_TEXT =
      """
      example. 60 IN SOA ns.example. hostmaster.example. 1 3600 600 604800 60
      example. 60 IN NS ns.example.
      ns.example. 60 IN A 127.0.0.1
      blocked.example. 60 IN A 192.0.2.1
      www.blocked.example. 60 IN A 192.0.2.2
      other.example. 60 IN A 192.0.2.3
      clear.example. 60 IN A 192.0.2.4
      notblocked.example. 60 IN A 192.0.2.5
      """;

  @TempDir Path dir;
  private SyncHarness h;
  private Process unbound;

  @BeforeEach
  void start() throws Exception {
    h = SyncHarness.start(dir);
    h.bl.publish("block", "blocked.example", "other.example");
    Files.writeString(dir.resolve("example.zone"), ZONE_TEXT);
  }

  @AfterEach
  void stop() throws Exception {
    if (unbound != null) {
      unbound.destroy();
      assertTrue(unbound.waitFor(10, TimeUnit.SECONDS));
    }
    h.close();
  }

  @Test
  void rpzFile_isAcceptedByNamedCheckzone() throws Exception {
    assertTrue(h.once(h.settings(OutputFormat.RPZ, true)).ok());
    Binaries.Run r =
        Binaries.run(
            "named-checkzone",
            "-i",
            "full",
            "-k",
            "fail",
            "-n",
            "fail",
            "rpz.blocklist.example.",
            h.out(OutputFormat.RPZ).toString());
    assertEquals(0, r.status(), r.output());
    assertTrue(r.output().contains("loaded serial 1"), r.output());
  }

  @Test
  void rpzFile_loadedByUnbound_blocksTheEntries_andTheNamesBelowThem() throws Exception {
    assertTrue(h.once(h.settings(OutputFormat.RPZ, true)).ok());
    startUnbound(
        String.format(
            Locale.ROOT,
            """
        rpz:
          name: "rpz.blocklist.example."
          zonefile: "%s"
        """,
            h.out(OutputFormat.RPZ)));
    assertResolvesAsTheListSays();
  }

  @Test
  void unboundFile_includedByUnbound_blocksTheEntries_andTheNamesBelowThem() throws Exception {
    assertTrue(h.once(h.settings(OutputFormat.UNBOUND, true)).ok());
    startUnbound(String.format(Locale.ROOT, "include: \"%s\"\n", h.out(OutputFormat.UNBOUND)));
    assertResolvesAsTheListSays();
  }

  private void assertResolvesAsTheListSays() throws Exception {
    assertEquals(Rcode.NXDOMAIN, query("blocked.example."));
    assertEquals(Rcode.NXDOMAIN, query("www.blocked.example."));
    assertEquals(Rcode.NXDOMAIN, query("other.example."));
    assertEquals(Rcode.NOERROR, query("clear.example."));
    assertEquals(Rcode.NOERROR, query("notblocked.example."));
  }

  private int port;

  private void startUnbound(String clause) throws Exception {
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path conf = dir.resolve("unbound.conf");
    Files.writeString(
        conf,
        String.format(
                Locale.ROOT,
                """
        server:
          interface: 127.0.0.1
          port: %d
          do-daemonize: no
          username: ""
          chroot: ""
          directory: "%s"
          pidfile: ""
          use-syslog: no
          logfile: ""
          do-ip6: no
          access-control: 127.0.0.0/8 allow
          module-config: "respip iterator"
        auth-zone:
          name: "example."
          zonefile: "%s"
          for-downstream: yes
          for-upstream: yes
          fallback-enabled: no
        """,
                port,
                dir,
                dir.resolve("example.zone"))
            + clause);
    Binaries.Run check = Binaries.run("unbound-checkconf", conf.toString());
    assertEquals(0, check.status(), check.output());
    unbound =
        new ProcessBuilder(Binaries.find("unbound").toString(), "-d", "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("unbound.log").toFile())
            .start();
    SyncHarness.await(this::answers, Duration.ofSeconds(20), "unbound answers on port " + port);
  }

  private boolean answers() {
    try {
      return query("clear.example.") == Rcode.NOERROR;
    } catch (Exception e) {
      return false;
    }
  }

  private int query(String name) throws Exception {
    SimpleResolver resolver = new SimpleResolver(InetAddress.getLoopbackAddress());
    resolver.setPort(port);
    resolver.setTimeout(Duration.ofSeconds(2));
    Message answer =
        resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN)));
    return answer.getRcode();
  }
}
