package org.blocklist.domain;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reduces URL forms to their host, by hand (so that the rules are exactly those written here):
 *
 * <ul>
 *   <li>{@code scheme://[userinfo@]host[:port][/path][?query][#fragment]}, the scheme {@code http}
 *       or {@code https} in any case; any other scheme is refused. The authority ends at the first
 *       {@code /}, {@code ?}, {@code #} or {@code \} (as browsers do), the userinfo at its last
 *       {@code @};
 *   <li>without a scheme, {@code host/path}, {@code host?query}, {@code host#fragment} and {@code
 *       host:port}; an {@code @} is not taken as userinfo there ({@code user@example.com} looks
 *       like an e-mail address and is refused as an invalid name);
 *   <li>a host in brackets ({@code [::1]}, with or without a scheme) is an IP literal.
 * </ul>
 *
 * <p>A port is 0 to 5 digits (empty only after a scheme) of value at most 65535.
 */
final class UrlForms {
  private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]{0,31})://");
  private static final String DELIMITERS = "/?#\\";

  /** A host and whether it was reduced from a URL form. */
  record Host(String name, boolean reduced) {}

  private UrlForms() {}

  static Host reduce(String input, String trimmed) throws DomainException {
    Matcher scheme = SCHEME.matcher(trimmed);
    if (scheme.lookingAt()) {
      String name = scheme.group(1).toLowerCase(Locale.ROOT);
      if (!name.equals("http") && !name.equals("https")) {
        throw new DomainException(
            RefusalReason.INVALID_NAME,
            input,
            "URL scheme: " + InputText.quote(name) + " (expected: http or https)");
      }
      String rest = trimmed.substring(scheme.end());
      String authority = rest.substring(0, indexOfDelimiter(rest));
      String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
      if (hostPort.startsWith("[")) {
        throw ipLiteral(input);
      }
      String host = stripPort(input, hostPort, true);
      if (host.isEmpty()) {
        throw new DomainException(RefusalReason.INVALID_NAME, input, "URL without a host");
      }
      return new Host(host, true);
    }
    if (trimmed.startsWith("[")) {
      throw ipLiteral(input);
    }
    int cut = indexOfDelimiter(trimmed);
    String hostPort = trimmed.substring(0, cut);
    String host = stripPort(input, hostPort, false);
    boolean reduced = cut < trimmed.length() || host.length() < hostPort.length();
    if (reduced && host.isEmpty()) {
      throw new DomainException(RefusalReason.INVALID_NAME, input, "URL form without a host");
    }
    return new Host(host, reduced);
  }

  /** Whether {@code s} looks like an IPv6 address: two colons or more, hex digits and dots. */
  static boolean looksLikeIpv6(String s) {
    int zone = s.indexOf('%');
    String address = zone < 0 ? s : s.substring(0, zone);
    int colons = 0;
    for (int i = 0; i < address.length(); i++) {
      char c = address.charAt(i);
      if (c == ':') {
        colons++;
      } else if (!isHexDigit(c) && c != '.') {
        return false;
      }
    }
    return colons >= 2;
  }

  private static boolean isHexDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  static DomainException ipLiteral(String input) {
    return new DomainException(
        RefusalReason.IP_LITERAL, input, "an IPv6 address literal, not a domain name");
  }

  private static int indexOfDelimiter(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (DELIMITERS.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return s.length();
  }

  /**
   * Removes a {@code :port} suffix when there is exactly one colon. Otherwise returns {@code
   * hostPort} unchanged (several colons are an IPv6 literal or an invalid name, decided later).
   */
  private static String stripPort(String input, String hostPort, boolean afterScheme)
      throws DomainException {
    int colon = hostPort.indexOf(':');
    if (colon < 0 || colon != hostPort.lastIndexOf(':')) {
      return hostPort;
    }
    String port = hostPort.substring(colon + 1);
    if (isPort(port, afterScheme)) {
      return hostPort.substring(0, colon);
    }
    if (afterScheme) {
      throw new DomainException(
          RefusalReason.INVALID_NAME,
          input,
          "URL port: " + InputText.quote(port) + " (expected: 0..65535)");
    }
    return hostPort;
  }

  private static boolean isPort(String port, boolean mayBeEmpty) {
    if (port.isEmpty()) {
      return mayBeEmpty;
    }
    if (port.length() > 5) {
      return false;
    }
    for (int i = 0; i < port.length(); i++) {
      char c = port.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return Integer.parseInt(port) <= 65535;
  }
}
