package org.blocklist.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ManifestTest {
  static final String GOLDEN =
      "blocklist-version/v1\n"
          + "origin blocklist.example/log\n"
          + "version 42\n"
          + "published 2026-11-22T06:30:00Z\n"
          + "requisition 17\n"
          + "action block\n"
          + "added 2\n"
          + "removed 0\n"
          + "entries 1234\n"
          + "list 8fb9a6ebbf9e0b506b9478b431e6e9dcd34fc2153daea407fc818280551cfed5\n"
          + "changes 2edea58444b81c2a81f2246fadbd7a7f89401aa64f0c3b7642074976d232b483\n"
          + "audit 7e4dbd4e469d35a0375dc8c0a6489471615e1bc299f13e09f3616f5528a530e5\n";

  /** SHA-256(0x00 || GOLDEN), computed independently (Python hashlib). */
  private static final String GOLDEN_LEAF_HASH =
      "10e8905b053e1e0a05b5faee2fdd84523b7efe601070235f196f5123304ee044";

  private static final String DECIMAL_1 =
      "a decimal 1..9223372036854775807 without sign or leading zeros";
  private static final String DECIMAL_0 =
      "a decimal 0..9223372036854775807 without sign or leading zeros";
  private static final String TIME =
      "an RFC 3339 UTC time in whole seconds like 2026-11-22T06:30:00Z";
  private static final String ORIGIN = "1..255 printable ASCII characters 0x21..0x7e, no '+'";

  /** Each hostile fixture under src/test/resources/log/manifest and the exact message it gets. */
  private static final Map<String, String> ERRORS =
      Map.ofEntries(
          Map.entry(
              "error_missing_final_newline.txt",
              "line 12: missing final newline (expected: \"\\n\" at the end of every line)"),
          Map.entry(
              "error_wrong_line_order.txt",
              "line 3: \"published 2026-11-22T06:30:00Z\" (expected: \"version <decimal>\")"),
          Map.entry("error_extra_line.txt", "line 13: \"note hello\" (expected: end of manifest)"),
          Map.entry(
              "error_uppercase_hex.txt",
              "line 10: list \"8FB9A6EBBF9E0B506B9478B431E6E9DCD34FC2153DAEA407FC818280551CFED5\""
                  + " (expected: 64 lower-case hex digits)"),
          Map.entry(
              "error_leading_zero.txt", "line 3: version \"042\" (expected: " + DECIMAL_1 + ")"),
          Map.entry("error_negative.txt", "line 7: added \"-1\" (expected: " + DECIMAL_0 + ")"),
          Map.entry(
              "error_unknown_action.txt",
              "line 6: action \"delete\" (expected: \"block\" or \"unblock\")"),
          Map.entry(
              "error_origin_plus.txt",
              "line 2: origin \"blocklist.example+log\" (expected: " + ORIGIN + ")"),
          Map.entry(
              "error_origin_space.txt",
              "line 2: origin \"blocklist example/log\" (expected: " + ORIGIN + ")"),
          Map.entry(
              "error_trailing_data.txt",
              "line 13: trailing data \"garbage\" (expected: end of manifest)"),
          Map.entry(
              "error_oversize.txt", "manifest length: 4344 characters (expected: at most 4096)"),
          Map.entry(
              "error_empty.txt", "line 1: end of manifest (expected: \"blocklist-version/v1\")"),
          Map.entry(
              "error_wrong_header.txt",
              "line 1: \"blocklist-version/v2\" (expected: \"blocklist-version/v1\")"),
          Map.entry(
              "error_crlf.txt",
              "line 1: \"blocklist-version/v1\\r\" (expected: \"blocklist-version/v1\")"),
          Map.entry(
              "error_version_zero.txt", "line 3: version \"0\" (expected: " + DECIMAL_1 + ")"),
          Map.entry(
              "error_version_overflow.txt",
              "line 3: version \"9223372036854775808\" (expected: " + DECIMAL_1 + ")"),
          Map.entry(
              "error_double_space.txt", "line 3: version \" 42\" (expected: " + DECIMAL_1 + ")"),
          Map.entry(
              "error_published_fraction.txt",
              "line 4: published \"2026-11-22T06:30:00.5Z\" (expected: " + TIME + ")"),
          Map.entry(
              "error_published_offset.txt",
              "line 4: published \"2026-11-22T07:30:00+01:00\" (expected: " + TIME + ")"),
          Map.entry(
              "error_published_no_such_day.txt",
              "line 4: published \"2026-02-30T06:30:00Z\" (expected: " + TIME + ")"),
          Map.entry(
              "error_truncated.txt", "line 7: end of manifest (expected: \"added <decimal>\")"),
          Map.entry(
              "error_short_hex.txt",
              "line 12: audit \"7e4dbd4e469d35a0375dc8c0a6489471615e1bc299f13e09f3616f5528a530e\""
                  + " (expected: 64 lower-case hex digits)"),
          Map.entry(
              "error_short_hex_without_final_newline.txt",
              "line 12: audit \"7e4dbd4e469d35a0375dc8c0a6489471615e1bc299f13e09f3616f5528a530e\""
                  + " (expected: 64 lower-case hex digits)"),
          Map.entry("error_blank_line_after_end.txt", "line 13: \"\" (expected: end of manifest)"));

  static Manifest sample() {
    return new Manifest(
        "blocklist.example/log",
        42,
        Instant.parse("2026-11-22T06:30:00Z"),
        17,
        "block",
        2,
        0,
        1234,
        Hash.sha256("a.example\nb.example\n".getBytes(StandardCharsets.UTF_8)),
        Hash.sha256("+a.example\n+b.example\n".getBytes(StandardCharsets.UTF_8)),
        Hash.sha256("audit head".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void text_sample_isGolden() {
    assertEquals(GOLDEN, sample().text());
  }

  @Test
  void bytesAndLeafHash_sample_areUtf8AndRfc6962Leaf() {
    assertArrayEquals(GOLDEN.getBytes(StandardCharsets.UTF_8), sample().bytes());
    assertEquals(GOLDEN_LEAF_HASH, sample().leafHash().hex());
  }

  @Test
  void parse_golden_isSample() throws Exception {
    assertEquals(sample(), Manifest.parse(GOLDEN));
  }

  @Test
  void parse_text_roundTripsExtremes() throws Exception {
    Manifest extreme =
        new Manifest(
            "~".repeat(Manifest.MAX_ORIGIN_LENGTH),
            Long.MAX_VALUE,
            Instant.parse("9999-12-31T23:59:59Z"),
            Long.MAX_VALUE,
            "unblock",
            Long.MAX_VALUE,
            Long.MAX_VALUE,
            Long.MAX_VALUE,
            Hash.ZERO,
            Hash.fromHex("ff".repeat(32)),
            Hash.ZERO);
    assertEquals(extreme, Manifest.parse(extreme.text()));
    Manifest first =
        new Manifest(
            "!",
            1,
            Instant.parse("0000-01-01T00:00:00Z"),
            1,
            "block",
            0,
            0,
            0,
            Hash.ZERO,
            Hash.ZERO,
            Hash.ZERO);
    assertEquals("published 0000-01-01T00:00:00Z", first.text().split("\n")[3]);
    assertEquals(first, Manifest.parse(first.text()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void parse_hostileFixture_isRejectedWithExactMessage(String fixture, String message)
      throws IOException {
    String text = fixture(fixture);
    ManifestFormatException e =
        assertThrows(ManifestFormatException.class, () -> Manifest.parse(text));
    assertEquals(message, e.getMessage());
  }

  @Test
  void fixtures_everyErrorFile_hasAnExpectedMessage() throws Exception {
    Path dir = Path.of(ManifestTest.class.getResource("/log/manifest").toURI());
    Set<String> files;
    try (Stream<Path> list = Files.list(dir)) {
      files =
          list.map(p -> p.getFileName().toString())
              .filter(name -> name.startsWith("error_"))
              .collect(Collectors.toSet());
    }
    assertEquals(ERRORS.keySet(), files);
  }

  @Test
  void parse_originLongerThan255_isRejected() {
    String text = GOLDEN.replace("origin blocklist.example/log", "origin " + "o".repeat(256));
    ManifestFormatException e =
        assertThrows(ManifestFormatException.class, () -> Manifest.parse(text));
    assertEquals(
        "line 2: origin \"" + "o".repeat(64) + "...\" (expected: " + ORIGIN + ")", e.getMessage());
  }

  @Test
  void new_publishedWithNanos_isRefused() {
    assertRefused(
        "published: 2026-11-22T06:30:00.500Z (expected: whole seconds)",
        () -> withPublished(Instant.parse("2026-11-22T06:30:00.5Z")));
  }

  @Test
  void new_publishedAfterYear9999_isRefused() {
    assertRefused(
        "published: +10000-01-01T00:00:00Z (expected: 0000-01-01T00:00:00Z..9999-12-31T23:59:59Z)",
        () -> withPublished(Instant.parse("+10000-01-01T00:00:00Z")));
  }

  @Test
  void new_badFields_areRefused() {
    Manifest s = sample();
    assertRefused(
        "origin: \"a+b\" (expected: " + ORIGIN + ")",
        () ->
            new Manifest(
                "a+b", 1, s.published(), 1, "block", 0, 0, 0, s.list(), s.changes(), s.audit()));
    assertRefused(
        "origin: \"\" (expected: " + ORIGIN + ")",
        () ->
            new Manifest(
                "", 1, s.published(), 1, "block", 0, 0, 0, s.list(), s.changes(), s.audit()));
    assertRefused(
        "origin: \"caf\\u00e9\" (expected: " + ORIGIN + ")",
        () ->
            new Manifest(
                "caf\u00e9",
                1,
                s.published(),
                1,
                "block",
                0,
                0,
                0,
                s.list(),
                s.changes(),
                s.audit()));
    assertRefused(
        "version: 0 (expected: 1..9223372036854775807)",
        () ->
            new Manifest(
                "o", 0, s.published(), 1, "block", 0, 0, 0, s.list(), s.changes(), s.audit()));
    assertRefused(
        "requisition: 0 (expected: 1..9223372036854775807)",
        () ->
            new Manifest(
                "o", 1, s.published(), 0, "block", 0, 0, 0, s.list(), s.changes(), s.audit()));
    assertRefused(
        "action: \"Block\" (expected: \"block\" or \"unblock\")",
        () ->
            new Manifest(
                "o", 1, s.published(), 1, "Block", 0, 0, 0, s.list(), s.changes(), s.audit()));
    assertRefused(
        "added: -1 (expected: 0..9223372036854775807)",
        () ->
            new Manifest(
                "o", 1, s.published(), 1, "block", -1, 0, 0, s.list(), s.changes(), s.audit()));
    assertRefused(
        "removed: -1 (expected: 0..9223372036854775807)",
        () ->
            new Manifest(
                "o", 1, s.published(), 1, "block", 0, -1, 0, s.list(), s.changes(), s.audit()));
    assertRefused(
        "entries: -1 (expected: 0..9223372036854775807)",
        () ->
            new Manifest(
                "o", 1, s.published(), 1, "block", 0, 0, -1, s.list(), s.changes(), s.audit()));
  }

  static Stream<Arguments> errors() {
    return ERRORS.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  static String fixture(String name) throws IOException {
    try (InputStream in = ManifestTest.class.getResourceAsStream("/log/manifest/" + name)) {
      if (in == null) {
        throw new IOException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Manifest withPublished(Instant published) {
    Manifest s = sample();
    return new Manifest(
        s.origin(),
        s.version(),
        published,
        s.requisition(),
        s.action(),
        s.added(),
        s.removed(),
        s.entries(),
        s.list(),
        s.changes(),
        s.audit());
  }

  private static void assertRefused(String message, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertEquals(message, e.getMessage());
  }
}
