package org.blocklist.stoppage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.blocklist.testing.RawHttp;
import org.blocklist.testing.RawHttp.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stop page on a real port, spoken to byte by byte (and once with the JDK client). */
class StopPageServerTest {
  private static final String PHONE = "+32 2 000 00 00";
  private static final Set<String> BLOCKED = Set.of("blocked.example", "secret-entry.example");
  private static final Queue<String> ASKED = new ConcurrentLinkedQueue<>();

  private static StopPageServer server;

  @BeforeAll
  static void start() throws Exception {
    server = start(PHONE, StopPageServerTest::isBlocked);
  }

  /** A stop page with no rate limit: these tests are about the answers, not the limit. */
  private static StopPageServer start(String phone, BlockedHosts blocked)
      throws InterruptedException, java.io.IOException {
    return StopPageServer.start("127.0.0.1", 0, phone, blocked, 0, Ticker.systemTicker(), 1);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void forget() {
    ASKED.clear();
  }

  /** What an integrator's matcher does: port, trailing dot and case are its business. */
  private static boolean isBlocked(String hostHeader) {
    ASKED.add(hostHeader);
    String h = hostHeader.toLowerCase(Locale.ROOT);
    int colon = h.lastIndexOf(':');
    if (colon >= 0) {
      h = h.substring(0, colon);
    }
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return BLOCKED.contains(h);
  }

  private static Response get(String host, String... more) throws Exception {
    String[] lines = new String[more.length + 1];
    lines[0] = "Host: " + host;
    System.arraycopy(more, 0, lines, 1, more.length);
    return RawHttp.exchange(server.port(), RawHttp.get("/some/deep/path?x=1", lines));
  }

  @Test
  void get_blockedHost_answers451WithTheEnglishStopPage() throws Exception {
    Response r = get("blocked.example");

    assertEquals(451, r.status());
    assertEquals("Unavailable For Legal Reasons", r.reason());
    String page = r.text();
    assertTrue(page.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"), page);
    assertTrue(
        page.contains(
            "Your browser has taken you to this site but the site is blocked because of its"
                + " content. If you wish to register your disapproval, you may call "
                + "<a href=\"tel:+3220000000\">+32 2 000 00 00</a>."),
        page);
    assertTrue(page.contains("<title>Site blocked</title>"), page);
    assertTrue(page.contains("<main>\n<h1>This site is blocked</h1>"), page);
  }

  @Test
  void get_blockedHost_hasTheSecurityAndCachingHeaders() throws Exception {
    Response r = get("blocked.example");

    assertEquals("text/html; charset=utf-8", r.header("Content-Type"));
    assertEquals("en", r.header("Content-Language"));
    assertEquals("no-store", r.header("Cache-Control"));
    assertEquals("accept-language", r.header("Vary").toLowerCase(Locale.ROOT));
    assertEquals("no-referrer", r.header("Referrer-Policy"));
    assertEquals("nosniff", r.header("X-Content-Type-Options"));
    String csp = r.header("Content-Security-Policy");
    assertTrue(csp.startsWith("default-src 'none'; style-src 'sha256-"), csp);
    assertFalse(csp.contains("script"), csp);
    assertFalse(csp.contains("unsafe"), csp);
    assertEquals(Integer.toString(r.body().length), r.header("Content-Length"));
    assertNull(r.header("Link"));
    assertNull(r.header("Server"));
  }

  @Test
  void get_blockedHost_passesTheRawHostHeaderToBlockedHosts() throws Exception {
    for (String host : List.of("Blocked.EXAMPLE", "blocked.example.", "blocked.example:8081")) {
      ASKED.clear();
      Response r = get(host);

      assertEquals(451, r.status(), host);
      assertEquals(List.of(host), List.copyOf(ASKED));
    }
  }

  @Test
  void get_otherHost_answers404WithANeutralPage() throws Exception {
    Response r = get("www.example.org");

    assertEquals(404, r.status());
    assertEquals("text/html; charset=utf-8", r.header("Content-Type"));
    assertEquals("no-store", r.header("Cache-Control"));
    assertNull(r.header("Content-Language"));
    String page = r.text().toLowerCase(Locale.ROOT);
    assertTrue(page.contains("<h1>not found</h1>"), page);
    for (String word : List.of("block", "bloqu", "sperr", "451", "+32", "list")) {
      assertFalse(page.contains(word), word + " in " + page);
    }
    assertEquals(List.of("www.example.org"), List.copyOf(ASKED));
  }

  @Test
  void get_anyPath_answersOnlyByHost() throws Exception {
    for (String path : List.of("/", "/favicon.ico", "/a/b/c?d=e#f", "*")) {
      Response r = RawHttp.exchange(server.port(), RawHttp.get(path, "Host: blocked.example"));
      assertEquals(451, r.status(), path);
      assertEquals(get("blocked.example").text(), r.text(), path);
    }
  }

  @Test
  void get_pageNeverEchoesTheHostOrThePath() throws Exception {
    Response r =
        RawHttp.exchange(
            server.port(),
            RawHttp.get(
                "/secret-entry.example/x?q=secret-entry.example",
                "Host: secret-entry.example",
                "Referer: http://secret-entry.example/",
                "Accept-Language: fr"));

    assertEquals(451, r.status());
    assertFalse(r.text().contains("secret-entry"), r.text());
    r.headers().forEach((name, values) -> assertFalse(values.toString().contains("secret")));
  }

  @Test
  void get_acceptLanguage_choosesThePageLanguage() throws Exception {
    record Case(String acceptLanguage, String expected) {}
    for (Case c :
        List.of(
            new Case("nl-BE,nl;q=0.9,en;q=0.8", "nl"),
            new Case("fr-BE;q=0.9, nl;q=0.8, *;q=0.1", "fr"),
            new Case("de-DE", "de"),
            new Case("ja, *;q=0.5", "en"),
            new Case("en;q=0, *", "nl"),
            new Case("es", "en"),
            new Case("EN-gb;q=0.3, De;q=0.7", "de"))) {
      Response r = get("blocked.example", "Accept-Language: " + c.acceptLanguage());

      assertEquals(c.expected(), r.header("Content-Language"), c.acceptLanguage());
      assertTrue(r.text().contains("<html lang=\"" + c.expected() + "\">"), c.acceptLanguage());
    }
  }

  @Test
  void get_eachLanguage_carriesTheTranslatedMessageAndNumber() throws Exception {
    record Case(String tag, String message) {}
    for (Case c :
        List.of(
            new Case(
                "nl",
                "Uw browser heeft u naar deze website geleid, maar de website is geblokkeerd"
                    + " vanwege de inhoud ervan. Wenst u uw afkeuring te laten registreren, dan"
                    + " kunt u bellen naar <a href=\"tel:+3220000000\">+32 2 000 00 00</a>."),
            new Case(
                "fr",
                "Votre navigateur vous a conduit vers ce site, mais celui-ci est bloqué en"
                    + " raison de son contenu. Si vous souhaitez faire part de votre"
                    + " désapprobation, vous pouvez appeler le"
                    + " <a href=\"tel:+3220000000\">+32 2 000 00 00</a>."),
            new Case(
                "de",
                "Ihr Browser hat Sie zu dieser Website geführt, doch die Website ist aufgrund"
                    + " ihres Inhalts gesperrt. Wenn Sie Ihre Missbilligung zum Ausdruck bringen"
                    + " möchten, können Sie die Nummer"
                    + " <a href=\"tel:+3220000000\">+32 2 000 00 00</a> anrufen."))) {
      Response r = get("blocked.example", "Accept-Language: " + c.tag());

      assertEquals(c.tag(), r.header("Content-Language"));
      assertTrue(r.text().contains(c.message()), r.text());
    }
  }

  @Test
  void head_blockedHost_answersTheSameHeadersWithoutABody() throws Exception {
    Response got = get("blocked.example", "Accept-Language: de");
    Response head =
        RawHttp.exchange(
            server.port(),
            RawHttp.request("HEAD", "/x", "Host: blocked.example", "Accept-Language: de"));

    assertEquals(451, head.status());
    assertEquals(0, head.body().length);
    assertEquals(got.headers(), head.headers());
  }

  @Test
  void post_answers405WithAllow() throws Exception {
    Response r =
        RawHttp.exchange(
            server.port(),
            RawHttp.request("POST", "/", "Host: blocked.example", "Content-Length: 3") + "a=b");

    assertEquals(405, r.status());
    assertEquals("GET, HEAD", r.header("Allow"));
    assertTrue(ASKED.isEmpty(), "the host is not looked up for a refused method");
  }

  @Test
  void get_withoutHost_answers400AndCloses() throws Exception {
    try (RawHttp http = new RawHttp(server.port())) {
      http.send("GET / HTTP/1.1\r\n\r\n");
      Response r = http.read(false);

      assertEquals(400, r.status());
      assertEquals("close", r.header("Connection"));
      assertTrue(http.closedByServer());
    }
    assertTrue(ASKED.isEmpty());
  }

  @Test
  void get_repeatedOrMalformedHost_answers400WithoutLookingItUp() throws Exception {
    List<String> requests =
        List.of(
            RawHttp.get("/", "Host: blocked.example", "Host: other.example"),
            RawHttp.get("/", "Host: blocked.example/x"),
            RawHttp.get("/", "Host: blocked example"),
            RawHttp.get("/", "Host: <script>"),
            RawHttp.get("/", "Host: " + "a".repeat(RequestHost.MAX_LENGTH + 1)),
            RawHttp.get("/", "Host:"));
    for (String request : requests) {
      Response r = RawHttp.exchange(server.port(), request);

      assertEquals(400, r.status(), request);
      assertEquals("400 Bad Request\n", r.text());
    }
    assertTrue(ASKED.isEmpty(), ASKED.toString());
  }

  @Test
  void get_absoluteFormTarget_usesItsAuthorityOverHost() throws Exception {
    Response r =
        RawHttp.exchange(
            server.port(), RawHttp.get("http://blocked.example/x", "Host: www.example.org"));

    assertEquals(451, r.status());
    assertEquals(List.of("blocked.example"), List.copyOf(ASKED));
  }

  @Test
  void keepAlive_answersSeveralRequestsOnOneConnection() throws Exception {
    try (RawHttp http = new RawHttp(server.port())) {
      http.send(
          RawHttp.get("/", "Host: blocked.example", "Accept-Language: nl")
              + RawHttp.get("/favicon.ico", "Host: www.example.org"));

      assertEquals(451, http.read(false).status());
      assertEquals(404, http.read(false).status());
      http.send(RawHttp.get("/", "Host: blocked.example", "Accept-Language: fr"));
      Response third = http.read(false);
      assertEquals("fr", third.header("Content-Language"));
    }
  }

  @Test
  void get_bodyOverTheLimit_answers413() throws Exception {
    int length = StopPageServer.MAX_BODY_BYTES + 1;
    Response r =
        RawHttp.exchange(
            server.port(),
            RawHttp.get("/", "Host: blocked.example", "Content-Length: " + length)
                + "x".repeat(length));

    assertEquals(413, r.status());
  }

  @Test
  void get_headersOverTheLimit_answers431() throws Exception {
    Response r =
        RawHttp.exchange(
            server.port(),
            RawHttp.get(
                "/",
                "Host: blocked.example",
                "X-Big: " + "b".repeat(StopPageServer.MAX_HEADER_BYTES)));

    assertEquals(431, r.status());
    assertTrue(ASKED.isEmpty());
  }

  @Test
  void get_requestLineOverTheLimit_answers414() throws Exception {
    Response r =
        RawHttp.exchange(
            server.port(),
            RawHttp.get(
                "/" + "p".repeat(StopPageServer.MAX_INITIAL_LINE), "Host: blocked.example"));

    assertEquals(414, r.status());
  }

  @Test
  void contactPhone_isEscapedAndDialledByItsDigitsOnly() throws Exception {
    String phone = "+32 2 <script>alert(\"x\")</script> & 00";
    try (StopPageServer hostile = start(phone, h -> true)) {
      Response r = RawHttp.exchange(hostile.port(), RawHttp.get("/", "Host: any.example"));

      String page = r.text();
      assertFalse(page.contains("<script"), page);
      assertTrue(
          page.contains(
              "<a href=\"tel:+32200\">+32 2 &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
                  + " &amp; 00</a>"),
          page);
      assertEquals(Integer.toString(r.body().length), r.header("Content-Length"));
    }
  }

  @Test
  void jdkClient_loopbackHost_isLookedUpAndAnswered() throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/x"))
                .header("Accept-Language", "fr-BE,fr;q=0.9")
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertEquals(404, r.statusCode());
    assertEquals(List.of("127.0.0.1:" + server.port()), List.copyOf(ASKED));
    try (StopPageServer all = start(PHONE, h -> true)) {
      HttpResponse<String> blocked =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + all.port() + "/x"))
                  .header("Accept-Language", "fr-BE,fr;q=0.9")
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(451, blocked.statusCode());
      assertEquals("fr", blocked.headers().firstValue("Content-Language").orElseThrow());
      assertTrue(blocked.body().contains("Ce site est bloqué"), blocked.body());
    }
  }
}
