package org.blocklist.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.blocklist.sync.OutputFormat;
import org.blocklist.sync.ServeRpz;
import org.blocklist.sync.SyncAgent;
import org.blocklist.sync.SyncEnvironment;
import org.blocklist.sync.SyncLimits;
import org.blocklist.sync.SyncSettings;
import org.blocklist.testing.Blocklist;
import org.blocklist.testing.FreePort;
import org.blocklist.testing.Poll;
import org.blocklist.testing.Resolve;
import org.blocklist.testing.SecondaryResolver;
import org.blocklist.testing.TamperingProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unbound, configured from {@code deploy/resolvers/unbound.conf}, as a secondary of the sync
 * agent's {@code --serve-rpz} zone (issue 9): it enforces the verified list, a new approval after
 * the agent verified it (NOTIFY + IXFR from the agent), and a tampered feed changes nothing until
 * the honest answer comes through.
 */
class SyncAgentUnboundIT {
  @TempDir Path dir;

  @Test
  void unbound_asSecondaryOfTheAgent_enforcesWhatTheAgentVerified() throws Exception {
    int port = FreePort.tcpAndUdp();
    try (Blocklist bl = Blocklist.start(dir.resolve("data"));
        TamperingProxy proxy = TamperingProxy.start(bl.server.uri(""))) {
      bl.publish("block", "evil.example");
      Path trust =
          Files.writeString(
              dir.resolve("trust.key"),
              Blocklist.json(bl.server.get("/v1/keys", null)).get("verifierKey").asText());
      Path state = dir.resolve("state");
      SyncSettings settings =
          new SyncSettings(
              proxy.uri(),
              bl.isp,
              trust,
              state,
              OutputFormat.TEXT,
              SyncSettings.defaultOut(state, OutputFormat.TEXT),
              false,
              SyncSettings.DEFAULT_MAX_AGE,
              Optional.empty(),
              Optional.empty(),
              SyncSettings.defaultZone(),
              "nxdomain",
              Optional.of(
                  new ServeRpz(
                      new InetSocketAddress("127.0.0.1", 0),
                      List.of(new InetSocketAddress("127.0.0.1", port)),
                      List.of(),
                      Optional.empty())));
      SyncLimits d = SyncLimits.DEFAULTS;
      SyncEnvironment system = SyncEnvironment.system();
      SyncEnvironment env =
          new SyncEnvironment(
              system.clock(),
              system.random(),
              system.pause(),
              new SyncLimits(
                  d.maxDeltaBytes(),
                  d.maxNames(),
                  Duration.ofSeconds(2),
                  d.exchangeTime(),
                  d.backoffStart(),
                  d.backoffMax(),
                  d.onChangeTime()));
      SyncAgent agent = SyncAgent.open(settings, env);
      Thread watcher = new Thread(agent::watch, "test-agent");
      watcher.start();
      try (SecondaryResolver unbound = Resolvers.unbound(dir, port, agent.rpzPort())) {
        SecondaryScenario.awaitAnswer(unbound, "evil.example", "NXDOMAIN");
        Resolve r = new Resolve(unbound.port());
        assertEquals("NXDOMAIN", r.a("www.evil.example"));
        assertEquals("192.0.2.30", r.a("new.example"));

        bl.publish("block", "new.example");
        SecondaryScenario.awaitAnswer(unbound, "www.new.example", "NXDOMAIN");

        int before = proxy.requests().size();
        proxy.rewrite(
            (request, answer) ->
                request.path().startsWith("/v1/delta")
                    ? answer.withBody(answer.text().replace("good.example", "gooe.example"))
                    : answer);
        bl.publish("block", "good.example");
        Poll.until(
            SecondaryScenario.WAIT,
            () -> "the agent fetched the tampered delta: " + proxy.requests(),
            () -> Optional.of(proxy.requests().size()).filter(n -> n >= before + 2));
        assertEquals("192.0.2.20", r.a("good.example"), "a refused delta is never served");
        proxy.clear();
        SecondaryScenario.awaitAnswer(unbound, "good.example", "NXDOMAIN");
        assertTrue(unbound.log().contains("rpz"), unbound.log());
      } finally {
        agent.stop();
        watcher.join(30_000);
        agent.close();
      }
    }
  }
}
