package org.blocklist.console;

import java.util.List;
import java.util.Locale;

/**
 * The console's languages: Dutch, French and English. The browser's {@code Accept-Language} picks
 * one (RFC 4647 lookup by the JDK, English when none fits) unless the {@code blocklist_lang}
 * cookie, set by the language links, says otherwise.
 */
public enum Lang {
  NL("nl", "Nederlands"),
  FR("fr", "Français"),
  EN("en", "English");

  /** Longest {@code Accept-Language} read; a longer one is ignored (English). */
  static final int MAX_ACCEPT_LANGUAGE = 512;

  private static final List<String> TAGS = List.of("nl", "fr", "en");

  private final String code;
  private final String name;

  Lang(String code, String name) {
    this.code = code;
    this.name = name;
  }

  public String code() {
    return code;
  }

  /** The language's name in itself (for the switch). */
  public String selfName() {
    return name;
  }

  /** The language of {@code code}, or null. */
  static Lang ofCode(String code) {
    for (Lang l : values()) {
      if (l.code.equals(code)) {
        return l;
      }
    }
    return null;
  }

  /** The best of ours for {@code acceptLanguage}; English when none or unreadable. */
  static Lang negotiate(String acceptLanguage) {
    if (acceptLanguage == null
        || acceptLanguage.isBlank()
        || acceptLanguage.length() > MAX_ACCEPT_LANGUAGE) {
      return EN;
    }
    try {
      List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(acceptLanguage);
      String tag = Locale.lookupTag(ranges, TAGS);
      Lang l = tag == null ? null : ofCode(tag.toLowerCase(Locale.ROOT));
      return l == null ? EN : l;
    } catch (IllegalArgumentException e) {
      return EN;
    }
  }
}
