package org.blocklist.accountability;

import static org.blocklist.testing.Blocklist.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.blocklist.testing.Blocklist;
import org.blocklist.testing.RawHttp;
import org.blocklist.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Appeals (DESIGN.md, "Review, expiry, appeals and reports" and the route table): the stop page's
 * form in the page's language, posted as a browser without JavaScript posts it (a urlencoded body
 * over a raw socket), answered byte for byte alike for a listed and an unlisted host (no oracle),
 * held to a per-address quota; the prosecutor reads the appeals and answers them, {@code unblock}
 * creating the pending unblock requisition. Answers are read by an independent client.
 */
class AppealsTest {
  private static final String YAML =
      TestServer.DEFAULT_YAML.replace(
              "appeals: { perAddressPerHour: 0 }", "appeals: { perAddressPerHour: 4 }")
          + "";

  private Blocklist bl;

  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    bl = Blocklist.start(dir.resolve("data"), YAML);
    bl.publish("block", "listed.example");
  }

  @AfterEach
  void stop() {
    bl.close();
  }

  @Test
  void stopPage_offersTheFormInThePagesLanguage_beside_theNumber() throws Exception {
    RawHttp.Response fr =
        stop(RawHttp.get("/", "Host: www.listed.example", "Accept-Language: fr-BE"));
    assertEquals(451, fr.status());
    String page = fr.text();
    assertTrue(page.contains("<html lang=\"fr\">"), page);
    assertTrue(page.contains("tel:+3220000000"), "the number stays: " + page);
    assertTrue(page.contains("<form method=\"post\" action=\"/appeal\">"), page);
    assertTrue(page.contains("name=\"message\" maxlength=\"2000\""), page);
    assertTrue(page.contains("name=\"lang\" value=\"fr\""), page);
    assertTrue(page.contains("Envoyer"), page);
    assertTrue(!page.contains("<script"), "no JavaScript");
    assertTrue(fr.header("content-security-policy").contains("form-action 'self'"));
  }

  @Test
  void appeal_listedAndUnlisted_areAnsweredAlike_andStored() throws Exception {
    RawHttp.Response listed = post("www.listed.example", "message=Ce+site+est+l%C3%A9gal&lang=fr");
    RawHttp.Response unlisted = post("other.example", "message=Ce+site+est+l%C3%A9gal&lang=fr");
    assertEquals(200, listed.status(), listed.text());
    assertEquals("fr", listed.header("content-language"));
    assertTrue(listed.text().contains("Merci"), listed.text());
    assertEquals(unlisted.status(), listed.status());
    assertEquals(withoutDate(unlisted), withoutDate(listed), "the same headers");
    assertArrayEquals(unlisted.body(), listed.body(), "the same body");

    HttpResponse<String> api =
        bl.server.post(
            "/v1/appeals", null, "{\"host\":\"nowhere.example\",\"message\":\"lawful site\"}");
    assertEquals(201, api.statusCode(), api.body());
    assertEquals(1, json(api).size(), "only the id: " + api.body());

    JsonNode appeals = json(bl.server.get("/v1/appeals?status=new", bl.prosecutor)).get("appeals");
    assertEquals(3, appeals.size(), appeals.toString());
    assertEquals("www.listed.example", appeals.get(0).get("host").asText());
    assertEquals("Ce site est légal", appeals.get(0).get("message").asText());
    assertEquals("fr", appeals.get(0).get("language").asText());
    assertEquals("stop-page", appeals.get(0).get("channel").asText());
    assertEquals("api", appeals.get(2).get("channel").asText());
    assertEquals(200, bl.server.get("/v1/appeals", bl.auditor).statusCode(), "auditor reads");

    // answers: unblock creates the pending unblock of the entry that blocks the host
    long first = appeals.get(0).get("id").asLong();
    HttpResponse<String> answered =
        bl.server.post(
            "/v1/appeals/" + first + "/answer",
            bl.prosecutor,
            "{\"decision\":\"unblock\",\"note\":\"no longer illegal\"}");
    assertEquals(200, answered.statusCode(), answered.body());
    long requisition = json(answered).get("requisition").asLong();
    JsonNode r = json(bl.server.get("/v1/requisitions/" + requisition, bl.prosecutor));
    assertEquals("unblock", r.get("action").asText());
    assertEquals("pending", r.get("status").asText());
    assertEquals("listed.example", r.get("domains").get(0).asText());
    assertEquals("ccp-39bis", r.get("legalBasis").asText(), "the basis of the block");
    HttpResponse<String> again =
        bl.server.post(
            "/v1/appeals/" + first + "/answer", bl.prosecutor, "{\"decision\":\"dismissed\"}");
    assertEquals(409, again.statusCode(), again.body());
    long second = appeals.get(1).get("id").asLong();
    HttpResponse<String> notListed =
        bl.server.post(
            "/v1/appeals/" + second + "/answer", bl.prosecutor, "{\"decision\":\"unblock\"}");
    assertEquals(409, notListed.statusCode(), notListed.body());
    assertEquals("not_listed", json(notListed).get("error").asText());
  }

  @Test
  void appeal_pastTheQuota_is429_forListedAndUnlistedAlike() throws Exception {
    for (int i = 0; i < 4; i++) {
      assertEquals(200, post(i % 2 == 0 ? "listed.example" : "x.example", "message=no").status());
    }
    RawHttp.Response listed = post("listed.example", "message=no");
    RawHttp.Response unlisted = post("x.example", "message=no");
    assertEquals(429, listed.status(), listed.text());
    assertArrayEquals(unlisted.body(), listed.body());
    HttpResponse<String> api =
        bl.server.post("/v1/appeals", null, "{\"host\":\"x.example\",\"message\":\"no\"}");
    assertEquals(429, api.statusCode(), "the API shares the quota: " + api.body());
  }

  @Test
  void appeal_emptyOrTooLong_is400_inThePagesLanguage() throws Exception {
    RawHttp.Response empty = post("listed.example", "message=&lang=nl");
    assertEquals(400, empty.status());
    assertEquals("nl", empty.header("content-language"));
    String tooLong =
        "message=" + URLEncoder.encode("é".repeat(2001), StandardCharsets.UTF_8) + "&lang=de";
    assertEquals(400, post("listed.example", tooLong).status());
    HttpResponse<String> api =
        bl.server.post(
            "/v1/appeals",
            null,
            "{\"host\":\"x.example\",\"message\":\"" + "a".repeat(2001) + "\"}");
    assertEquals(400, api.statusCode(), api.body());
    assertEquals(
        0, json(bl.server.get("/v1/appeals", bl.prosecutor)).get("appeals").size(), "none stored");
  }

  private RawHttp.Response post(String host, String form) throws Exception {
    byte[] body = form.getBytes(StandardCharsets.US_ASCII);
    return stop(
        RawHttp.request(
                "POST",
                "/appeal",
                "Host: " + host,
                "Content-Type: application/x-www-form-urlencoded",
                "Content-Length: " + body.length,
                "Connection: close")
            + form);
  }

  private RawHttp.Response stop(String request) throws Exception {
    return RawHttp.exchange(bl.server.service().stopPort(), request);
  }

  private static Map<String, ?> withoutDate(RawHttp.Response r) {
    Map<String, Object> h = new TreeMap<>(r.headers());
    h.remove("date");
    return h;
  }
}
