package org.blocklist.domain;

/**
 * The WHATWG URL "ends in a number" rule: a host whose last label is all ASCII digits, or {@code
 * 0x} followed by hex digits (possibly none), is an IPv4 address in some form ({@code 1.2.3.4},
 * {@code 127.1}, {@code 2130706433}, {@code 0x7f.1}, octal {@code 0177.1}), never a domain name.
 */
final class IpLiterals {
  private IpLiterals() {}

  /** Whether the last label of the lower-case ASCII name {@code name} is a number. */
  static boolean endsInNumber(String name) {
    String last = name.substring(name.lastIndexOf('.') + 1);
    if (last.isEmpty()) {
      return false;
    }
    if (last.startsWith("0x")) {
      return isAll(last, 2, true);
    }
    return isAll(last, 0, false);
  }

  private static boolean isAll(String s, int from, boolean hex) {
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= '0' && c <= '9') || (hex && c >= 'a' && c <= 'f');
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
