package org.blocklist.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;
import org.blocklist.testing.Blocklist;
import org.blocklist.testing.Poll;
import org.blocklist.testing.Resolve;
import org.blocklist.testing.SecondaryResolver;

/**
 * What every resolver must show as a secondary of the zone (issue 9): the list it transferred is
 * enforced (a blocked name and the names below it answer NXDOMAIN, others resolve), a new approval
 * is enforced once NOTIFY and IXFR have run, and an unblock lifts the block.
 */
final class SecondaryScenario {
  /** Long enough for a resolver to start and transfer; a passing run takes well under a second. */
  static final Duration WAIT = Duration.ofSeconds(30);

  private SecondaryScenario() {}

  /** Waits until {@code name} resolves to {@code expected} ({@code NXDOMAIN} or addresses). */
  static void awaitAnswer(SecondaryResolver r, String name, String expected) throws Exception {
    Resolve resolve = new Resolve(r.port());
    Poll.until(
        WAIT,
        () ->
            r.log()
                + "\n"
                + name
                + " never answered "
                + expected
                + ", last: "
                + resolve.aOrFailure(name),
        () -> {
          r.checkAlive();
          return Optional.of(resolve.aOrFailure(name)).filter(expected::equals);
        });
  }

  /**
   * Runs the checks on {@code resolver}, a secondary of {@code bl} that transferred version 1
   * (evil.example blocked) or is about to; {@code isp} is the ISP the transfers are recorded for.
   */
  static void run(Blocklist bl, SecondaryResolver resolver, String isp) throws Exception {
    awaitAnswer(resolver, "evil.example", "NXDOMAIN");
    Resolve r = new Resolve(resolver.port());
    assertEquals("NXDOMAIN", r.a("www.evil.example"), "a name below an entry is blocked too");
    assertEquals("192.0.2.20", r.a("good.example"));
    assertEquals("192.0.2.30", r.a("new.example"));

    double ixfrBefore = transfers(bl, "ixfr");
    bl.publish("block", "new.example");
    awaitAnswer(resolver, "new.example", "NXDOMAIN");
    assertEquals("NXDOMAIN", r.a("www.new.example"));
    assertTrue(transfers(bl, "ixfr") > ixfrBefore, "the new version came by IXFR");

    bl.publish("unblock", "evil.example");
    awaitAnswer(resolver, "www.evil.example", "192.0.2.11");
    assertEquals("192.0.2.10", r.a("evil.example"));
    assertEquals("NXDOMAIN", r.a("new.example"));

    JsonNode status = ispStatus(bl, isp, 3);
    assertEquals("dns", status.get("via").asText());
  }

  static double transfers(Blocklist bl, String kind) {
    return bl.server
        .service()
        .registry()
        .get("blocklist.dns.transfers")
        .tag("kind", kind)
        .counter()
        .count();
  }

  /** {@code isp}'s row of {@code GET /v1/isps} once it reached {@code version}. */
  static JsonNode ispStatus(Blocklist bl, String isp, long version) throws Exception {
    return Poll.until(
        WAIT,
        () -> isp + " at version " + version,
        () -> {
          for (JsonNode row :
              Blocklist.json(bl.server.get("/v1/isps", bl.prosecutor)).get("isps")) {
            if (row.get("name").asText().equals(isp)
                && row.get("lastVersion").asLong() == version) {
              return Optional.of(row);
            }
          }
          return Optional.empty();
        });
  }
}
