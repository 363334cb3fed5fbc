package org.blocklist.stoppage;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import org.blocklist.log.Hash;

/**
 * Every answer of the stop page, rendered to bytes once at start: the {@code 451} page in each
 * {@link Language}, a neutral {@code 404} page that says nothing of the list, a {@code 429} page
 * for an address over its rate (the same whatever host it asked for), and plain-text errors. No
 * page holds anything taken from a request: the only variable is the configured contact number,
 * HTML-escaped, with a {@code tel:} link of its digits (and a leading {@code +}).
 */
final class Pages {
  /** RFC 7725 section 3; Netty has no constant for it. */
  static final HttpResponseStatus UNAVAILABLE_FOR_LEGAL_REASONS =
      new HttpResponseStatus(451, "Unavailable For Legal Reasons");

  /** Longest contact number accepted from the configuration. */
  static final int MAX_PHONE_LENGTH = 64;

  /** The one stylesheet, allowed by its hash in the Content-Security-Policy. */
  static final String STYLE =
      "html{background:#fff;color:#1b1b1b}"
          + "body{margin:0;font:1.125rem/1.6 \"DejaVu Sans\",system-ui,sans-serif}"
          + "main{max-width:38rem;margin:0 auto;padding:3rem 1.25rem}"
          + "h1{margin:0 0 1rem;font-size:1.75rem;line-height:1.25;color:#8a1010}"
          + "p{margin:0}"
          + "a{color:#0b4f9c;text-decoration:underline;white-space:nowrap}"
          + "a:focus{outline:3px solid #1b1b1b;outline-offset:2px}"
          + "form{margin:2rem 0 0}label{display:block;margin:0 0 .5rem}"
          + "textarea{box-sizing:border-box;width:100%;min-height:6rem;font:inherit}"
          + "button{margin:.75rem 0 0;font:inherit;padding:.4rem 1.2rem}"
          + "table{border-collapse:collapse;margin:1rem 0}td,th{padding:.2rem .6rem;"
          + "border-bottom:1px solid #ccc;text-align:right}"
          + "main.wide{max-width:60rem}code{font-size:.95em}";

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src 'sha256-"
          + Hash.sha256(STYLE.getBytes(StandardCharsets.UTF_8)).base64()
          + "'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  static final String HTML = "text/html; charset=utf-8";

  /**
   * {@code Retry-After} of the {@code 429} page, in seconds: a limit is at least one request a
   * second, so a token is back within one.
   */
  static final int RETRY_AFTER_SECONDS = 1;

  private final Map<Language, Page> blocked = new EnumMap<>(Language.class);
  private final Map<Language, Page> thanks = new EnumMap<>(Language.class);
  private final Map<Language, Page> invalidAppeal = new EnumMap<>(Language.class);
  private final Page unavailable;
  private final Page notFound;
  private final Page tooManyRequests;
  private final Page methodNotAllowed;
  private final Page badRequest;
  private final Page uriTooLong;
  private final Page headersTooLarge;

  Pages(String contactPhone) {
    requireNonNull(contactPhone, "contactPhone");
    if (contactPhone.isBlank() || contactPhone.length() > MAX_PHONE_LENGTH) {
      throw new IllegalArgumentException(
          "contactPhone: "
              + contactPhone.length()
              + " characters (expected: 1.."
              + MAX_PHONE_LENGTH
              + ", not blank)");
    }
    for (Language l : Language.values()) {
      HttpHeaders h = security();
      h.set(HttpHeaderNames.CONTENT_LANGUAGE, l.tag());
      h.set(HttpHeaderNames.VARY, HttpHeaderNames.ACCEPT_LANGUAGE);
      blocked.put(
          l, new Page(UNAVAILABLE_FOR_LEGAL_REASONS, HTML, utf8(stopPage(l, contactPhone)), h));
    }
    for (Language l : Language.values()) {
      HttpHeaders h = security();
      h.set(HttpHeaderNames.CONTENT_LANGUAGE, l.tag());
      AppealTexts t = AppealTexts.of(l);
      thanks.put(
          l, new Page(HttpResponseStatus.OK, HTML, utf8(simple(l, t.thanksHeading, t.thanks)), h));
      invalidAppeal.put(
          l,
          new Page(
              HttpResponseStatus.BAD_REQUEST, HTML, utf8(simple(l, l.heading(), t.invalid)), h));
    }
    unavailable = plain(HttpResponseStatus.SERVICE_UNAVAILABLE, security());
    notFound = new Page(HttpResponseStatus.NOT_FOUND, HTML, utf8(notFoundPage()), security());
    HttpHeaders retry = security();
    retry.setInt(HttpHeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
    tooManyRequests =
        new Page(HttpResponseStatus.TOO_MANY_REQUESTS, HTML, utf8(tooManyRequestsPage()), retry);
    HttpHeaders allow = security();
    allow.set(HttpHeaderNames.ALLOW, "GET, HEAD");
    methodNotAllowed = plain(HttpResponseStatus.METHOD_NOT_ALLOWED, allow);
    badRequest = plain(HttpResponseStatus.BAD_REQUEST, security());
    uriTooLong = plain(HttpResponseStatus.REQUEST_URI_TOO_LONG, security());
    headersTooLarge = plain(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, security());
  }

  /** The {@code 451} page in {@code language}. */
  Page blocked(Language language) {
    return blocked.get(language);
  }

  /** The answer to a stored appeal, whatever its host: the same for a listed and another. */
  Page thanks(Language language) {
    return thanks.get(language);
  }

  /** The answer to an appeal whose message is empty or too long. */
  Page invalidAppeal(Language language) {
    return invalidAppeal.get(language);
  }

  Page unavailable() {
    return unavailable;
  }

  Page notFound() {
    return notFound;
  }

  /** The answer to an address over its rate, before its host is looked at. */
  Page tooManyRequests() {
    return tooManyRequests;
  }

  Page methodNotAllowed() {
    return methodNotAllowed;
  }

  Page badRequest() {
    return badRequest;
  }

  /** The answer to a request Netty could not decode: 414, 431 or 400. */
  Page undecodable(DecoderResult result) {
    Throwable cause = result.cause();
    if (cause instanceof TooLongHttpLineException) {
      return uriTooLong;
    }
    if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
      return headersTooLarge;
    }
    return badRequest;
  }

