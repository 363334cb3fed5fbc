package org.blocklist.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The canonical text of an audit event (DESIGN.md, "Audit events", and the class Javadoc): UTF-8,
 * one {@code key value} per line like a manifest, each line ending in {@code \n}, header, seq, time
 * in whole seconds, type, actor, then the fields in the order given; and the validation that keeps
 * every value on its line.
 */
class AuditEventTest {
  private static final Instant TIME = Instant.parse("2026-11-22T06:30:00Z");

  @Test
  void text_ofTheJavadocExample_isExactlyItsLines() {
    AuditEvent e =
        AuditEvent.of(
            EventType.REQUISITION_APPROVED, TIME, "magistrate-1", "requisition", 3, "version", 2);
    assertEquals(
        "blocklist-audit/v1\n"
            + "seq 7\n"
            + "time 2026-11-22T06:30:00Z\n"
            + "type requisition-approved\n"
            + "actor magistrate-1\n"
            + "requisition 3\n"
            + "version 2\n",
        e.text(7));
  }

  @Test
  void bytes_areTheUtf8OfTheText() {
    AuditEvent e = AuditEvent.of(EventType.KEY_CREATED, TIME, "system", "key", "abc123");
    assertArrayEquals(
        ("blocklist-audit/v1\nseq 1\ntime 2026-11-22T06:30:00Z\ntype key-created\nactor system\n"
                + "key abc123\n")
            .getBytes(UTF_8),
        e.bytes(1));
  }

  @Test
  void text_withoutFields_endsWithTheActorLine() {
    AuditEvent e = AuditEvent.of(EventType.STARTUP_VERIFIED, TIME, "system");
    assertEquals(
        "blocklist-audit/v1\nseq 12\ntime 2026-11-22T06:30:00Z\ntype startup-verified\n"
            + "actor system\n",
        e.text(12));
  }

  @Test
  void text_timeWithAFraction_isTruncatedToWholeSeconds() {
    AuditEvent e =
        AuditEvent.of(
            EventType.PRINCIPAL_ADDED, Instant.parse("2026-01-02T03:04:05.999999999Z"), "admin");
    assertEquals("2026-01-02T03:04:05Z", List.of(e.text(1).split("\n")).get(2).substring(5));
    assertEquals(Instant.parse("2026-01-02T03:04:05Z"), e.time());
  }

  @Test
  void text_atMidnight_stillWritesSeconds() {
    AuditEvent e =
        AuditEvent.of(EventType.PRINCIPAL_ADDED, Instant.parse("2027-01-01T00:00:00Z"), "admin");
    assertEquals("time 2027-01-01T00:00:00Z", e.text(1).split("\n")[2]);
  }

  @Test
  void text_keepsTheFieldsInTheOrderGiven() {
    AuditEvent e =
        AuditEvent.of(EventType.VERSION_PUBLISHED, TIME, "magistrate-1", "zeta", 1, "alpha", 2);
    assertEquals(List.of("zeta 1", "alpha 2"), List.of(e.text(1).split("\n")).subList(5, 7));
  }

  @Test
  void eventTypes_areSpelledInLowerCaseWithHyphens() {
    Map<EventType, String> expected = new LinkedHashMap<>();
    expected.put(EventType.KEY_CREATED, "key-created");
    expected.put(EventType.PRINCIPAL_ADDED, "principal-added");
    expected.put(EventType.PRINCIPAL_REVOKED, "principal-revoked");
    expected.put(EventType.REQUISITION_SUBMITTED, "requisition-submitted");
    expected.put(EventType.REQUISITION_APPROVED, "requisition-approved");
    expected.put(EventType.REQUISITION_REJECTED, "requisition-rejected");
    expected.put(EventType.REQUISITION_WITHDRAWN, "requisition-withdrawn");
    expected.put(EventType.VERSION_PUBLISHED, "version-published");
    expected.put(EventType.STARTUP_VERIFIED, "startup-verified");
    expected.put(EventType.REPORT_SUBMITTED, "report-submitted");
    expected.put(EventType.REPORT_DISMISSED, "report-dismissed");
    expected.put(EventType.REPORT_REQUISITIONED, "report-requisitioned");
    expected.put(EventType.REVIEW_RENEWED, "review-renewed");
    expected.put(EventType.APPEAL_RECEIVED, "appeal-received");
    expected.put(EventType.APPEAL_ANSWERED, "appeal-answered");
    assertEquals(EventType.values().length, expected.size());
    expected.forEach(
        (type, code) -> {
          assertEquals(code, type.code());
          assertEquals(type, EventType.fromCode(code));
        });
    assertThrows(IllegalArgumentException.class, () -> EventType.fromCode("key_created"));
  }

