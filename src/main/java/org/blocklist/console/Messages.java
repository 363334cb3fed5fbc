package org.blocklist.console;

import gg.jte.support.LocalizationSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The console's words in one language, from {@code console/messages_<lang>.properties} (UTF-8).
 * Templates call {@code t.localize("key", args...)} (jte escapes the arguments) or {@code
 * t.lookup("key")} (escaped where it is written). Every language has every key: a test checks it,
 * and a missing key shows as the key itself.
 */
public final class Messages implements LocalizationSupport {
  private static final Map<Lang, Messages> ALL = load();

  private final Lang lang;
  private final Properties words;

  private Messages(Lang lang, Properties words) {
    this.lang = lang;
    this.words = words;
  }

  static Messages of(Lang lang) {
    return ALL.get(lang);
  }

  public Lang lang() {
    return lang;
  }

  @Override
  public String lookup(String key) {
    String value = words.getProperty(key);
    return value == null ? key : value;
  }

  /** The text of {@code key} with {@code {0}}, {@code {1}}... replaced, unescaped (for headers). */
  String plain(String key, Object... args) {
    String text = lookup(key);
    for (int i = 0; i < args.length; i++) {
      text = text.replace("{" + i + "}", String.valueOf(args[i]));
    }
    return text;
  }

  Set<String> keys() {
    return words.stringPropertyNames();
  }

  private static Map<Lang, Messages> load() {
    Map<Lang, Messages> out = new EnumMap<>(Lang.class);
    for (Lang l : Lang.values()) {
      String name = "/console/messages_" + l.code() + ".properties";
      try (InputStream in = Messages.class.getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + name);
        }
        Properties p = new Properties();
        p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        out.put(l, new Messages(l, p));
      } catch (IOException e) {
        throw new UncheckedIOException("reading " + name, e);
      }
    }
    return out;
  }
}
