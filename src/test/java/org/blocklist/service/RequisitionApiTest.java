package org.blocklist.service;

import static org.blocklist.testing.Blocklist.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.blocklist.testing.Blocklist;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requisitions through the real API: states, checks and error shapes of DESIGN.md. */
class RequisitionApiTest {
  @TempDir Path dir;
  private Blocklist bl;

  @BeforeEach
  void start() throws Exception {
    bl = Blocklist.start(dir.resolve("data"));
  }

  @AfterEach
  void stop() {
    bl.close();
  }

  @Test
  void submit_normalisesDomains_andSaysWhatItChanged() throws Exception {
    HttpResponse<String> r =
        bl.server.post(
            "/v1/requisitions",
            bl.police,
            Blocklist.body(
                "block", "Evil.EXAMPLE.", "http://WWW.Bad.example:8080/x?y#z", "faß.de"));
    assertEquals(201, r.statusCode(), r.body());
    JsonNode body = json(r);
    assertEquals("pending", body.get("status").asText());
    assertEquals("block", body.get("action").asText());
    assertEquals(
        List.of("evil.example", "www.bad.example", "xn--fa-hia.de"), texts(body.get("domains")));
    assertEquals("officer-1", body.get("submitter").asText());
    assertEquals("ccp-39bis", body.get("legalBasis").asText());
    JsonNode normalised = body.get("normalised");
    assertEquals(3, normalised.size());
    assertEquals("http://WWW.Bad.example:8080/x?y#z", normalised.get(1).get("input").asText());
    assertEquals("www.bad.example", normalised.get(1).get("domain").asText());
    assertTrue(normalised.get(1).get("reducedFromUrl").asBoolean());
    assertFalse(normalised.get(0).get("reducedFromUrl").asBoolean());
  }

  @Test
  void submit_withAnyRefusedName_isRefusedWhole_withOneDetailPerName() throws Exception {
    HttpResponse<String> r =
        bl.server.post(
            "/v1/requisitions",
            bl.police,
            Blocklist.body("block", "fine.example", "google.com", "127.1", "co.uk", "a_b.example"));
    assertEquals(400, r.statusCode());
    JsonNode body = json(r);
    assertEquals("invalid_domains", body.get("error").asText());
    List<String> reasons = new ArrayList<>();
    body.get("details")
        .forEach(d -> reasons.add(d.get("input").asText() + "=" + d.get("reason").asText()));
    assertEquals(
        List.of(
            "google.com=protected",
            "127.1=ip_literal",
            "co.uk=public_suffix",
            "a_b.example=invalid_name"),
        reasons);
    HttpResponse<String> list = bl.server.get("/v1/requisitions", bl.police);
    assertEquals(0, json(list).get("requisitions").size(), "nothing was stored");
  }

  @Test
  void submit_overTheCap_isRefused() throws Exception {
    String[] many = new String[1001];
    for (int i = 0; i < many.length; i++) {
      many[i] = "n" + i + ".example";
    }
    HttpResponse<String> r =
        bl.server.post("/v1/requisitions", bl.police, Blocklist.body("block", many));
    assertEquals(400, r.statusCode());
    assertEquals("too_many_domains", json(r).get("error").asText());
  }

  @Test
  void submit_badJson_isA400WithoutStackTrace() throws Exception {
    for (String bad :
        List.of(
            "",
            "{",
            "[]",
            "null",
            "{\"action\":\"block\",\"domains\":[\"a.example\"],\"legalBasis\":\"ccp-39bis\","
                + "\"caseReference\":\"x\",\"extra\":1}",
            "{\"action\":\"destroy\",\"domains\":[\"a.example\"],\"legalBasis\":\"ccp-39bis\","
                + "\"caseReference\":\"x\"}",
            "{\"action\":\"block\",\"domains\":[\"a.example\"],\"legalBasis\":\"whim\","
                + "\"caseReference\":\"x\"}",
            "{\"action\":\"block\",\"domains\":[],\"legalBasis\":\"ccp-39bis\",\"caseReference\":\"x\"}",
            "{\"action\":\"block\",\"domains\":[\"a.example\"],\"legalBasis\":\"ccp-39bis\"}",
            "{\"action\":\"block\",\"domains\":\"a.example\",\"legalBasis\":\"ccp-39bis\","
                + "\"caseReference\":\"x\"}")) {
      HttpResponse<String> r = bl.server.post("/v1/requisitions", bl.police, bad);
      assertEquals(400, r.statusCode(), bad + " -> " + r.body());
      assertEquals("invalid_request", json(r).get("error").asText(), bad);
      assertFalse(r.body().contains("\tat "), r.body());
      assertFalse(r.body().contains("Exception"), r.body());
    }
  }

