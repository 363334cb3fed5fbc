package org.blocklist.stoppage;

import java.util.Locale;

/**
 * Chooses the stop page's language from an {@code Accept-Language} value (RFC 9110 section 12.5.4,
 * language ranges of RFC 4647): {@code fr-BE;q=0.9, nl;q=0.8, *;q=0.1}.
 *
 * <p>Each of our languages gets the highest weight of the ranges whose primary subtag names it
 * ({@code fr-BE} counts for {@code fr}); a language no range names gets the weight of {@code *}, if
 * any. The highest weight above zero wins; on a tie the range written first wins, and among
 * languages reached only through {@code *} the order is English, Dutch, French, German. With no
 * weight above zero the answer is {@link Language#DEFAULT} (English: of the three official
 * languages of Belgium none is preferred over the others, and English is the usual common ground).
 * Malformed elements are skipped, and only the first {@link #MAX_LENGTH} characters are read.
 */
final class AcceptLanguage {
  /** Longest header value parsed; the elements after it are ignored. */
  static final int MAX_LENGTH = 1024;

  /** Tie-break order for languages reached through {@code *}: the default first. */
  private static final Language[] PREFERENCE = {Language.EN, Language.NL, Language.FR, Language.DE};

  private AcceptLanguage() {}

  /** The best of our languages for {@code header}, which may be {@code null}. */
  static Language choose(String header) {
    if (header == null) {
      return Language.DEFAULT;
    }
    String value = header;
    if (value.length() > MAX_LENGTH) {
      int comma = value.lastIndexOf(',', MAX_LENGTH);
      value = comma < 0 ? "" : value.substring(0, comma);
    }
    int languages = Language.values().length;
    int[] weight = new int[languages];
    int[] position = new int[languages];
    boolean[] named = new boolean[languages];
    int wildcardWeight = 0;
    int wildcardPosition = Integer.MAX_VALUE;
    int index = 0;
    for (String element : value.split(",", -1)) {
      index++;
      int semicolon = element.indexOf(';');
      String range = (semicolon < 0 ? element : element.substring(0, semicolon)).strip();
      int q = semicolon < 0 ? 1000 : weight(element.substring(semicolon + 1));
      if (q < 0 || !isRange(range)) {
        continue;
      }
      if (range.equals("*")) {
        if (wildcardPosition == Integer.MAX_VALUE) {
          wildcardWeight = q;
          wildcardPosition = index;
        }
        continue;
      }
      int dash = range.indexOf('-');
      Language l =
          Language.ofTag((dash < 0 ? range : range.substring(0, dash)).toLowerCase(Locale.ROOT));
      if (l == null) {
        continue;
      }
      int i = l.ordinal();
      if (!named[i] || q > weight[i]) {
        weight[i] = q;
        position[i] = index;
      }
      named[i] = true;
    }
    Language best = null;
    int bestWeight = 0;
    int bestPosition = Integer.MAX_VALUE;
    for (Language l : PREFERENCE) {
      int i = l.ordinal();
      int w = named[i] ? weight[i] : wildcardWeight;
      int p = named[i] ? position[i] : wildcardPosition;
      if (w > bestWeight || (w == bestWeight && w > 0 && p < bestPosition)) {
        best = l;
        bestWeight = w;
        bestPosition = p;
      }
    }
    return best == null ? Language.DEFAULT : best;
  }

  /**
   * The weight in thousandths from the parameters after a range ({@code ;q=0.8}), 1000 when there
   * is no {@code q}, or -1 when a {@code q} is malformed.
   */
  private static int weight(String parameters) {
    int q = 1000;
    for (String parameter : parameters.split(";", -1)) {
      String p = parameter.strip();
      if (p.length() < 2 || !p.regionMatches(true, 0, "q=", 0, 2)) {
        continue;
      }
      q = qvalue(p.substring(2));
      if (q < 0) {
        return -1;
      }
    }
    return q;
  }

  /** RFC 9110 {@code qvalue}: {@code 0[.ddd]} or {@code 1[.000]}, in thousandths, or -1. */
  private static int qvalue(String s) {
    if (s.isEmpty() || s.length() > 5 || (s.charAt(0) != '0' && s.charAt(0) != '1')) {
      return -1;
    }
    int units = s.charAt(0) - '0';
    if (s.length() == 1) {
      return units * 1000;
    }
    if (s.charAt(1) != '.') {
      return -1;
    }
    int fraction = 0;
    int scale = 100;
    for (int i = 2; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9' || (units == 1 && c != '0')) {
        return -1;
      }
      fraction += (c - '0') * scale;
      scale /= 10;
    }
    return units * 1000 + fraction;
  }

  /** RFC 4647 {@code language-range}: {@code *} or {@code 1*8ALPHA *("-" 1*8alphanum)}. */
  private static boolean isRange(String range) {
    if (range.equals("*")) {
      return true;
    }
    String[] subtags = range.split("-", -1);
    for (int i = 0; i < subtags.length; i++) {
      String subtag = subtags[i];
      if (subtag.isEmpty() || subtag.length() > 8) {
        return false;
      }
      for (int j = 0; j < subtag.length(); j++) {
        char c = subtag.charAt(j);
        boolean alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        boolean digit = c >= '0' && c <= '9';
        if (!alpha && !(digit && i > 0)) {
          return false;
        }
      }
    }
    return true;
  }
}
