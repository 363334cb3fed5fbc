package org.blocklist.accountability;

import static org.blocklist.testing.Blocklist.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.blocklist.principal.Role;
import org.blocklist.testing.Blocklist;
import org.blocklist.testing.MovableClock;
import org.blocklist.testing.Poll;
import org.blocklist.testing.RawHttp;
import org.blocklist.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole procedure of DESIGN.md ("Review, expiry, appeals and reports") on the real server, with
 * a wall clock the test moves: a hotline report, police triage into a requisition, a prosecutor's
 * approval enforced (lookup and stop page), the review due, and, past {@code review.days} without
 * renewal, the service's own {@code unblock} with legal basis {@code review-expired} by {@code
 * system-review}, published and signed like any version; a renewed entry stays. The oracle is the
 * contract's text (routes, fields, legal basis, principal), read back through the JDK client.
 */
class ReportToExpiryTest {
  private static final String YAML =
      TestServer.DEFAULT_YAML + "review: { days: 90, checkSeconds: 1 }\n";

  private final MovableClock clock = new MovableClock();
  private Blocklist bl;
  private String hotline;
  private String hotline2;

  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    bl = Blocklist.start(dir.resolve("data"), YAML, clock);
    hotline = bl.server.addPrincipal("hotline-1", Role.HOTLINE);
    hotline2 = bl.server.addPrincipal("hotline-2", Role.HOTLINE);
  }

  @AfterEach
  void stop() {
    if (bl != null) {
      bl.close();
    }
  }

  @Test
  void report_toEnforcedBlock_andBackToUnblockThroughReviewExpiry() throws Exception {
    assertEquals(1, bl.publish("block", "already.example"));
    HttpResponse<String> sent =
        bl.server.post(
            "/v1/reports",
            hotline,
            """
            {"urls":["http://Reported.EXAMPLE:8080/some/path?q=1","1.2.3.4",
                     "https://www.already.example/x"],
             "hotlineReference":"CHILD-FOCUS-2026-17","category":"csam"}""");
    assertEquals(201, sent.statusCode(), sent.body());
    JsonNode report = json(sent);
    long reportId = report.get("id").asLong();
    assertEquals("new", report.get("status").asText());
    assertEquals("reported.example", report.get("hosts").get(0).get("host").asText());
    assertTrue(report.get("hosts").get(0).get("reducedFromUrl").asBoolean());
    assertFalse(report.get("hosts").get(0).get("listed").asBoolean());
    assertEquals("www.already.example", report.get("hosts").get(1).get("host").asText());
    assertTrue(report.get("hosts").get(1).get("listed").asBoolean(), "duplicate flagged");
    assertEquals("1.2.3.4", report.get("refused").get(0).get("input").asText());

    // triage: the police see the queue, each hotline only its own
    JsonNode queue = json(bl.server.get("/v1/reports?status=new", bl.police));
    assertEquals(reportId, queue.get("reports").get(0).get("id").asLong());
    assertEquals(1, json(bl.server.get("/v1/reports", hotline)).get("reports").size());
    assertEquals(0, json(bl.server.get("/v1/reports", hotline2)).get("reports").size());
    assertEquals(
        403,
        bl.server.post("/v1/reports/" + reportId + "/dismiss", hotline, "{}").statusCode(),
        "the hotline reads only");

    HttpResponse<String> turned =
        bl.server.post(
            "/v1/reports/" + reportId + "/requisition",
            bl.police,
            "{\"legalBasis\":\"ccp-39bis\",\"caseReference\":\"FCCU-2026-0099\"}");
    assertEquals(201, turned.statusCode(), turned.body());
    JsonNode requisition = json(turned).get("requisition");
    long requisitionId = requisition.get("id").asLong();
    assertEquals("pending", requisition.get("status").asText());
    assertEquals(List.of("reported.example"), List.of(requisition.get("domains").get(0).asText()));
    assertEquals(1, requisition.get("domains").size(), "the listed duplicate is left out");
    assertEquals("requisitioned", json(turned).get("report").get("status").asText());
    assertEquals(requisitionId, json(turned).get("report").get("requisition").asLong());
    JsonNode back =
        json(bl.server.get("/v1/reports?requisition=" + requisitionId, bl.police)).get("reports");
    assertEquals(reportId, back.get(0).get("id").asLong(), "linked both ways");
    assertEquals(
        409,
        bl.server.post("/v1/reports/" + reportId + "/dismiss", bl.police, "{}").statusCode(),
        "a triaged report is not new");

    HttpResponse<String> approved =
        bl.server.post("/v1/requisitions/" + requisitionId + "/approve", bl.prosecutor, "{}");
    assertEquals(200, approved.statusCode(), approved.body());
    assertEquals(2, json(approved).get("version").asLong());
    Instant approvedAt = Instant.parse(json(approved).get("decidedAt").asText());

    // enforced: the lookup and the stop page
    JsonNode lookup = json(bl.server.get("/v1/lookup?domain=www.reported.example", bl.isp));
    assertTrue(lookup.get("blocked").asBoolean(), lookup.toString());
    assertEquals(451, stopPage("www.reported.example").status());

    // the review falls due review.days after the approval, not a day earlier
    LocalDate dueDay = approvedAt.plus(Duration.ofDays(90)).atZone(ZoneOffset.UTC).toLocalDate();
    assertEquals(List.of(), due(dueDay.minusDays(1)), "not due before its day");
    assertTrue(due(dueDay).contains("reported.example"), "due on its day");

    // renew already.example a little later: it moves, reported.example does not
    clock.advance(Duration.ofDays(10));
    HttpResponse<String> renewed =
        bl.server.post(
            "/v1/reviews/renew",
            bl.prosecutor,
            "{\"domains\":[\"already.example\"],\"note\":\"still online\"}");
    assertEquals(200, renewed.statusCode(), renewed.body());
    assertEquals(
        409,
        bl.server
            .post("/v1/reviews/renew", bl.prosecutor, "{\"domains\":[\"nope.example\"]}")
            .statusCode(),
        "an unlisted name has no review");

    // past the date: the writer removes it by itself, at its next check
    clock.advance(Duration.ofDays(81));
    long version =
        Poll.until(
            Duration.ofSeconds(30),
            () -> "the expiry version",
            () -> {
              long v = bl.server.service().state().version();
              return v >= 3 ? Optional.of(v) : Optional.empty();
            });
    assertEquals(3, version);
    String manifest = bl.server.get("/v1/versions/3", null).body();
    assertTrue(manifest.contains("\naction unblock\n"), manifest);
    assertTrue(manifest.contains("\nremoved 1\n"), manifest);
    long expiryId = Long.parseLong(manifest.split("\nrequisition ")[1].split("\n")[0]);
    JsonNode expiry = json(bl.server.get("/v1/requisitions/" + expiryId, bl.auditor));
    assertEquals("review-expired", expiry.get("legalBasis").asText());
    assertEquals("system-review", expiry.get("submitter").asText());
    assertEquals("system-review", expiry.get("decider").asText());
    assertEquals("approved", expiry.get("status").asText());
    assertEquals("reported.example", expiry.get("domains").get(0).asText());
    assertFalse(
        json(bl.server.get("/v1/lookup?domain=www.reported.example", bl.isp))
            .get("blocked")
            .asBoolean());
    assertEquals(404, stopPage("www.reported.example").status());
    assertTrue(
        json(bl.server.get("/v1/lookup?domain=already.example", bl.isp)).get("blocked").asBoolean(),
        "the renewed entry stays");
    List<String> types = eventTypes();
    for (String t :
        List.of(
            "report-submitted",
            "report-requisitioned",
            "review-renewed",
            "requisition-submitted",
            "requisition-approved",
            "version-published")) {
      assertTrue(types.contains(t), t + " in " + types);
    }

    // restarting verifies the whole history, the expiry included
    bl.close();
    try (TestServer again = TestServer.start(bl.server.data(), YAML, clock)) {
      assertEquals(3, again.service().state().version());
      assertNotEquals(0, again.get("/v1/checkpoint", null).body().length());
    } finally {
      bl = null;
    }
  }

  @Test
  void submit_byPolice_withReviewExpired_isRefused() throws Exception {
    String body =
        "{\"action\":\"block\",\"domains\":[\"x.example\"],\"legalBasis\":\"review-expired\","
            + "\"caseReference\":\"c\"}";
    HttpResponse<String> r = bl.server.post("/v1/requisitions", bl.police, body);
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.body().contains("review-expired"), r.body());
  }

  @Test
  void report_withOnlyRefusedInputs_is400AndStoresNothing() throws Exception {
    HttpResponse<String> r =
        bl.server.post(
            "/v1/reports",
            hotline,
            "{\"urls\":[\"127.0.0.1\",\"com\"],\"hotlineReference\":\"r\"}");
    assertEquals(400, r.statusCode(), r.body());
    assertEquals("invalid_domains", json(r).get("error").asText());
    assertEquals(2, json(r).get("details").size());
    assertEquals(0, json(bl.server.get("/v1/reports", bl.police)).get("reports").size());
  }

  private List<String> due(LocalDate day) throws Exception {
    HttpResponse<String> r = bl.server.get("/v1/reviews?due=" + day, bl.prosecutor);
    assertEquals(200, r.statusCode(), r.body());
    List<String> out = new ArrayList<>();
    json(r).get("reviews").forEach(n -> out.add(n.get("domain").asText()));
    return out;
  }

  private List<String> eventTypes() throws Exception {
    List<String> out = new ArrayList<>();
    JsonNode events =
        json(bl.server.get("/v1/audit/events?from=1&limit=1000", bl.auditor)).get("events");
    events.forEach(e -> out.add(e.get("event").asText().split("\ntype ")[1].split("\n")[0]));
    return out;
  }

  private RawHttp.Response stopPage(String host) throws Exception {
    return RawHttp.exchange(
        bl.server.service().stopPort(), RawHttp.get("/", "Host: " + host, "Connection: close"));
  }
}
