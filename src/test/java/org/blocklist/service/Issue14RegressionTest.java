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
import org.blocklist.testing.RawHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression tests of the defects found by trying the service as a new user and as an attacker
 * would (issue 14), each named after what it pins, on the real server with raw sockets and the JDK
 * client. Every answer that is not a success must be the JSON error of DESIGN.md.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Issue14RegressionTest {
  private Blocklist bl;
  private int port;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    bl = Blocklist.start(dir.resolve("data"));
    bl.publish("block", "listed.example");
    port = bl.server.uri("/").getPort();
  }

  @AfterAll
  void stop() {
    bl.close();
  }

  private RawHttp.Response raw(String request) throws Exception {
    return RawHttp.exchange(port, request);
  }

  private static void assertJsonError(RawHttp.Response r, int status, String code)
      throws Exception {
    assertEquals(status, r.status(), r.text());
    assertEquals("application/json", r.header("content-type"), r.text());
    JsonNode body = Blocklist.JSON.readTree(r.body());
    assertEquals(code, body.get("error").asText(), r.text());
    assertTrue(body.get("message").isTextual());
    assertTrue(body.get("details").isArray());
    assertEquals("no-store", r.header("cache-control"));
    assertEquals("nosniff", r.header("x-content-type-options"));
  }

  /** Point 4. */
  @Test
  void unknownMethodTokens_createNoMetricSeries() throws Exception {
    for (int i = 0; i < 50; i++) {
      raw("BOGUS" + i + " /nowhere HTTP/1.1\r\nHost: x\r\n\r\n");
    }
    String metrics = bl.server.get("/metrics", null).body();
    assertFalse(metrics.contains("BOGUS"), "a method label from unauthenticated input");
    assertTrue(metrics.contains("method=\"other\""), "unknown methods are counted as other");
  }

  /** Point 5: after a framing error the server answers once and closes. */
  @Test
  void framingErrors_areAnsweredOnce_andTheConnectionClosed() throws Exception {
    String[] requests = {
      "POST /v1/lookup HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      "POST /v1/lookup HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
      "POST /v1/lookup HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n",
    };
    for (String request : requests) {
      try (RawHttp http = new RawHttp(port)) {
        http.send(request);
        RawHttp.Response r = http.read(false);
        assertJsonError(r, 400, "invalid_request");
        assertEquals("close", r.header("connection"), request);
        assertTrue(http.closedByServer(), "closed after " + request);
      }
    }
    try (RawHttp http = new RawHttp(port)) {
      http.send(RawHttp.get("/healthz", "Host: x", "X-Big: " + "a".repeat(9000)));
      RawHttp.Response r = http.read(false);
      assertJsonError(r, 431, "headers_too_large");
      assertEquals("close", r.header("connection"));
      assertTrue(http.closedByServer());
    }
  }

  /** Point 6. */
  @Test
  void badPercentEscapes_areAnswered400BadRequest() throws Exception {
    assertJsonError(
        raw(
            RawHttp.get(
                "/v1/lookup?domain=a.example&x=%", "Host: x", "Authorization: Bearer " + bl.isp)),
        400,
        "bad_request");
    assertJsonError(raw(RawHttp.get("/v1/versi%ons", "Host: x")), 400, "bad_request");
  }

  /** Point 7. */
  @Test
  void aBodyOverTheLimit_is413_asTheJsonError() throws Exception {
    String body = "x".repeat(1_048_577);
    RawHttp.Response r =
        raw(
            "POST /v1/lookup HTTP/1.1\r\nHost: x\r\nContent-Length: "
                + body.length()
                + "\r\nAuthorization: Bearer "
                + bl.isp
                + "\r\n\r\n"
                + body);
    assertJsonError(r, 413, "body_too_large");
  }

  /** Point 8: messages name the field and what was expected, never the JSON library. */
  @Test
  void jsonTyping_isStrict_andMessagesNameTheField() throws Exception {
    String[][] cases = {
      {
        "{\"action\":\"block\",\"domains\":[\"a.example\"],\"legalBasis\":\"ccp-39bis\",\"caseReference\":42}",
        "caseReference: a number (expected: a string)"
      },
      {
        "{\"action\":true,\"domains\":[\"a.example\"],\"legalBasis\":\"ccp-39bis\",\"caseReference\":\"C\"}",
        "action: a boolean (expected: a string)"
      },
      {
        "{\"action\":\"block\",\"action\":\"unblock\",\"domains\":[\"a.example\"],\"legalBasis\":\"ccp-39bis\",\"caseReference\":\"C\"}",
        "action: given twice (expected: once)"
      },
      {
        "{\"action\":\"block\",\"domains\":\"a.example\",\"legalBasis\":\"ccp-39bis\",\"caseReference\":\"C\"}",
        "domains: a string (expected: a list of strings)"
      },
      {
        "{\"action\":\"block\",\"domains\":[\"a.example\"],\"legalBasis\":\"ccp-39bis\",\"caseReference\":\"C\",\"colour\":\"red\"}",
        "colour: unknown field (expected: action, domains, legalBasis, caseReference, note)"
      },
      {"[1,2]", "request body: a list (expected: a JSON object)"},
      {"{\"action\":", "request body: not valid JSON (it ends too early)"},
    };
    for (String[] c : cases) {
      HttpResponse<String> r = bl.server.post("/v1/requisitions", bl.police, c[0]);
      assertEquals(400, r.statusCode(), c[0]);
      JsonNode error = json(r);
      assertEquals("invalid_request", error.get("error").asText());
      assertEquals(c[1], error.get("message").asText(), c[0]);
      assertFalse(r.body().contains("jackson"), r.body());
    }
    HttpResponse<String> unknownParameter = bl.server.get("/v1/versions?frm=1", null);
    assertEquals(400, unknownParameter.statusCode());
    assertEquals(
        "frm: unknown query parameter (expected: from, limit)",
        json(unknownParameter).get("message").asText());
    HttpResponse<String> control =
        bl.server.post(
            "/v1/requisitions",
            bl.police,
            "{\"action\":\"block\",\"domains\":[\"a.example\"],\"legalBasis\":\"ccp-39bis\",\"caseReference\":\"A\\u0007B\"}");
    assertEquals(400, control.statusCode());
    assertEquals(
        "caseReference: control character U+0007 at 1", json(control).get("message").asText());
  }

  /** Point 9. */
  @Test
  void http11Conformance_host_version_head_allow_authorization_contentEncoding() throws Exception {
    assertJsonError(raw("GET /healthz HTTP/1.1\r\n\r\n"), 400, "invalid_request");
    assertJsonError(
        raw("GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"), 400, "invalid_request");
    assertJsonError(
        raw("GET /healthz HTTP/1.2\r\nHost: a\r\n\r\n"), 505, "http_version_not_supported");
    assertEquals(200, raw("GET /healthz HTTP/1.0\r\n\r\n").status(), "HTTP/1.0 needs no Host");
    try (RawHttp http = new RawHttp(port)) {
      http.send("HEAD /v1/checkpoint HTTP/1.1\r\nHost: x\r\n\r\n");
      RawHttp.Response head = http.read(true);
      assertEquals(200, head.status());
      String checkpoint = bl.server.get("/v1/checkpoint", null).body();
      assertEquals(
          String.valueOf(checkpoint.getBytes(java.nio.charset.StandardCharsets.UTF_8).length),
          head.header("content-length"));
      http.send(RawHttp.get("/healthz", "Host: x"));
      assertEquals(200, http.read(false).status(), "no body was sent after the HEAD answer");
    }
    RawHttp.Response notAllowed =
        raw("PUT /v1/checkpoint HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
    assertJsonError(notAllowed, 405, "method_not_allowed");
    assertEquals("GET, HEAD", notAllowed.header("allow"));
    assertJsonError(
        raw(
            RawHttp.get(
                "/v1/requisitions",
                "Host: x",
                "Authorization: Bearer " + bl.police,
                "Authorization: Bearer " + bl.police)),
        400,
        "invalid_request");
    assertJsonError(
        raw(
            "POST /v1/lookup HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + bl.isp
                + "\r\nContent-Encoding: gzip\r\nContent-Length: 2\r\n\r\n{}"),
        415,
        "unsupported_media_type");
  }

  /** Point 10. */
  @Test
  void batchLookupResults_haveTheFieldsOfASingleLookup() throws Exception {
    HttpResponse<String> r =
        bl.server.post(
            "/v1/lookup",
            bl.isp,
            "{\"domains\":[\"www.listed.example\",\"clear.example\",\"a_b.example\"]}");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode results = json(r).get("results");
    JsonNode single = json(bl.server.get("/v1/lookup?domain=www.listed.example", bl.isp));
    List<String> singleFields = new ArrayList<>();
    single.fieldNames().forEachRemaining(singleFields::add);
    for (String field : singleFields) {
      assertTrue(results.get(0).has(field), field + " in " + results.get(0));
      assertTrue(results.get(1).has(field), field + " in " + results.get(1));
    }
    assertEquals("listed.example", results.get(0).get("matchedEntry").asText());
    assertTrue(results.get(1).get("matchedEntry").isNull(), "null where none");
    assertEquals("a_b.example", results.get(2).get("input").asText());
    assertEquals("invalid_name", results.get(2).get("error").asText());
  }

  /** Point 11: a busy port names the port and how to choose another. */
  @Test
  void aBusyPort_isNamed_withTheFlagToChangeIt(@TempDir Path other) throws Exception {
    String yaml = "http: { port: " + port + " }\nstopPage: { port: 0 }\ndns: { port: 0 }\n";
    StartException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            StartException.class,
            () -> org.blocklist.testing.TestServer.start(other.resolve("data"), yaml));
    assertEquals(
        "cannot listen on 127.0.0.1:"
            + port
            + " for the HTTP API: the address is already in use; choose another port with"
            + " --http-port or http.port in the configuration",
        e.getMessage());
  }

  /** Point 11: messages people read. */
  @Test
  void messages_sayWhyInWords_nameTheParent_andGetPluralsRight() throws Exception {
    HttpResponse<String> underscore =
        bl.server.post("/v1/requisitions", bl.police, Blocklist.body("block", "a_b.example"));
    assertEquals(400, underscore.statusCode());
    assertEquals(
        "underscore (_) is not allowed in a host name",
        json(underscore).get("details").get(0).get("message").asText());
    HttpResponse<String> covered =
        bl.server.post(
            "/v1/requisitions", bl.police, Blocklist.body("unblock", "www.listed.example"));
    assertEquals(409, covered.statusCode());
    JsonNode detail = json(covered).get("details").get(0);
    assertEquals("www.listed.example", detail.get("domain").asText());
    assertEquals(
        "not listed in version 1; it is blocked through the listed entry listed.example",
        detail.get("message").asText());
    assertEquals("1 domain is not listed; nothing changed", json(covered).get("message").asText());
    HttpResponse<String> again =
        bl.server.post("/v1/requisitions", bl.police, Blocklist.body("block", "listed.example"));
    assertEquals(
        "1 domain is already listed; nothing changed", json(again).get("message").asText());
    HttpResponse<String> lookup = bl.server.get("/v1/lookup?domain=listed.example", bl.isp);
    assertEquals(
        "{\"domain\":\"listed.example\",\"blocked\":true,\"matchedEntry\":\"listed.example\",\"version\":1}",
        lookup.body());
    String keys = bl.server.get("/v1/keys", null).body();
    assertTrue(
        keys.indexOf("\"origin\"") < keys.indexOf("\"verifierKey\"")
            && keys.indexOf("\"verifierKey\"") < keys.indexOf("\"publicKeyPem\""),
        "JSON keys in a stable order: " + keys);
  }
}