  @Test
  void approve_publishesOneVersion_andTheRequisitionRecordsIt() throws Exception {
    long id = bl.submit("block", "a.example", "b.example");
    HttpResponse<String> r =
        bl.server.post("/v1/requisitions/" + id + "/approve", bl.prosecutor, "{\"note\":\"seen\"}");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode body = json(r);
    assertEquals(id, body.get("id").asLong());
    assertEquals("approved", body.get("status").asText());
    assertEquals(1, body.get("version").asLong());
    assertEquals("magistrate-1", body.get("decider").asText());
    assertEquals("seen", body.get("decisionNote").asText());
    assertEquals(1, bl.server.service().state().version());
    JsonNode read = json(bl.server.get("/v1/requisitions/" + id, bl.auditor));
    assertEquals("approved", read.get("status").asText());
    assertEquals(1, read.get("version").asLong());
    JsonNode changes = json(bl.server.get("/v1/versions/1/changes", bl.isp));
    assertEquals(List.of("a.example", "b.example"), texts(changes.get("added")));
    assertEquals(0, changes.get("removed").size());
  }

  @Test
  void approve_twice_isNotPending() throws Exception {
    long id = bl.submit("block", "a.example");
    bl.server.post("/v1/requisitions/" + id + "/approve", bl.prosecutor, "{}");
    HttpResponse<String> again =
        bl.server.post("/v1/requisitions/" + id + "/approve", bl.prosecutor, "{}");
    assertEquals(409, again.statusCode());
    assertEquals("not_pending", json(again).get("error").asText());
  }

  @Test
  void approve_unknownRequisition_is404() throws Exception {
    HttpResponse<String> r = bl.server.post("/v1/requisitions/77/approve", bl.prosecutor, "{}");
    assertEquals(404, r.statusCode());
    assertEquals("not_found", json(r).get("error").asText());
  }

  @Test
  void submit_blockOfAListedName_isAlreadyListed_namingIt() throws Exception {
    bl.publish("block", "a.example");
    HttpResponse<String> r =
        bl.server.post(
            "/v1/requisitions", bl.police, Blocklist.body("block", "b.example", "A.example"));
    assertEquals(409, r.statusCode());
    JsonNode body = json(r);
    assertEquals("already_listed", body.get("error").asText());
    assertEquals("a.example", body.get("details").get(0).get("domain").asText());
    assertEquals(1, body.get("details").size());
  }

  @Test
  void submit_unblockOfAnUnlistedName_isNotListed() throws Exception {
    HttpResponse<String> r =
        bl.server.post("/v1/requisitions", bl.police, Blocklist.body("unblock", "a.example"));
    assertEquals(409, r.statusCode());
    assertEquals("not_listed", json(r).get("error").asText());
  }

  @Test
  void approve_whenTheListChangedMeanwhile_isRefused_andStaysPending() throws Exception {
    long first = bl.submit("block", "a.example");
    long second = bl.submit("block", "a.example", "c.example");
    bl.server.post("/v1/requisitions/" + first + "/approve", bl.prosecutor, "{}");
    HttpResponse<String> r =
        bl.server.post("/v1/requisitions/" + second + "/approve", bl.prosecutor, "{}");
    assertEquals(409, r.statusCode());
    assertEquals("already_listed", json(r).get("error").asText());
    assertEquals(
        "pending",
        json(bl.server.get("/v1/requisitions/" + second, bl.police)).get("status").asText());
    assertEquals(1, bl.server.service().state().version(), "no version was published");
  }

  @Test
  void unblock_removesTheEntry_inTheNextVersion() throws Exception {
    bl.publish("block", "a.example", "b.example");
    long v = bl.publish("unblock", "a.example");
    assertEquals(2, v);
    assertEquals(List.of("b.example"), bl.server.service().state().entries());
    JsonNode changes = json(bl.server.get("/v1/versions/2/changes", bl.prosecutor));
    assertEquals(List.of("a.example"), texts(changes.get("removed")));
  }

