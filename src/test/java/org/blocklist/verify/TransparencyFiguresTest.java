package org.blocklist.verify;

import static org.blocklist.testing.Blocklist.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.blocklist.feed.FeedHttp;
import org.blocklist.log.Manifest;
import org.blocklist.principal.Role;
import org.blocklist.testing.Blocklist;
import org.blocklist.testing.MovableClock;
import org.blocklist.testing.Poll;
import org.blocklist.testing.RawHttp;
import org.blocklist.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public figures over three months of a history made on a moved clock (blocks, an unblock, an
 * expiry, reports, appeals received and answered): every figure of {@code GET /v1/transparency}
 * against a recount this test makes by itself from the served manifests ({@code /v1/versions}) and
 * audit events ({@code /v1/audit/events}); the auditor's {@code verify} saying it recomputed them;
 * an edited figure refused by it; the stop page's {@code /transparency} with its SVG charts and no
 * name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransparencyFiguresTest {
  private static final List<String> FIELDS =
      List.of(
          "versions",
          "blocks",
          "unblocks",
          "added",
          "removed",
          "entries",
          "reports",
          "appealsReceived",
          "appealsAnswered",
          "expiries");

  private final MovableClock clock = new MovableClock();
  private final ExecutorService fetcher = Executors.newSingleThreadExecutor();
  private final ExecutorService hasher = Executors.newFixedThreadPool(2);
  private Blocklist bl;

  @BeforeAll
  void history(@TempDir Path dir) throws Exception {
    bl =
        Blocklist.start(
            dir.resolve("data"),
            TestServer.DEFAULT_YAML + "review: { days: 60, checkSeconds: 1 }\n",
            clock);
    String hotline = bl.server.addPrincipal("hotline-1", Role.HOTLINE);
    bl.publish("block", "secret-a.example", "secret-b.example");
    report(hotline, "secret-c.example");
    report(hotline, "secret-d.example");
    long appeal = appeal("secret-a.example");
    bl.server.post(
        "/v1/appeals/" + appeal + "/answer", bl.prosecutor, "{\"decision\":\"dismissed\"}");
    clock.advance(Duration.ofDays(35));
    bl.publish("unblock", "secret-a.example");
    bl.publish("block", "secret-e.example");
    appeal("nowhere.example");
    clock.advance(Duration.ofDays(40));
    Poll.until(
        Duration.ofSeconds(30),
        () -> "the expiry of secret-b.example",
        () -> bl.server.service().state().version() >= 4 ? Optional.of(true) : Optional.empty());
  }

  @AfterAll
  void stop() {
    bl.close();
    fetcher.shutdownNow();
    hasher.shutdownNow();
  }

  @Test
  void everyFigure_isTheRecountFromManifestsAndAuditEvents() throws Exception {
    JsonNode served = json(bl.server.get("/v1/transparency", null));
    Map<String, long[]> recount = recount();
    JsonNode months = served.get("months");
    assertTrue(months.size() >= 3, served.toString());
    long carried = 0;
    List<String> names = new ArrayList<>();
    for (JsonNode m : months) {
      String month = m.get("month").asText();
      names.add(month);
      long[] expected = recount.getOrDefault(month, new long[10]);
      if (!recount.containsKey(month)) {
        expected[5] = carried;
      }
      carried = expected[5];
      for (int i = 0; i < FIELDS.size(); i++) {
        assertEquals(expected[i], m.get(FIELDS.get(i)).asLong(), month + " " + FIELDS.get(i));
      }
    }
    assertTrue(names.containsAll(recount.keySet()), names + " vs " + recount.keySet());
    long total = 0;
    for (JsonNode m : months) {
      total += m.get("expiries").asLong();
    }
    assertEquals(1, total, "secret-b.example expired");
    assertFalse(served.toString().contains("secret"), "no names: " + served);
  }

  @Test
  void verify_recomputesTheFigures_andSaysSo() throws Exception {
    Report report =
        verifier().verifyServer(new FeedHttp(bl.server.uri("/"), bl.auditor), Optional.empty());
    assertTrue(
        report
            .text()
            .contains(
                "transparency: "
                    + json(bl.server.get("/v1/transparency", null)).get("months").size()
                    + " months, every figure equal to the recount"),
        report.text());
  }

  @Test
  void verify_refusesAnEditedFigure() throws Exception {
    byte[] body = bl.server.get("/v1/transparency", null).body().getBytes(StandardCharsets.UTF_8);
    ObjectNode edited = (ObjectNode) Blocklist.JSON.readTree(body);
    ObjectNode first = (ObjectNode) edited.get("months").get(0);
    first.put("added", first.get("added").asLong() - 1);
    List<Manifest> manifests = manifests();
    TransparencyCheck check = new TransparencyCheck();
    for (ServedEvent e : events()) {
      check.event(e);
    }
    VerificationException e =
        assertThrows(
            VerificationException.class,
            () -> check.compare(manifests, Blocklist.JSON.writeValueAsBytes(edited)));
    assertTrue(e.getMessage().contains(": added: expected "), e.getMessage());
    assertTrue(e.getMessage().contains("recounted from the signed manifests"), e.getMessage());
  }

  @Test
  void stopPage_transparency_drawsSvgCharts_withNoName() throws Exception {
    RawHttp.Response r =
        RawHttp.exchange(
            bl.server.service().stopPort(),
            RawHttp.get("/transparency", "Host: anything.example", "Connection: close"));
    assertEquals(200, r.status());
    String page = r.text();
    assertTrue(page.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""), page);
    assertTrue(page.contains("<table>"), page);
    assertTrue(page.contains("How to check these figures"), page);
    assertFalse(page.contains("<script"), page);
    assertFalse(page.contains("secret"), page);
  }

  @Test
  void stopPage_transparency_speaksTheVisitorsLanguage_withTheSameFigures() throws Exception {
    String english = transparencyPage("Accept-Language: en");
    String french = transparencyPage("Accept-Language: fr-BE,fr;q=0.9,en;q=0.5");
    assertTrue(french.contains("<html lang=\"fr\">"), french);
    assertTrue(french.contains("<h1>Chiffres publics</h1>"), french);
    assertTrue(french.contains("Comment vérifier ces chiffres"), french);
    assertFalse(french.contains("How to check these figures"), french);
    // the page's own links choose a language over the browser's preference
    String dutch = transparencyPage("Accept-Language: fr", "?lang=nl");
    assertTrue(dutch.contains("<html lang=\"nl\">"), dutch);
    assertTrue(dutch.contains("<h1>Openbare cijfers</h1>"), dutch);
    for (String tag : List.of("nl", "fr", "de", "en")) {
      assertTrue(english.contains("href=\"/transparency?lang=" + tag + "\""), english);
    }
    // the numbers do not depend on the language
    assertEquals(cells(english), cells(french));
    assertEquals(cells(english), cells(dutch));
    assertFalse(cells(english).isEmpty());
  }

  private String transparencyPage(String acceptLanguage, String... query) throws Exception {
    RawHttp.Response r =
        RawHttp.exchange(
            bl.server.service().stopPort(),
            RawHttp.get(
                "/transparency" + String.join("", query),
                "Host: anything.example",
                acceptLanguage,
                "Connection: close"));
    assertEquals(200, r.status());
    assertEquals("accept-language", r.header("Vary").toLowerCase(java.util.Locale.ROOT));
    return r.text();
  }

  private static List<String> cells(String page) {
    List<String> out = new ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("<td>([^<]*)</td>").matcher(page);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** month -> the ten figures, recounted from what the server serves, by this test alone. */
  private Map<String, long[]> recount() throws Exception {
    Map<String, long[]> out = new TreeMap<>();
    List<Long> expiryRequisitions = new ArrayList<>();
    for (ServedEvent e : events()) {
      Map<String, String> f = fields(e.text());
      String month = f.get("time").substring(0, 7);
      switch (f.get("type")) {
        case "report-submitted" -> out.computeIfAbsent(month, k -> new long[10])[6]++;
        case "appeal-received" -> out.computeIfAbsent(month, k -> new long[10])[7]++;
        case "appeal-answered" -> out.computeIfAbsent(month, k -> new long[10])[8]++;
        case "requisition-submitted" -> {
          if (f.get("legal-basis").equals("review-expired")) {
            expiryRequisitions.add(Long.parseLong(f.get("requisition")));
          }
        }
        default -> {}
      }
    }
    long entries = 0;
    for (JsonNode v : json(bl.server.get("/v1/versions?from=1&limit=1000", null)).get("versions")) {
      Map<String, String> m = fields(v.get("manifest").asText());
      long[] f = out.computeIfAbsent(m.get("published").substring(0, 7), k -> new long[10]);
      f[0]++;
      f[m.get("action").equals("block") ? 1 : 2]++;
      f[3] += Long.parseLong(m.get("added"));
      f[4] += Long.parseLong(m.get("removed"));
      if (expiryRequisitions.contains(Long.parseLong(m.get("requisition")))) {
        f[9] += Long.parseLong(m.get("removed"));
      }
      f[5] = Long.parseLong(m.get("entries"));
    }
    for (long[] f : out.values()) {
      if (f[0] > 0) {
        entries = f[5];
      } else {
        f[5] = entries;
      }
    }
    return out;
  }

  private static Map<String, String> fields(String text) {
    Map<String, String> out = new TreeMap<>();
    for (String line : text.split("\n")) {
      int space = line.indexOf(' ');
      if (space > 0) {
        out.put(line.substring(0, space), line.substring(space + 1));
      }
    }
    return out;
  }

  private List<ServedEvent> events() throws Exception {
    List<ServedEvent> out = new ArrayList<>();
    JsonNode events =
        json(bl.server.get("/v1/audit/events?from=1&limit=1000", bl.auditor)).get("events");
    for (Iterator<JsonNode> it = events.elements(); it.hasNext(); ) {
      out.add(ServedEvent.of(it.next()).orElseThrow());
    }
    return out;
  }

  private List<Manifest> manifests() throws Exception {
    List<Manifest> out = new ArrayList<>();
    for (JsonNode v : json(bl.server.get("/v1/versions?from=1&limit=1000", null)).get("versions")) {
      out.add(Manifest.parse(v.get("manifest").asText()));
    }
    return out;
  }

  private Verifier verifier() throws Exception {
    return new Verifier(
        Audited.trustOf(bl),
        VerifyLimits.DEFAULT,
        Clock.systemUTC(),
        Audited.quiet(),
        fetcher,
        hasher);
  }

  private void report(String hotline, String host) throws Exception {
    assertEquals(
        201,
        bl.server
            .post(
                "/v1/reports",
                hotline,
                "{\"urls\":[\"http://" + host + "/\"],\"hotlineReference\":\"HL\"}")
            .statusCode());
  }

  private long appeal(String host) throws Exception {
    return json(bl.server.post(
            "/v1/appeals", null, "{\"host\":\"" + host + "\",\"message\":\"lawful\"}"))
        .get("id")
        .asLong();
  }
}