  private static String stopPage(Language l, String phone) {
    return "<!DOCTYPE html>\n<html lang=\""
        + l.tag()
        + "\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<meta name=\"referrer\" content=\"no-referrer\">\n<title>"
        + l.title()
        + "</title>\n<style>"
        + STYLE
        + "</style>\n</head>\n<body>\n<main>\n<h1>"
        + l.heading()
        + "</h1>\n<p>"
        + l.beforeNumber()
        + phoneLink(phone)
        + l.afterNumber()
        + "</p>\n"
        + form(l)
        + "</main>\n</body>\n</html>\n";
  }

  /**
   * The appeal form: a message only, posted to {@code /appeal} on the same host, which works
   * without JavaScript; the page's language goes along so the answer is in it.
   */
  private static String form(Language l) {
    AppealTexts t = AppealTexts.of(l);
    return "<form method=\"post\" action=\"/appeal\">\n<label for=\"message\">"
        + t.label
        + "</label>\n<textarea id=\"message\" name=\"message\" maxlength=\"2000\" required>"
        + "</textarea>\n<input type=\"hidden\" name=\"lang\" value=\""
        + l.tag()
        + "\">\n<button type=\"submit\">"
        + t.submit
        + "</button>\n</form>\n";
  }

  /** A page with a heading and one paragraph, in {@code l}. */
  private static String simple(Language l, String heading, String text) {
    return "<!DOCTYPE html>\n<html lang=\""
        + l.tag()
        + "\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
        + heading
        + "</title>\n<style>"
        + STYLE
        + "</style>\n</head>\n<body>\n<main>\n<h1>"
        + heading
        + "</h1>\n<p>"
        + text
        + "</p>\n</main>\n</body>\n</html>\n";
  }

  private static String notFoundPage() {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<title>Not found</title>\n</head>\n<body>\n<main>\n<h1>Not found</h1>\n"
        + "<p lang=\"nl\">Niet gevonden</p>\n<p lang=\"fr\">Introuvable</p>\n"
        + "<p lang=\"de\">Nicht gefunden</p>\n</main>\n</body>\n</html>\n";
  }

  private static String tooManyRequestsPage() {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<title>Too many requests</title>\n</head>\n<body>\n<main>\n"
        + "<h1>Too many requests</h1>\n<p>Please try again in a moment.</p>\n"
        + "<p lang=\"nl\">Te veel verzoeken. Probeer het zo meteen opnieuw.</p>\n"
        + "<p lang=\"fr\">Trop de requêtes. Veuillez réessayer dans un instant.</p>\n"
        + "<p lang=\"de\">Zu viele Anfragen. Bitte versuchen Sie es gleich noch einmal.</p>\n"
        + "</main>\n</body>\n</html>\n";
  }

  /** The number, HTML-escaped, linked as {@code tel:} when it holds a digit. */
  static String phoneLink(String phone) {
    String dial = dialable(phone);
    String text = escape(phone.strip());
    return dial.isEmpty() ? text : "<a href=\"tel:" + dial + "\">" + text + "</a>";
  }

  /** The digits of {@code phone}, after a {@code +} if it starts with one. */
  static String dialable(String phone) {
    String p = phone.strip();
    StringBuilder digits = new StringBuilder(p.length());
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      }
    }
    if (digits.length() == 0) {
      return "";
    }
    return p.startsWith("+") ? "+" + digits : digits.toString();
  }

  /** Escapes the five characters that matter in HTML text and attribute values. */
  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private static Page plain(HttpResponseStatus status, HttpHeaders headers) {
    return new Page(
        status,
        "text/plain; charset=utf-8",
        utf8(status.code() + " " + status.reasonPhrase() + "\n"),
        headers);
  }

  static HttpHeaders security() {
    HttpHeaders h = new DefaultHttpHeaders();
    h.set(HttpHeaderNames.CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY);
    return h;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
