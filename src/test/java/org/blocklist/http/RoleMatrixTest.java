package org.blocklist.http;

import static org.blocklist.testing.Blocklist.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.blocklist.principal.Role;
import org.blocklist.testing.Blocklist;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The route table of DESIGN.md ("HTTP API"), written down here as data, against the real server:
 * the oracle is the contract, never {@link Route}, which is the code under test. Each role the
 * table allows gets the success DESIGN.md names for a valid request (status, content type, the gist
 * of the body); every other role gets 403 {@code forbidden}; no token and an unknown token get 401
 * {@code unauthorized} on every route that needs a token; open routes answer everyone. The routes
 * of the table the server does not build yet are listed apart and pinned to what they answer today,
 * and the routes the server serves are exactly the others.
 *
 * <p>Calls that change state (submit, approve, reject, withdraw, add and revoke a principal) get a
 * fixture of their own each time: a new requisition, a new name. The server is started once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleMatrixTest {
  // The role codes of DESIGN.md ("Who uses it"), spelled here rather than taken from Role.
  private static final String POLICE = "police";
  private static final String PROSECUTOR = "prosecutor";
  private static final String ISP = "isp";
  private static final String AUDITOR = "auditor";
  private static final String ADMIN = "admin";
  private static final String HOTLINE = "hotline";

  /** "anyone" in the table: no token is needed. */
  private static final Set<String> ANYONE = Set.of();

  private static final String JSON = "application/json";
  private static final String TEXT = "text/plain";

  /** The one entry listed before the matrix runs; lookups and changes are about it. */
  private static final String LISTED = "matrix.example";

  /** A token of the shape the server hands out (256 bits, base64url) that no principal holds. */
  private static final String UNKNOWN_TOKEN = "A".repeat(43);

  /** Makes every name and principal a fixture creates new. */
  private static final AtomicInteger FRESH = new AtomicInteger();

  /** A valid request of a route: its path and query, and its JSON body (null: none). */
  private record Call(String path, String body) {}

  /** Prepares a valid {@link Call} of a route, creating what it needs on the server first. */
  @FunctionalInterface
  private interface Fixture {
    Call prepare(Blocklist bl) throws Exception;
  }

  /** What a successful answer carries beyond its status and content type. */
  @FunctionalInterface
  private interface Check {
    void check(HttpResponse<String> response) throws Exception;
  }

  /**
   * One row of the route table: method and path template as DESIGN.md writes them, the roles that
   * may call it ({@link #ANYONE} for an open route), and the success it answers to a valid call.
   */
  private record Row(
      String method,
      String template,
      Set<String> who,
      int status,
      String type,
      Fixture fixture,
      Check check) {
    boolean open() {
      return who.isEmpty();
    }

    String key() {
      return method + " " + template;
    }
  }

  /** The route table of DESIGN.md, restricted to the routes the server builds today. */
  private static final List<Row> SERVED =
      List.of(
          new Row(
              "POST",
              "/v1/requisitions",
              Set.of(POLICE),
              201,
              JSON,
              bl -> new Call("/v1/requisitions", Blocklist.body("block", fresh())),
              r -> {
                assertEquals("pending", json(r).get("status").asText(), r.body());
                assertTrue(json(r).get("id").asLong() > 0, r.body());
              }),
          new Row(
              "POST",
              "/v1/requisitions/validate",
              Set.of(POLICE),
              200,
              JSON,
              bl -> new Call("/v1/requisitions/validate", Blocklist.body("block", fresh())),
              r -> {
                assertEquals(1, json(r).get("domains").size(), r.body());
                assertEquals(0, json(r).get("refused").size(), r.body());
              }),
          new Row(
              "GET",
              "/v1/requisitions",
              Set.of(POLICE, PROSECUTOR, AUDITOR),
              200,
              JSON,
              bl -> new Call("/v1/requisitions?status=approved", null),
              r -> assertTrue(json(r).get("requisitions").size() > 0, r.body())),
          new Row(
              "GET",
              "/v1/requisitions/{id}",
              Set.of(POLICE, PROSECUTOR, AUDITOR),
              200,
              JSON,
              bl -> new Call("/v1/requisitions/" + bl.submit("block", fresh()), null),
              r -> {
                String path = r.request().uri().getPath();
                assertEquals(path.substring(path.lastIndexOf('/') + 1), json(r).get("id").asText());
                assertEquals("pending", json(r).get("status").asText(), r.body());
              }),
          new Row(
              "POST",
              "/v1/requisitions/{id}/approve",
              Set.of(PROSECUTOR),
              200,
              JSON,
              bl ->
                  new Call(
                      "/v1/requisitions/" + bl.submit("block", fresh()) + "/approve",
                      "{\"note\":\"lawful\"}"),
              r -> {
                assertEquals("approved", json(r).get("status").asText(), r.body());
                assertTrue(json(r).get("version").asLong() > 1, r.body());
              }),
          new Row(
              "POST",
              "/v1/requisitions/{id}/reject",
              Set.of(PROSECUTOR),
              200,
              JSON,
              bl ->
                  new Call(
                      "/v1/requisitions/" + bl.submit("block", fresh()) + "/reject",
                      "{\"reason\":\"no legal basis\"}"),
              r -> assertEquals("rejected", json(r).get("status").asText(), r.body())),
          // "its submitter": every fixture is submitted by the police principal of the matrix;
          // another officer is refused in withdraw_byAnotherOfficer_is403NotSubmitter.
          new Row(
              "POST",
              "/v1/requisitions/{id}/withdraw",
              Set.of(POLICE),
              200,
              JSON,
              bl -> new Call("/v1/requisitions/" + bl.submit("block", fresh()) + "/withdraw", null),
              r -> assertEquals("withdrawn", json(r).get("status").asText(), r.body())),
          new Row(
              "GET",
              "/v1/checkpoint",
              ANYONE,
              200,
              TEXT,
              bl -> new Call("/v1/checkpoint", null),
              r -> assertTrue(r.body().contains("\n\n\u2014 "), r.body())),
          new Row(
              "GET",
              "/v1/keys",
              ANYONE,
              200,
              JSON,
              bl -> new Call("/v1/keys", null),
              r -> {
                assertTrue(json(r).hasNonNull("origin"), r.body());
                assertTrue(json(r).hasNonNull("verifierKey"), r.body());
                assertTrue(json(r).hasNonNull("publicKeyPem"), r.body());
              }),
          new Row(
              "GET",
              "/v1/versions",
              ANYONE,
              200,
              JSON,
              bl -> new Call("/v1/versions?from=1&limit=1", null),
              r -> assertEquals(1, json(r).get("versions").get(0).get("version").asLong())),
          new Row(
              "GET",
              "/v1/versions/{n}",
              ANYONE,
              200,
              TEXT,
              bl -> new Call("/v1/versions/1", null),
              r -> assertTrue(r.body().startsWith("blocklist-version/v1\n"), r.body())),
          new Row(
              "GET",
              "/v1/versions/{n}/changes",
              Set.of(ISP, PROSECUTOR, AUDITOR),
              200,
              JSON,
              bl -> new Call("/v1/versions/1/changes", null),
              r -> assertEquals(LISTED, json(r).get("added").get(0).asText(), r.body())),
          new Row(
              "GET",
              "/v1/proof/inclusion",
              ANYONE,
              200,
              JSON,
              bl -> new Call("/v1/proof/inclusion?version=1&treeSize=1", null),
              r -> assertEquals(0, json(r).get("hashes").size(), r.body())),
          new Row(
              "GET",
              "/v1/proof/consistency",
              ANYONE,
              200,
              JSON,
              bl -> new Call("/v1/proof/consistency?from=1&to=1", null),
              r -> assertEquals(0, json(r).get("hashes").size(), r.body())),
          new Row(
              "GET",
              "/v1/delta",
              Set.of(ISP),
              200,
              JSON,
              bl -> new Call("/v1/delta?from=0", null),
              r -> assertEquals(0, json(r).get("from").asLong(), r.body())),
          new Row(
              "GET",
              "/v1/snapshot",
              Set.of(ISP, AUDITOR),
              200,
              TEXT,
              bl -> new Call("/v1/snapshot", null),
              r -> {
                assertTrue(r.headers().firstValue("Blocklist-Version").isPresent(), "header");
                assertTrue(r.body().contains(LISTED + "\n"), r.body());
              }),
          new Row(
              "GET",
              "/v1/lookup",
              Set.of(ISP, POLICE, PROSECUTOR, AUDITOR),
              200,
              JSON,
              bl -> new Call("/v1/lookup?domain=www." + LISTED, null),
              r -> {
                assertTrue(json(r).get("blocked").asBoolean(), r.body());
                assertEquals(LISTED, json(r).get("matchedEntry").asText(), r.body());
              }),
          new Row(
              "POST",
              "/v1/lookup",
              Set.of(ISP, POLICE, PROSECUTOR, AUDITOR),
              200,
              JSON,
              bl -> new Call("/v1/lookup", "{\"domains\":[\"www." + LISTED + "\"]}"),
              r -> assertEquals(1, json(r).get("results").size(), r.body())),
          new Row(
              "GET",
              "/v1/isps",
              Set.of(PROSECUTOR, AUDITOR, ADMIN),
              200,
              JSON,
              bl -> new Call("/v1/isps", null),
              r -> assertTrue(r.body().contains("{\"name\":\"isp-a\",\"lastVersion\":"), r.body())),
          new Row(
              "GET",
              "/v1/audit/events",
              Set.of(AUDITOR),
              200,
              JSON,
              bl -> new Call("/v1/audit/events?from=1&limit=1", null),
              r -> assertEquals(1, json(r).get("events").get(0).get("seq").asLong(), r.body())),
          new Row(
              "POST",
              "/v1/principals",
              Set.of(ADMIN),
              201,
              JSON,
              bl ->
                  new Call(
                      "/v1/principals",
                      "{\"name\":\"matrix-added-"
                          + FRESH.incrementAndGet()
                          + "\",\"role\":\"auditor\"}"),
              r -> assertTrue(json(r).get("token").asText().length() >= 43, r.body())),
          new Row(
              "DELETE",
              "/v1/principals/{name}",
              Set.of(ADMIN),
              200,
              JSON,
              bl -> {
                String name = "matrix-revoked-" + FRESH.incrementAndGet();
                bl.server.addPrincipal(name, Role.AUDITOR);
                return new Call("/v1/principals/" + name, null);
              },
              r -> assertTrue(json(r).get("revoked").asBoolean(), r.body())),
          new Row(
              "POST",
              "/v1/reports",
              Set.of(HOTLINE),
              201,
              JSON,
              bl -> new Call("/v1/reports", reportBody()),
              r -> {
                assertEquals("new", json(r).get("status").asText(), r.body());
                assertTrue(json(r).get("id").asLong() > 0, r.body());
              }),
          new Row(
              "GET",
              "/v1/reports",
              Set.of(POLICE, HOTLINE),
              200,
              JSON,
              bl -> new Call("/v1/reports?status=new", null),
              r -> assertTrue(json(r).has("reports"), r.body())),
          new Row(
              "POST",
              "/v1/reports/{id}/dismiss",
              Set.of(POLICE),
              200,
              JSON,
              bl ->
                  new Call("/v1/reports/" + report(bl) + "/dismiss", "{\"note\":\"out of scope\"}"),
              r -> assertEquals("dismissed", json(r).get("status").asText(), r.body())),
          new Row(
              "POST",
              "/v1/reports/{id}/requisition",
              Set.of(POLICE),
              201,
              JSON,
              bl ->
                  new Call(
                      "/v1/reports/" + report(bl) + "/requisition",
                      "{\"legalBasis\":\"ccp-39bis\",\"caseReference\":\"FCCU-1\"}"),
              r -> {
                assertEquals("requisitioned", json(r).get("report").get("status").asText());
                assertEquals("pending", json(r).get("requisition").get("status").asText());
              }),
          new Row(
              "GET",
              "/v1/reviews",
              Set.of(PROSECUTOR, AUDITOR),
              200,
              JSON,
              bl -> new Call("/v1/reviews?due=2999-01-01&limit=1000", null),
              r -> assertTrue(r.body().contains("\"domain\":\"" + LISTED + "\""), r.body())),
          new Row(
              "POST",
              "/v1/reviews/renew",
              Set.of(PROSECUTOR),
              200,
              JSON,
              bl -> new Call("/v1/reviews/renew", "{\"domains\":[\"" + LISTED + "\"]}"),
              r -> assertEquals(LISTED, json(r).get("renewed").get(0).asText(), r.body())),
          new Row(
              "POST",
              "/v1/appeals",
              ANYONE,
              201,
              JSON,
              bl -> new Call("/v1/appeals", appealBody()),
              r -> assertTrue(json(r).get("id").asLong() > 0, r.body())),
          new Row(
              "GET",
              "/v1/appeals",
              Set.of(PROSECUTOR, AUDITOR),
              200,
              JSON,
              bl -> new Call("/v1/appeals?status=new", null),
              r -> assertTrue(json(r).has("appeals"), r.body())),
          new Row(
              "POST",
              "/v1/appeals/{id}/answer",
              Set.of(PROSECUTOR),
              200,
              JSON,
              bl ->
                  new Call(
                      "/v1/appeals/" + appeal(bl) + "/answer",
                      "{\"decision\":\"dismissed\",\"note\":\"lawful\"}"),
              r -> assertEquals("answered", json(r).get("status").asText(), r.body())),
          new Row(
              "GET",
              "/v1/transparency",
              ANYONE,
              200,
              JSON,
              bl -> new Call("/v1/transparency", null),
              r -> assertTrue(json(r).get("months").size() > 0, r.body())),
          new Row(
              "GET",
              "/metrics",
              ANYONE,
              200,
              TEXT,
              bl -> new Call("/metrics", null),
              r -> assertTrue(r.body().contains("blocklist_"), "our own series are there")),
          new Row("GET", "/healthz", ANYONE, 200, JSON, bl -> new Call("/healthz", null), r -> {}));

  private Blocklist bl;

  /** The hotline's token, for the fixtures that need a report first. */
  private static volatile String hotlineToken;

  /** Role code to token: one principal of each role. */
  private Map<String, String> callers;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    bl = Blocklist.start(dir.resolve("data"));
    assertEquals(1, bl.publish("block", LISTED));
    callers = new LinkedHashMap<>();
    callers.put(POLICE, bl.police);
    callers.put(PROSECUTOR, bl.prosecutor);
    callers.put(ISP, bl.isp);
    callers.put(AUDITOR, bl.auditor);
    callers.put(ADMIN, bl.admin);
    hotlineToken = bl.server.addPrincipal("hotline-1", Role.HOTLINE);
    callers.put(HOTLINE, hotlineToken);
  }

  @AfterAll
  void stop() {
    bl.close();
  }

  @Test
  void servedRoutes_areExactlyTheDesignRoutesBuiltToday() {
    Set<String> served =
        Arrays.stream(Route.values())
            .map(r -> r.method().name() + " " + r.template())
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> known =
        SERVED.stream().map(Row::key).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(SERVED.size(), known.size(), "each row once");
    assertEquals(known, served, "the server's routes against DESIGN.md's table");
  }

  @TestFactory
  List<DynamicTest> allowedRoles_getTheSuccessOfDesign() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Row row : SERVED) {
      for (String role : callers.keySet()) {
        if (row.open() || row.who().contains(role)) {
          tests.add(
              dynamicTest(
                  row.key() + " as " + role + " is " + row.status(),
                  () -> assertSuccess(row, callers.get(role))));
        }
      }
    }
    return tests;
  }

  @TestFactory
  List<DynamicTest> otherRoles_get403Forbidden() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Row row : SERVED) {
      for (String role : callers.keySet()) {
        if (!row.open() && !row.who().contains(role)) {
          tests.add(
              dynamicTest(
                  row.key() + " as " + role + " is 403",
                  () -> {
                    HttpResponse<String> r = call(row, callers.get(role));
                    assertEquals(403, r.statusCode(), () -> row.key() + ": " + r.body());
                    assertEquals("forbidden", json(r).get("error").asText(), r.body());
                  }));
        }
      }
    }
    return tests;
  }

  @TestFactory
  List<DynamicTest> noTokenAndAnUnknownToken_get401_butOpenRoutesAnswerThem() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Row row : SERVED) {
      for (String token : new String[] {null, UNKNOWN_TOKEN}) {
        String who = token == null ? " without a token" : " with an unknown token";
        if (row.open()) {
          tests.add(
              dynamicTest(
                  row.key() + who + " is " + row.status(), () -> assertSuccess(row, token)));
        } else {
          tests.add(
              dynamicTest(
                  row.key() + who + " is 401",
                  () -> {
                    HttpResponse<String> r = call(row, token);
                    assertEquals(401, r.statusCode(), () -> row.key() + ": " + r.body());
                    assertEquals("unauthorized", json(r).get("error").asText(), r.body());
                  }));
        }
      }
    }
    return tests;
  }

  @Test
  void withdraw_byAnotherOfficer_is403NotSubmitter() throws Exception {
    long id = bl.submit("block", fresh());
    HttpResponse<String> r = send("POST", "/v1/requisitions/" + id + "/withdraw", null, bl.police2);
    assertEquals(403, r.statusCode(), r.body());
    assertEquals("not_submitter", json(r).get("error").asText(), r.body());
    HttpResponse<String> still = send("GET", "/v1/requisitions/" + id, null, bl.police);
    assertEquals("pending", json(still).get("status").asText(), still.body());
  }

  private void assertSuccess(Row row, String token) throws Exception {
    HttpResponse<String> r = call(row, token);
    assertEquals(row.status(), r.statusCode(), () -> row.key() + ": " + r.body());
    String type = r.headers().firstValue("Content-Type").orElse("");
    assertTrue(
        type.startsWith(row.type()),
        () -> row.key() + ": Content-Type " + type + " (expected: " + row.type() + ")");
    row.check().check(r);
  }

  private HttpResponse<String> call(Row row, String token) throws Exception {
    Call c = row.fixture().prepare(bl);
    return send(row.method(), c.path(), c.body(), token);
  }

  private HttpResponse<String> send(String method, String path, String body, String token)
      throws Exception {
    HttpRequest.Builder b = bl.server.request(path, token);
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", JSON)
          .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }
    return bl.server.send(b);
  }

  private static String reportBody() {
    return "{\"urls\":[\"http://" + fresh() + "/page\"],\"hotlineReference\":\"HL-1\"}";
  }

  private static String appealBody() {
    return "{\"host\":\"www." + LISTED + "\",\"message\":\"this site is lawful\"}";
  }

  /** A new report by the hotline; its id. */
  private static long report(Blocklist bl) throws Exception {
    HttpResponse<String> r = bl.server.post("/v1/reports", hotlineToken, reportBody());
    assertEquals(201, r.statusCode(), r.body());
    return json(r).get("id").asLong();
  }

  /** A new appeal; its id. */
  private static long appeal(Blocklist bl) throws Exception {
    HttpResponse<String> r = bl.server.post("/v1/appeals", null, appealBody());
    assertEquals(201, r.statusCode(), r.body());
    return json(r).get("id").asLong();
  }

  private static String fresh() {
    return "n" + FRESH.incrementAndGet() + "." + LISTED.replace("matrix", "fixture");
  }
}
