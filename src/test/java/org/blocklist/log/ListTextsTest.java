package org.blocklist.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The oracle is DESIGN.md's text, built naively and hashed with the JDK. */
class ListTextsTest {
  private static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void snapshotDigest_ofTheEmptyList_isTheHashOfTheEmptyText() throws Exception {
    assertEquals(sha256(""), ListTexts.snapshotDigest(List.of()).hex());
  }

  @Test
  void snapshotDigest_isTheHashOfEachNameAndItsNewline() throws Exception {
    assertEquals(
        sha256("a.example\nb.example\n"),
        ListTexts.snapshotDigest(List.of("a.example", "b.example")).hex());
  }

  @Test
  void snapshotDigest_ofManyNames_spansMoreThanOneBuffer() throws Exception {
    List<String> names = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      String name = String.format(Locale.ROOT, "n%07d.example", i);
      names.add(name);
      text.append(name).append('\n');
    }
    assertEquals(sha256(text.toString()), ListTexts.snapshotDigest(names).hex());
  }

  @Test
  void changesDigest_interleavesAddedAndRemovedByName() throws Exception {
    assertEquals(
        sha256("+a.example\n-b.example\n+c.example\n"),
        ListTexts.changesDigest(List.of("a.example", "c.example"), List.of("b.example")).hex());
    assertEquals(sha256(""), ListTexts.changesDigest(List.of(), List.of()).hex());
  }
}
