package org.blocklist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.blocklist.testing.Blocklist;
import org.blocklist.testing.TamperingProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code blocklist sync} on the command line: its options and exit statuses. */
class SyncCommandTest {
  @TempDir Path dir;
  private Blocklist bl;
  private TamperingProxy proxy;
  private Path trust;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void start() throws Exception {
    bl = Blocklist.start(dir.resolve("data"));
    proxy = TamperingProxy.start(bl.server.uri(""));
    trust =
        Files.writeString(
            dir.resolve("trust.key"),
            Blocklist.json(bl.server.get("/v1/keys", null)).get("verifierKey").asText());
    bl.publish("block", "a.example");
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    bl.close();
  }

  private List<String> args(String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "sync",
                "--server",
                proxy.uri().toString(),
                "--token",
                bl.isp,
                "--trust",
                trust.toString(),
                "--state",
                dir.resolve("state").toString()));
    a.addAll(List.of(more));
    return a;
  }

  private int run(List<String> args) {
    out.reset();
    err.reset();
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void once_appliedOrUpToDate_is0_andRefused_is1() throws Exception {
    assertEquals(0, run(args("--once")), err());
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("applied version 1; output "));
    assertEquals(
        bl.server.get("/v1/snapshot", bl.isp).body(),
        Files.readString(dir.resolve("state").resolve("blocklist.txt")));
    bl.publish("block", "b.example");
    proxy.rewrite(
        (request, answer) ->
            request.path().equals("/v1/delta")
                ? answer.withBody(
                    answer
                        .text()
                        .replace("b.example", "c.example")
                        .getBytes(StandardCharsets.UTF_8))
                : answer);
    assertEquals(1, run(args("--once")));
    assertTrue(err().startsWith("blocklist: sync failed (proof): "), err());
    assertEquals("a.example\n", Files.readString(dir.resolve("state").resolve("blocklist.txt")));
  }

  @Test
  void once_withATokenFile_andAnotherFormatAndOutput() throws Exception {
    Path token = Files.writeString(dir.resolve("token"), bl.isp + "\n");
    Path zone = dir.resolve("zone.rpz");
    List<String> a =
        args("--once", "--format", "rpz", "--out", zone.toString(), "--zone", "rpz.isp.test.");
    a.set(a.indexOf("--token"), "--token-file");
    a.set(a.indexOf(bl.isp), token.toString());
    assertEquals(0, run(a), err());
    assertTrue(Files.readString(zone).contains("\na.example.rpz.isp.test. 60 IN CNAME .\n"));
  }

  @Test
  void once_withTheStopPageAction_writesCnamesToIt_andServeRpzStartsAndStops() throws Exception {
    Path zone = dir.resolve("zone.rpz");
    List<String> a =
        args(
            "--once",
            "--format",
            "rpz",
            "--out",
            zone.toString(),
            "--action",
            "stop.blocklist.example",
            "--serve-rpz",
            "127.0.0.1:0",
            "--notify",
            "127.0.0.1:9",
            "--rpz-allow",
            "127.0.0.0/8");
    assertEquals(0, run(a), err());
    String text = Files.readString(zone);
    assertTrue(
        text.contains("\n*.a.example.rpz.blocklist.example. 60 IN CNAME stop.blocklist.example.\n"),
        text);
  }

  @Test
  void aKeyFileThatIsNotAKey_isAUsageError() throws Exception {
    Path key = Files.writeString(dir.resolve("bad.key"), "key \"x.\" { algorithm md5; };\n");
    assertEquals(2, run(args("--serve-rpz", "127.0.0.1:0", "--rpz-key", key.toString())));
    assertTrue(err().contains("expected one key as tsig-keygen writes it"), err());
    assertEquals(
        1,
        run(
            args(
                "--serve-rpz", "127.0.0.1:0", "--rpz-key", dir.resolve("missing.key").toString())));
    assertTrue(err().startsWith("blocklist: --rpz-key "), err());
  }

  @Test
  void usageErrors_are2() {
    assertEquals(2, run(List.of("sync", "--server", "http://127.0.0.1:1")));
    assertTrue(err().contains("is required"), err());
    assertEquals(2, run(args("--notify", "127.0.0.1:53")));
    assertTrue(err().contains("--notify needs --serve-rpz ADDR:PORT"), err());
    assertEquals(2, run(args("--serve-rpz", "localhost:53")));
    assertTrue(err().contains("--serve-rpz localhost:53 (expected: ADDR:PORT"), err());
    assertEquals(2, run(args("--serve-rpz", "127.0.0.1:0", "--rpz-allow", "10.0.0.0/33")));
    assertTrue(err().contains("10.0.0.0/33 (expected: a prefix length of 0..32)"), err());
    assertEquals(2, run(args("--serve-rpz", "127.0.0.1:0", "--notify", "host:53")));
    assertEquals(2, run(args("--action", "stop_page")));
    assertTrue(err().contains("action: stop_page (expected: nxdomain, or the stop page"), err());
    assertEquals(2, run(args("--format", "bind")));
    assertTrue(err().contains("--format: bind (expected: text, rpz, unbound, hosts)"), err());
    assertEquals(2, run(args("--max-age", "0")));
    assertEquals(2, run(args("--metrics", "localhost")));
    assertEquals(2, run(args("--zone", "no-final-dot")));
    assertEquals(2, run(args("--token-file", "x")));
    assertTrue(err().contains("give exactly one of --token TOKEN and --token-file FILE"), err());
    List<String> ftp = args();
    ftp.set(ftp.indexOf("--server") + 1, "ftp://127.0.0.1/");
    assertEquals(2, run(ftp));
  }

  @Test
  void aTrustFileThatCannotBeRead_is1() {
    List<String> a = args("--once");
    a.set(a.indexOf(trust.toString()), dir.resolve("missing.key").toString());
    assertEquals(1, run(a));
    assertTrue(err().startsWith("blocklist: --trust "), err());
  }
}