  @Test
  void reject_needsAReason_andRecordsIt() throws Exception {
    long id = bl.submit("block", "a.example");
    HttpResponse<String> noReason =
        bl.server.post("/v1/requisitions/" + id + "/reject", bl.prosecutor, "{}");
    assertEquals(400, noReason.statusCode());
    HttpResponse<String> r =
        bl.server.post(
            "/v1/requisitions/" + id + "/reject", bl.prosecutor, "{\"reason\":\"no evidence\"}");
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("rejected", json(r).get("status").asText());
    assertEquals("no evidence", json(r).get("decisionNote").asText());
    assertEquals(0, bl.server.service().state().version());
  }

  @Test
  void withdraw_onlyByItsSubmitter_whilePending() throws Exception {
    long id = bl.submit("block", "a.example");
    HttpResponse<String> other =
        bl.server.post("/v1/requisitions/" + id + "/withdraw", bl.police2, "");
    assertEquals(403, other.statusCode());
    assertEquals("not_submitter", json(other).get("error").asText());
    HttpResponse<String> own =
        bl.server.post("/v1/requisitions/" + id + "/withdraw", bl.police, "");
    assertEquals(200, own.statusCode(), own.body());
    assertEquals("withdrawn", json(own).get("status").asText());
    HttpResponse<String> approve =
        bl.server.post("/v1/requisitions/" + id + "/approve", bl.prosecutor, "{}");
    assertEquals(409, approve.statusCode());
  }

  @Test
  void list_filtersByStatus_andPages() throws Exception {
    long a = bl.submit("block", "a.example");
    long b = bl.submit("block", "b.example");
    long c = bl.submit("block", "c.example");
    bl.server.post("/v1/requisitions/" + b + "/approve", bl.prosecutor, "{}");
    assertEquals(
        List.of(a, c), ids(bl.server.get("/v1/requisitions?status=pending", bl.prosecutor)));
    assertEquals(List.of(b), ids(bl.server.get("/v1/requisitions?status=approved", bl.auditor)));
    assertEquals(
        List.of(b, c), ids(bl.server.get("/v1/requisitions?from=" + b + "&limit=2", bl.police)));
    assertEquals(List.of(a), ids(bl.server.get("/v1/requisitions?limit=1", bl.police)));
    assertEquals(400, bl.server.get("/v1/requisitions?limit=1001", bl.police).statusCode());
    assertEquals(400, bl.server.get("/v1/requisitions?limit=0", bl.police).statusCode());
    assertEquals(400, bl.server.get("/v1/requisitions?from=x", bl.police).statusCode());
    assertEquals(400, bl.server.get("/v1/requisitions?status=lost", bl.police).statusCode());
  }

  @Test
  void fourEyes_theSubmitterCannotDecide_evenWithAnotherRole() throws Exception {
    long id = bl.submit("block", "a.example");
    org.blocklist.principal.Principal sameName =
        new org.blocklist.principal.Principal("officer-1", org.blocklist.principal.Role.PROSECUTOR);
    java.util.concurrent.ExecutionException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            java.util.concurrent.ExecutionException.class,
            () -> bl.server.service().ledger().approve(sameName, id, null).get());
    org.blocklist.requisition.RequisitionException cause =
        (org.blocklist.requisition.RequisitionException) e.getCause();
    assertEquals(org.blocklist.requisition.Problem.FOUR_EYES, cause.problem());
    assertEquals(0, bl.server.service().state().version());
  }

  @Test
  void unknownRoutes_andMethods() throws Exception {
    assertEquals(404, bl.server.get("/v1/nothing", bl.police).statusCode());
    HttpResponse<String> r = bl.server.delete("/v1/requisitions", bl.police);
    assertEquals(405, r.statusCode());
    assertEquals("method_not_allowed", json(r).get("error").asText());
  }

  private static List<Long> ids(HttpResponse<String> r) throws Exception {
    assertEquals(200, r.statusCode(), r.body());
    List<Long> out = new ArrayList<>();
    json(r).get("requisitions").forEach(n -> out.add(n.get("id").asLong()));
    return out;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