  @Test
  void fields_areCopied_andImmutable() {
    Map<String, String> given = new LinkedHashMap<>();
    given.put("requisition", "3");
    AuditEvent e = new AuditEvent(EventType.REQUISITION_REJECTED, TIME, "magistrate-1", given);
    given.put("version", "9");
    assertEquals(Map.of("requisition", "3"), e.fields());
    assertThrows(UnsupportedOperationException.class, () -> e.fields().put("x", "y"));
  }

  @Test
  void of_oddNumberOfKeysAndValues_isRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> AuditEvent.of(EventType.KEY_CREATED, TIME, "system", "key"));
    assertEquals("keyValues: odd length 1", e.getMessage());
  }

  @Test
  void value_ofTheLongestLength_isAccepted_andOneMoreIsRefused() {
    String longest = "v".repeat(512);
    AuditEvent e = AuditEvent.of(EventType.KEY_CREATED, TIME, "system", "key", longest);
    assertEquals(longest, e.fields().get("key"));
    assertThrows(
        IllegalArgumentException.class,
        () -> AuditEvent.of(EventType.KEY_CREATED, TIME, "system", "key", longest + "v"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "two words",
        "line\nbreak",
        "cr\r",
        "tab\t",
        "caf\u00e9",
        "nul\u0000",
        "\u007f"
      })
  void value_notOnePrintableAsciiToken_isRefused_namingKeyAndValue(String value) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> AuditEvent.of(EventType.KEY_CREATED, TIME, "system", "note", value));
    assertEquals(
        "event field note: " + value + " (expected: 1 to 512 printable ASCII, no space)",
        e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "two words", "line\nbreak", "officer\u00e9"})
  void actor_notOnePrintableAsciiToken_isRefused(String actor) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> AuditEvent.of(EventType.KEY_CREATED, TIME, actor));
    assertEquals(
        "event field actor: " + actor + " (expected: 1 to 512 printable ASCII, no space)",
        e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "Version",
        "1st",
        "-lead",
        "legal_basis",
        "two words",
        "key\nseq",
        "abcdefghijklmnopqrstuvwxyzabcdefg"
      })
  void key_outsideLowerCaseLettersDigitsAndHyphens_isRefused(String key) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> AuditEvent.of(EventType.KEY_CREATED, TIME, "system", key, "1"));
    assertEquals("event field key: " + key, e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"seq", "time", "type", "actor"})
  void key_thatTheTextAlreadyWritesFirst_isRefused(String key) {
    // A field named like a leading line would give the text two such lines, and a reader two
    // answers to "which seq is this event".
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> AuditEvent.of(EventType.KEY_CREATED, TIME, "system", key, "1"));
    assertEquals(
        "event field key: " + key + " (reserved: seq, time, type and actor come first)",
        e.getMessage());
  }

  @Test
  void key_ofThirtyTwoCharactersWithDigitsAndHyphens_isAccepted() {
    String key = "a1-" + "b".repeat(29);
    assertEquals(32, key.length());
    AuditEvent e = AuditEvent.of(EventType.KEY_CREATED, TIME, "system", key, "1");
    assertEquals(key + " 1", e.text(1).split("\n")[5]);
  }

  @Test
  void constructor_nullTypeTimeOrActor_isRefused() {
    assertThrows(NullPointerException.class, () -> new AuditEvent(null, TIME, "system", Map.of()));
    assertThrows(
        NullPointerException.class,
        () -> new AuditEvent(EventType.KEY_CREATED, null, "system", Map.of()));
    assertThrows(
        NullPointerException.class,
        () -> new AuditEvent(EventType.KEY_CREATED, TIME, null, Map.of()));
  }
}
