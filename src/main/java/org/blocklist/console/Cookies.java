package org.blocklist.console;

import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.CookieHeaderNames;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import java.util.Set;

/**
 * The console's cookies, read and written by Netty's RFC 6265 codec: {@code blocklist_session} (the
 * sign-in), {@code blocklist_signin} (the CSRF token of the sign-in form, before there is a
 * session) and {@code blocklist_lang} (the language chosen). All are {@code HttpOnly}, {@code
 * SameSite=Strict}, scoped to {@code /console/}, and {@code Secure} over TLS; the first two are
 * session cookies (the server decides when they end), the language is kept for a year.
 */
final class Cookies {
  static final String SESSION = "blocklist_session";
  static final String SIGN_IN = "blocklist_signin";
  static final String LANG = "blocklist_lang";

  /** Longest {@code Cookie} header read; a longer one is ignored. */
  static final int MAX_HEADER = 4096;

  static final long LANG_MAX_AGE_SECONDS = 365L * 24 * 3600;

  private Cookies() {}

  /** The value of cookie {@code name} in {@code header}, or null. */
  static String read(String header, String name) {
    if (header == null || header.length() > MAX_HEADER) {
      return null;
    }
    Set<Cookie> cookies = ServerCookieDecoder.STRICT.decode(header);
    for (Cookie c : cookies) {
      if (c.name().equals(name)) {
        return c.value();
      }
    }
    return null;
  }

  /** A {@code Set-Cookie} value; {@code value} null clears the cookie. */
  static String write(String name, String value, boolean secure, long maxAgeSeconds) {
    DefaultCookie c = new DefaultCookie(name, value == null ? "" : value);
    c.setPath(Console.PREFIX);
    c.setHttpOnly(true);
    c.setSecure(secure);
    c.setSameSite(CookieHeaderNames.SameSite.Strict);
    if (value == null) {
      c.setMaxAge(0);
    } else if (maxAgeSeconds > 0) {
      c.setMaxAge(maxAgeSeconds);
    }
    return ServerCookieEncoder.STRICT.encode(c);
  }
}
