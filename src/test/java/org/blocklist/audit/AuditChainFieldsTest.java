package org.blocklist.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reading the {@code key value} lines of stored event text: canonical text gives its fields in
 * order; text that is not canonical (as a tampered store might hold) is refused, never half read.
 */
class AuditChainFieldsTest {
  private static final String HEADER = "blocklist-audit/v1\n";

  @Test
  void fields_ofCanonicalText_areItsLinesAfterTheHeader_inOrder() {
    AuditEvent e =
        AuditEvent.of(
            EventType.REQUISITION_APPROVED,
            Instant.parse("2026-11-22T06:30:00Z"),
            "magistrate-1",
            "requisition",
            3,
            "version",
            2);
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("seq", "7");
    expected.put("time", "2026-11-22T06:30:00Z");
    expected.put("type", "requisition-approved");
    expected.put("actor", "magistrate-1");
    expected.put("requisition", "3");
    expected.put("version", "2");
    Map<String, String> fields = AuditChain.fields(e.text(7));
    assertEquals(expected, fields);
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(fields.keySet()));
  }

  @Property(tries = 200)
  void fields_ofAnyEventText_giveBackItsHeaderLinesAndFields(
      @ForAll("keys") List<String> keys, @ForAll("values") String value) {
    Map<String, String> given = new LinkedHashMap<>();
    for (String k : keys) {
      given.put(k, value + k.length());
    }
    AuditEvent e =
        new AuditEvent(EventType.PRINCIPAL_ADDED, Instant.ofEpochSecond(1), "admin", given);
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("seq", "5");
    expected.put("time", "1970-01-01T00:00:01Z");
    expected.put("type", "principal-added");
    expected.put("actor", "admin");
    expected.putAll(given);
    assertEquals(expected, AuditChain.fields(e.text(5)));
  }

  @Provide
  Arbitrary<List<String>> keys() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .withChars('-', '0', '9')
        .ofMinLength(1)
        .ofMaxLength(31)
        .map(s -> "k" + s)
        .filter(s -> !List.of("seq", "time", "type", "actor").contains(s))
        .list()
        .uniqueElements()
        .ofMaxSize(6);
  }

  @Provide
  Arbitrary<String> values() {
    return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(20);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "seq 1\n",
        "blocklist-audit/v1",
        "blocklist-audit/v2\nseq 1\n",
        "blocklist-audit/v1x\nseq 1\n",
        "blocklist-audit/v1\r\nseq 1\r\n",
        " blocklist-audit/v1\nseq 1\n",
        HEADER + "seq 1",
        HEADER + "seq 1\ntime 2026-11-22T06:30:00Z",
      })
  void fields_withoutTheHeaderLineOrTheFinalNewline_areRefused(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AuditChain.fields(text));
    assertEquals("not canonical event text", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        HEADER + "seq 1\n\nactor x\n",
        HEADER + "seq\n",
        HEADER + " seq 1\n",
        HEADER + "seq 1\nseq 2\n",
        HEADER + "seq 1\ntype a\ntype b\n",
      })
  void fields_withAnEmptyLineALineWithoutValueOrARepeatedKey_areRefused(String text) {
    assertThrows(IllegalArgumentException.class, () -> AuditChain.fields(text));
  }

  private static final String LEAD =
      HEADER + "seq 1\ntime 2026-11-22T06:30:00Z\ntype key-created\nactor system\n";

  @ParameterizedTest
  @ValueSource(
      strings = {
        LEAD + "\n",
        LEAD + "note two words\n",
        LEAD + "note value\r\n",
        LEAD + "Key value\n",
        LEAD + "note caf\u00e9\n",
        LEAD + "note \n",
        HEADER + "time 2026-11-22T06:30:00Z\nseq 1\ntype key-created\nactor system\n",
        HEADER + "seq 1\nnote x\n",
      })
  void fields_ofTextThatNoEventCouldHaveWritten_areRefused(String text) {
    // The canonical form is the one AuditEvent.text writes: printable ASCII values without spaces,
    // lower-case keys, no blank line, seq, time, type and actor first.
    assertThrows(IllegalArgumentException.class, () -> AuditChain.fields(text));
  }
}
