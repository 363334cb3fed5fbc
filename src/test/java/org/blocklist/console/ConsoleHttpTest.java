package org.blocklist.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.blocklist.principal.Role;
import org.blocklist.testing.Blocklist;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's security rules of DESIGN.md ("Operator console") and issue 11, seen by the JDK's
 * HttpClient against the real server: the headers of every page, the cookie's attributes, a forged
 * form refused, a note with markup shown as text, sign-out and revocation ending sessions
 * server-side, the language picked from {@code Accept-Language} and kept by a cookie, and the
 * validation preview of the API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleHttpTest {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  private Blocklist bl;
  private String hotline;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    bl = Blocklist.start(dir.resolve("data"));
    hotline = bl.server.addPrincipal("hotline-1", Role.HOTLINE);
  }

  @AfterAll
  void stop() {
    bl.close();
  }

  /** A browser's state: its cookies, as the server set them. */
  final class Browser {
    final Map<String, String> cookies = new java.util.LinkedHashMap<>();
    String lastSetCookie;

    HttpResponse<String> get(String path, String... headers) throws Exception {
      HttpRequest.Builder b = bl.server.request(path, null).GET();
      return send(b, headers);
    }

    HttpResponse<String> post(String path, Map<String, String> form, String... headers)
        throws Exception {
      String body =
          form.entrySet().stream()
              .map(
                  e ->
                      URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                          + "="
                          + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
              .collect(Collectors.joining("&"));
      HttpRequest.Builder b =
          bl.server
              .request(path, null)
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(body));
      return send(b, headers);
    }

    private HttpResponse<String> send(HttpRequest.Builder b, String... headers) throws Exception {
      for (int i = 0; i < headers.length; i += 2) {
        b.header(headers[i], headers[i + 1]);
      }
      if (!cookies.isEmpty()) {
        b.header(
            "Cookie",
            cookies.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; ")));
      }
      HttpResponse<String> r = bl.server.send(b);
      for (String set : r.headers().allValues("set-cookie")) {
        lastSetCookie = set;
        String pair = set.split(";", 2)[0];
        String[] kv = pair.split("=", 2);
        if (set.contains("Max-Age=0")) {
          cookies.remove(kv[0]);
        } else {
          cookies.put(kv[0], kv[1]);
        }
      }
      return r;
    }

    /** Signs in with {@code token}; returns the page it lands on. */
    HttpResponse<String> signIn(String token) throws Exception {
      HttpResponse<String> form = get("/console/sign-in");
      assertEquals(200, form.statusCode(), form.body());
      HttpResponse<String> r =
          post(
              "/console/sign-in",
              Map.of("csrf", csrf(form.body()), "token", token, "next", "/console/"));
      assertEquals(303, r.statusCode(), r.body());
      return get(r.headers().firstValue("location").orElseThrow());
    }
  }

  static String csrf(String html) {
    Matcher m = CSRF.matcher(html);
    assertTrue(m.find(), "a csrf field in the form");
    return m.group(1);
  }

  @Test
  void everyAnswer_hasThePolicyNoStoreAndNoFraming() throws Exception {
    Browser b = new Browser();
    for (String path :
        List.of("/console/sign-in", "/console/versions", "/console/nope", "/console/static/x")) {
      HttpResponse<String> r = b.get(path);
      assertEquals(
          "default-src 'self'; frame-ancestors 'none'",
          r.headers().firstValue("content-security-policy").orElse(null),
          path);
      assertEquals("no-store", r.headers().firstValue("cache-control").orElse(null), path);
    }
    b.signIn(bl.auditor);
    HttpResponse<String> page = b.get("/console/versions");
    assertEquals(200, page.statusCode());
    assertEquals(
        "default-src 'self'; frame-ancestors 'none'",
        page.headers().firstValue("content-security-policy").orElse(null));
    assertEquals("no-store", page.headers().firstValue("cache-control").orElse(null));
    assertTrue(page.body().contains("<html lang=\"en\">"), page.body());
  }

  @Test
  void signIn_setsAnHttpOnlyStrictSessionCookie_andSignOutEndsItOnTheServer() throws Exception {
    Browser b = new Browser();
    HttpResponse<String> landed = b.signIn(bl.prosecutor);
    assertEquals(200, landed.statusCode());
    assertEquals("/console/queue", landed.uri().getPath());
    String set = b.lastSetCookie;
    String session = b.cookies.get("blocklist_session");
    assertNotNull(session);
    HttpResponse<String> again = b.get("/console/sign-in");
    assertEquals(303, again.statusCode(), "signed in already");
    // the Set-Cookie of the sign-in itself
    Browser c = new Browser();
    HttpResponse<String> form = c.get("/console/sign-in");
    HttpResponse<String> in =
        c.post(
            "/console/sign-in",
            Map.of("csrf", csrf(form.body()), "token", bl.auditor, "next", "/console/events"));
    assertEquals("/console/events", in.headers().firstValue("location").orElse(null));
    String cookie =
        in.headers().allValues("set-cookie").stream()
            .filter(s -> s.startsWith("blocklist_session="))
            .findFirst()
            .orElseThrow();
    assertTrue(cookie.contains("HTTPOnly") || cookie.contains("HttpOnly"), cookie);
    assertTrue(cookie.contains("SameSite=Strict"), cookie);
    assertTrue(cookie.contains("Path=/console/"), cookie);
    assertFalse(cookie.contains("Secure"), "not over plain HTTP: " + cookie);
    assertFalse(in.uri().toString().contains(bl.auditor), "no token in a URL");
    assertNotNull(set);

    HttpResponse<String> queue = b.get("/console/queue");
    HttpResponse<String> out = b.post("/console/sign-out", Map.of("csrf", csrf(queue.body())));
    assertEquals(303, out.statusCode());
    // the old cookie, replayed, opens nothing
    Browser replay = new Browser();
    replay.cookies.put("blocklist_session", session);
    HttpResponse<String> r = replay.get("/console/queue");
    assertEquals(303, r.statusCode());
    assertEquals(
        "/console/sign-in?next=%2Fconsole%2Fqueue", r.headers().firstValue("location").orElse(""));
  }

  @Test
  void aForgedPost_isRefused_andChangesNothing() throws Exception {
    Browser b = new Browser();
    b.signIn(bl.police);
    Map<String, String> form =
        Map.of(
            "action", "block",
            "domains", "forged.example",
            "legalBasis", "ccp-39bis",
            "caseReference", "X",
            "step", "submit");
    HttpResponse<String> noToken = b.post("/console/requisitions/new", form);
    assertEquals(403, noToken.statusCode(), noToken.body());
    java.util.Map<String, String> wrong = new java.util.HashMap<>(form);
    wrong.put("csrf", "not-the-token");
    assertEquals(403, b.post("/console/requisitions/new", wrong).statusCode());
    // right token, but the browser says the form comes from another site
    wrong.put("csrf", csrf(b.get("/console/requisitions/new").body()));
    HttpResponse<String> crossSite =
        b.post("/console/requisitions/new", wrong, "Origin", "http://evil.example");
    assertEquals(403, crossSite.statusCode());
    HttpResponse<String> list = bl.server.get("/v1/requisitions", bl.police);
    assertFalse(list.body().contains("forged.example"), list.body());
    // and a sign-in form without its cookie's token is refused too
    Browser fresh = new Browser();
    HttpResponse<String> signIn =
        fresh.post("/console/sign-in", Map.of("csrf", "x", "token", bl.police));
    assertEquals(403, signIn.statusCode());
    assertFalse(fresh.cookies.containsKey("blocklist_session"));
  }

  @Test
  void markupInANote_isShownAsText() throws Exception {
    Browser b = new Browser();
    b.signIn(bl.police);
    String csrf = csrf(b.get("/console/requisitions/new").body());
    HttpResponse<String> r =
        b.post(
            "/console/requisitions/new",
            Map.of(
                "csrf", csrf,
                "action", "block",
                "domains", "markup.example",
                "legalBasis", "ccp-39bis",
                "caseReference", "<b>case</b>",
                "note", "<script>alert(1)</script>",
                "step", "submit"));
    assertEquals(303, r.statusCode(), r.body());
    Browser p = new Browser();
    String queue = p.signIn(bl.prosecutor).body();
    assertTrue(queue.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), queue);
    assertFalse(queue.contains("<script>alert"), queue);
    assertTrue(queue.contains("&lt;b&gt;case&lt;/b&gt;"), queue);
  }

  @Test
  void revokingAPrincipal_endsItsSessions() throws Exception {
    String token = bl.server.addPrincipal("auditor-revoked", org.blocklist.principal.Role.AUDITOR);
    Browser b = new Browser();
    assertEquals(200, b.signIn(token).statusCode());
    assertEquals(200, b.get("/console/events").statusCode());
    HttpResponse<String> revoked = bl.server.delete("/v1/principals/auditor-revoked", bl.admin);
    assertEquals(200, revoked.statusCode(), revoked.body());
    HttpResponse<String> after = b.get("/console/events");
    assertEquals(303, after.statusCode(), "back to sign-in");
    assertTrue(after.headers().firstValue("location").orElse("").startsWith("/console/sign-in"));
  }

  @Test
  void language_followsAcceptLanguage_andTheSwitchIsRemembered() throws Exception {
    Browser b = new Browser();
    HttpResponse<String> nl = b.get("/console/sign-in", "Accept-Language", "nl-BE,nl;q=0.9");
    assertTrue(nl.body().contains("<html lang=\"nl\">"), nl.body());
    assertTrue(nl.body().contains("Aanmelden"));
    assertEquals("nl", nl.headers().firstValue("content-language").orElse(null));
    HttpResponse<String> sw =
        b.get("/console/lang?to=fr&next=%2Fconsole%2Fsign-in%3Fnext%3D%2Fconsole%2F");
    assertEquals(303, sw.statusCode());
    HttpResponse<String> fr = b.get("/console/sign-in", "Accept-Language", "nl-BE,nl;q=0.9");
    assertTrue(fr.body().contains("<html lang=\"fr\">"), fr.body());
    assertTrue(fr.body().contains("Connexion"));
    // an outside address as "next" goes back to the console instead
    HttpResponse<String> out = b.get("/console/lang?to=en&next=https%3A%2F%2Fevil.example%2F");
    assertEquals("/console/", out.headers().firstValue("location").orElse(null));
  }

  @Test
  void roles_seeOnlyTheirPages() throws Exception {
    Browser b = new Browser();
    b.signIn(bl.police);
    HttpResponse<String> r = b.get("/console/principals");
    assertEquals(403, r.statusCode());
    assertTrue(r.body().contains("Your role may not open this page."), r.body());
  }

  @Test
  void validate_answersThePreviewOfDesign_andStoresNothing() throws Exception {
    HttpResponse<String> r =
        bl.server.post(
            "/v1/requisitions/validate",
            bl.police,
            "{\"action\":\"block\",\"domains\":[\"HTTP://Preview.Example/x\",\"com\",\"b\u00fccher.example\"],"
                + "\"legalBasis\":\"ccp-39bis\",\"caseReference\":\"C\"}");
    assertEquals(200, r.statusCode(), r.body());
    var json = Blocklist.json(r);
    assertEquals("[\"preview.example\",\"xn--bcher-kva.example\"]", json.get("domains").toString());
    assertEquals("com", json.get("refused").get(0).get("input").asText());
    assertEquals("public_suffix", json.get("refused").get(0).get("reason").asText());
    assertEquals(0, json.get("conflicts").size());
    assertEquals(2, json.get("normalised").size());
    HttpResponse<String> list = bl.server.get("/v1/requisitions", bl.police);
    assertFalse(list.body().contains("preview.example"), list.body());
    assertEquals(
        403,
        bl.server.post("/v1/requisitions/validate", bl.prosecutor, "{}").statusCode(),
        "police only");
  }

  @Test
  void validate_namesListConflicts_asASubmissionWouldBeRefused() throws Exception {
    bl.publish("block", "listed-preview.example");
    HttpResponse<String> block =
        bl.server.post(
            "/v1/requisitions/validate",
            bl.police,
            Blocklist.body("block", "listed-preview.example", "new-preview.example"));
    assertEquals(200, block.statusCode(), block.body());
    assertEquals(
        "[{\"domain\":\"listed-preview.example\",\"error\":\"already_listed\"}]",
        Blocklist.json(block).get("conflicts").toString());
    HttpResponse<String> unblock =
        bl.server.post(
            "/v1/requisitions/validate",
            bl.police,
            Blocklist.body("unblock", "never-listed-preview.example"));
    assertEquals(
        "not_listed", Blocklist.json(unblock).get("conflicts").get(0).get("error").asText());
    HttpResponse<String> submitted =
        bl.server.post(
            "/v1/requisitions", bl.police, Blocklist.body("block", "listed-preview.example"));
    assertEquals(409, submitted.statusCode(), "the submission agrees with its preview");
  }

  // ---- issue 13: reports, triage

  /** The report ids the hotline's own {@code GET /v1/reports} lists, with their JSON. */
  private JsonNode apiReport(long id) throws Exception {
    HttpResponse<String> r = bl.server.get("/v1/reports", hotline);
    assertEquals(200, r.statusCode(), r.body());
    for (JsonNode n : Blocklist.JSON.readTree(r.body()).get("reports")) {
      if (n.get("id").asLong() == id) {
        return n;
      }
    }
    throw new AssertionError("report " + id + " not in " + r.body());
  }

  private static long number(Pattern p, String text) {
    Matcher m = p.matcher(text);
    assertTrue(m.find(), p + " in " + text);
    return Long.parseLong(m.group(1));
  }

  @Test
  void hotline_homeIsItsReports_andASubmittedReportListsRefusedInputsInWords() throws Exception {
    Browser h = new Browser();
    HttpResponse<String> home = h.signIn(hotline);
    assertEquals(200, home.statusCode(), home.body());
    assertEquals("/console/reports", home.uri().getPath());
    HttpResponse<String> sent =
        h.post(
            "/console/reports",
            Map.of(
                "csrf", csrf(home.body()),
                "urls", "https://hotline-one.example/path/x?y=1\n10.0.0.1\nhotline-two.example",
                "hotlineReference", "HL-2026-0001",
                "category", "csam"));
    assertEquals(200, sent.statusCode(), sent.body());
    long id =
        number(
            Pattern.compile("Report (\\d+) has been sent to the police with 2 host"), sent.body());
    assertTrue(
        sent.body().contains("<code>10.0.0.1</code>: an IP address, not a domain name"),
        sent.body());
    JsonNode api = apiReport(id);
    assertEquals("new", api.get("status").asText());
    assertEquals("HL-2026-0001", api.get("hotlineReference").asText());
    assertTrue(sent.body().contains("<code>hotline-one.example</code>"), sent.body());
    assertTrue(sent.body().contains("new, waiting for the police"), sent.body());

    HttpResponse<String> allRefused =
        h.post(
            "/console/reports",
            Map.of(
                "csrf", csrf(sent.body()),
                "urls", "10.0.0.2",
                "hotlineReference", "HL-2026-0002",
                "category", ""));
    assertEquals(422, allRefused.statusCode(), allRefused.body());
    assertTrue(
        allRefused.body().contains("10.0.0.2: an IP address, not a domain name"),
        allRefused.body());
    assertTrue(allRefused.body().contains("HL-2026-0002"), "the form keeps what was typed");
  }

  @Test
  void police_turnAReportIntoARequisition_andAProsecutorApprovesIt() throws Exception {
    Browser h = new Browser();
    HttpResponse<String> home = h.signIn(hotline);
    HttpResponse<String> sent =
        h.post(
            "/console/reports",
            Map.of(
                "csrf", csrf(home.body()),
                "urls", "https://triage-flow.example/a\ntriage-flow2.example",
                "hotlineReference", "HL-FLOW",
                "category", "fraud"));
    long report = number(Pattern.compile("Report (\\d+) has been sent"), sent.body());

    Browser p = new Browser();
    p.signIn(bl.police);
    HttpResponse<String> queue = p.get("/console/triage");
    assertEquals(200, queue.statusCode(), queue.body());
    assertTrue(queue.body().contains("Report " + report), queue.body());
    assertTrue(queue.body().contains("<code>triage-flow.example</code>"), queue.body());
    HttpResponse<String> turned =
        p.post(
            "/console/triage",
            Map.of(
                "csrf", csrf(queue.body()),
                "id", Long.toString(report),
                "decision", "requisition",
                "legalBasis", "ccp-39bis",
                "caseReference", "PV-FLOW-1",
                "note", "from the hotline"));
    assertEquals(303, turned.statusCode(), turned.body());
    String location = turned.headers().firstValue("location").orElseThrow();
    long requisition = number(Pattern.compile("requisition=(\\d+)"), location);
    assertEquals(requisition, apiReport(report).get("requisition").asLong());
    assertEquals("requisitioned", apiReport(report).get("status").asText());
    JsonNode req =
        Blocklist.JSON.readTree(bl.server.get("/v1/requisitions/" + requisition, bl.police).body());
    assertEquals("pending", req.get("status").asText());
    assertEquals("PV-FLOW-1", req.get("caseReference").asText());

    Browser j = new Browser();
    HttpResponse<String> pending = j.signIn(bl.prosecutor);
    assertTrue(pending.body().contains("Requisition " + requisition), pending.body());
    HttpResponse<String> approved =
        j.post(
            "/console/queue",
            Map.of(
                "csrf",
                csrf(pending.body()),
                "id",
                Long.toString(requisition),
                "decision",
                "approve",
                "note",
                "ok"));
    assertEquals(303, approved.statusCode(), approved.body());
    JsonNode after =
        Blocklist.JSON.readTree(bl.server.get("/v1/requisitions/" + requisition, bl.police).body());
    assertEquals("approved", after.get("status").asText());
    HttpResponse<String> mine = h.get("/console/reports");
    assertTrue(mine.body().contains("Requisition " + requisition), mine.body());
    HttpResponse<String> gone = p.get("/console/triage");
    assertFalse(gone.body().contains("Report " + report + "<"), gone.body());
  }

  @Test
  void aForgedPost_onTheNewForms_isRefused_andChangesNothing() throws Exception {
    Browser h = new Browser();
    h.signIn(hotline);
    HttpResponse<String> forged =
        h.post(
            "/console/reports",
            Map.of("urls", "forged-report.example", "hotlineReference", "HL-FORGED"));
    assertEquals(403, forged.statusCode(), forged.body());
    assertFalse(bl.server.get("/v1/reports", hotline).body().contains("HL-FORGED"));
    Browser p = new Browser();
    p.signIn(bl.police);
    HttpResponse<String> forgedTriage =
        p.post("/console/triage", Map.of("id", "1", "decision", "dismiss", "note", "x"));
    assertEquals(403, forgedTriage.statusCode(), forgedTriage.body());
    HttpResponse<String> wrongRole = p.get("/console/reports");
    assertEquals(403, wrongRole.statusCode());
    assertEquals(403, h.get("/console/triage").statusCode());
  }

  @Test
  void police_dismissAReportWithANote() throws Exception {
    Browser h = new Browser();
    HttpResponse<String> home = h.signIn(hotline);
    HttpResponse<String> sent =
        h.post(
            "/console/reports",
            Map.of(
                "csrf", csrf(home.body()),
                "urls", "dismiss-me.example",
                "hotlineReference", "HL-DISMISS",
                "category", ""));
    long report = number(Pattern.compile("Report (\\d+) has been sent"), sent.body());
    Browser p = new Browser();
    p.signIn(bl.police);
    HttpResponse<String> queue = p.get("/console/triage");
    HttpResponse<String> dismissed =
        p.post(
            "/console/triage",
            Map.of(
                "csrf",
                csrf(queue.body()),
                "id",
                Long.toString(report),
                "decision",
                "dismiss",
                "note",
                "legal content"));
    assertEquals(303, dismissed.statusCode(), dismissed.body());
    assertEquals("dismissed", apiReport(report).get("status").asText());
    HttpResponse<String> again =
        p.post(
            "/console/triage",
            Map.of(
                "csrf",
                csrf(queue.body()),
                "id",
                Long.toString(report),
                "decision",
                "dismiss",
                "note",
                "twice"));
    assertEquals(409, again.statusCode(), again.body());
    assertTrue(h.get("/console/reports").body().contains("dismissed: legal content"));
  }

  // ---- issue 13: reviews, appeals

  @Test
  void prosecutor_answersAnAppealUnblock_andAPendingUnblockRequisitionAppears() throws Exception {
    bl.publish("block", "appealed-host.example");
    HttpResponse<String> appeal =
        bl.server.post(
            "/v1/appeals",
            null,
            "{\"host\":\"appealed-host.example\",\"message\":\"this is my bakery\"}");
    assertEquals(201, appeal.statusCode(), appeal.body());
    long id = Blocklist.JSON.readTree(appeal.body()).get("id").asLong();

    Browser a = new Browser();
    a.signIn(bl.auditor);
    HttpResponse<String> read = a.get("/console/appeals");
    assertEquals(200, read.statusCode(), read.body());
    assertTrue(read.body().contains("this is my bakery"), read.body());
    assertFalse(read.body().contains("name=\"decision\""), "the auditor reads only");

    Browser j = new Browser();
    j.signIn(bl.prosecutor);
    HttpResponse<String> page = j.get("/console/appeals");
    assertTrue(page.body().contains("<code>appealed-host.example</code>"), page.body());
    HttpResponse<String> forged =
        j.post("/console/appeals", Map.of("id", Long.toString(id), "decision", "unblock"));
    assertEquals(403, forged.statusCode(), forged.body());
    HttpResponse<String> auditorPost =
        a.post(
            "/console/appeals",
            Map.of("csrf", csrf(read.body()), "id", Long.toString(id), "decision", "unblock"));
    assertEquals(403, auditorPost.statusCode(), auditorPost.body());
    HttpResponse<String> answered =
        j.post(
            "/console/appeals",
            Map.of(
                "csrf",
                csrf(page.body()),
                "id",
                Long.toString(id),
                "decision",
                "unblock",
                "note",
                "not what the case was about"));
    assertEquals(303, answered.statusCode(), answered.body());
    long requisition =
        number(
            Pattern.compile("requisition=(\\d+)"),
            answered.headers().firstValue("location").orElseThrow());
    JsonNode req =
        Blocklist.JSON.readTree(bl.server.get("/v1/requisitions/" + requisition, bl.police).body());
    assertEquals("pending", req.get("status").asText());
    assertEquals("unblock", req.get("action").asText());
    assertTrue(req.toString().contains("appealed-host.example"), req.toString());
    JsonNode api =
        Blocklist.JSON.readTree(bl.server.get("/v1/appeals?status=answered", bl.prosecutor).body());
    assertTrue(api.toString().contains("\"unblock\""), api.toString());
    assertTrue(j.get("/console/queue").body().contains("Requisition " + requisition));
    assertTrue(j.get("/console/appeals?status=answered").body().contains("this is my bakery"));
  }

  @Test
  void prosecutor_renewsTickedReviews_andTheAuditorReadsThem() throws Exception {
    bl.publish("block", "review-one.example", "review-two.example");
    String due = "/console/reviews?due=2999-12-31";
    Browser a = new Browser();
    a.signIn(bl.auditor);
    HttpResponse<String> read = a.get(due);
    assertEquals(200, read.statusCode(), read.body());
    assertTrue(read.body().contains("<code>review-one.example</code>"), read.body());
    assertFalse(read.body().contains("type=\"checkbox\""), "the auditor reads only");
    assertEquals(400, a.get("/console/reviews?due=tomorrow").statusCode());

    Browser j = new Browser();
    j.signIn(bl.prosecutor);
    HttpResponse<String> page = j.get(due);
    Matcher m =
        Pattern.compile("name=\"(d\\d+)\" value=\"review-one.example\"").matcher(page.body());
    assertTrue(m.find(), page.body());
    assertEquals(
        403,
        j.post("/console/reviews", Map.of(m.group(1), "review-one.example", "due", "2999-12-31"))
            .statusCode());
    HttpResponse<String> renewed =
        j.post(
            "/console/reviews",
            Map.of(
                "csrf",
                csrf(page.body()),
                "due",
                "2999-12-31",
                m.group(1),
                "review-one.example",
                "note",
                "still up"));
    assertEquals(303, renewed.statusCode(), renewed.body());
    assertTrue(renewed.headers().firstValue("location").orElseThrow().contains("renewed=1"));
    JsonNode reviews =
        Blocklist.JSON.readTree(bl.server.get("/v1/reviews?due=2999-12-31", bl.auditor).body());
    boolean seen = false;
    for (JsonNode r : reviews.get("reviews")) {
      if (r.get("domain").asText().equals("review-one.example")) {
        assertFalse(r.get("renewedAt").isNull(), r.toString());
        seen = true;
      }
      if (r.get("domain").asText().equals("review-two.example")) {
        assertTrue(r.get("renewedAt") == null || r.get("renewedAt").isNull(), r.toString());
      }
    }
    assertTrue(seen, reviews.toString());
  }
}
