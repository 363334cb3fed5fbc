package org.blocklist.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every language of the console has every word, and the browser's language picks one of them. */
class MessagesTest {
  @Test
  void everyLanguage_hasTheKeysOfEnglish() {
    Set<String> english = new TreeSet<>(Messages.of(Lang.EN).keys());
    for (Lang l : Lang.values()) {
      assertEquals(english, new TreeSet<>(Messages.of(l).keys()), l.code());
    }
  }

  @Test
  void negotiate_followsRfc4647Lookup_andFallsBackToEnglish() {
    assertEquals(Lang.NL, Lang.negotiate("nl-BE,nl;q=0.9,en;q=0.8"));
    assertEquals(Lang.FR, Lang.negotiate("fr-BE"));
    assertEquals(Lang.FR, Lang.negotiate("de-DE,fr;q=0.5"));
    assertEquals(Lang.EN, Lang.negotiate("de-DE"));
    assertEquals(Lang.EN, Lang.negotiate(null));
    assertEquals(Lang.EN, Lang.negotiate("not a ;;; language"));
    assertEquals(Lang.EN, Lang.negotiate("nl,".repeat(300)));
  }

  @Test
  void safeNext_keepsConsolePagesOnly() {
    assertEquals("/console/queue?from=3", Links.safeNext("/console/queue?from=3"));
    assertEquals("/console/", Links.safeNext("https://evil.example/"));
    assertEquals("/console/", Links.safeNext("/console//evil.example"));
    assertEquals("/console/", Links.safeNext("/console/\r\nSet-Cookie: x"));
    assertEquals("/console/", Links.safeNext("/console/sign-in?next=/console/"));
    assertEquals("/console/", Links.safeNext(null));
  }
}
