package org.blocklist.log;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The manifest of a version: the leaf that the log holds for it, in the exact text format of
 * DESIGN.md ("Versions, the log and signatures"). It names no domain, only counts and digests.
 *
 * <pre>
 * blocklist-version/v1
 * origin blocklist.example/log
 * version 42
 * published 2026-11-22T06:30:00Z
 * requisition 17
 * action block
 * added 2
 * removed 0
 * entries 1234
 * list &lt;hex SHA-256 of the snapshot text&gt;
 * changes &lt;hex SHA-256 of the changes text&gt;
 * audit &lt;hex SHA-256 head of the audit chain&gt;
 * </pre>
 *
 * <p>Every line, the last included, ends in {@code '\n'}; the text is ASCII, at most {@value
 * #MAX_LENGTH} characters. {@link #parse} accepts exactly what {@link #text()} produces and nothing
 * else, so {@code parse(m.text()).equals(m)} and {@code parse(t).text().equals(t)}. The leaf hash
 * is the RFC 6962 leaf hash of the UTF-8 bytes (<a
 * href="https://www.rfc-editor.org/rfc/rfc6962#section-2.1">RFC 6962 section 2.1</a>).
 *
 * @param origin the log origin, a signed-note key name: 1 to {@value #MAX_ORIGIN_LENGTH} printable
 *     ASCII characters (0x21..0x7e) other than {@code '+'}
 * @param version the version, from 1 (version 0, the empty list, has no manifest)
 * @param published when the version was published, in whole seconds, years 0000 to 9999
 * @param requisition the id of the requisition that the version publishes, from 1
 * @param action {@value #BLOCK} or {@value #UNBLOCK}
 * @param added the number of entries added
 * @param removed the number of entries removed
 * @param entries the number of entries after this version
 * @param list SHA-256 of the snapshot text of the version
 * @param changes SHA-256 of the changes text of the version
 * @param audit the audit chain head {@code h} of the approval event of the requisition
 */
public record Manifest(
    String origin,
    long version,
    Instant published,
    long requisition,
    String action,
    long added,
    long removed,
    long entries,
    Hash list,
    Hash changes,
    Hash audit) {

  public static final String BLOCK = "block";
  public static final String UNBLOCK = "unblock";

  /** The first line of every manifest. */
  public static final String HEADER = "blocklist-version/v1";

  /** The longest manifest text {@link #parse} accepts, in characters (ASCII: also in bytes). */
  public static final int MAX_LENGTH = 4096;

  /** The longest origin; with it the text still stays far below {@link #MAX_LENGTH}. */
  public static final int MAX_ORIGIN_LENGTH = 255;

  static final String ORIGIN_EXPECTED =
      "1.." + MAX_ORIGIN_LENGTH + " printable ASCII characters 0x21..0x7e, no '+'";

  private static final Instant MIN_PUBLISHED =
      LocalDateTime.of(0, 1, 1, 0, 0, 0).toInstant(ZoneOffset.UTC);
  private static final Instant MAX_PUBLISHED =
      LocalDateTime.of(9999, 12, 31, 23, 59, 59).toInstant(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC)
          .withResolverStyle(ResolverStyle.STRICT);
  private static final Pattern TIME_SHAPE =
      Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z");
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  public Manifest {
    requireNonNull(origin, "origin");
    requireNonNull(published, "published");
    requireNonNull(action, "action");
    requireNonNull(list, "list");
    requireNonNull(changes, "changes");
    requireNonNull(audit, "audit");
    if (!isValidOrigin(origin)) {
      throw new IllegalArgumentException(
          "origin: " + Texts.quote(origin) + " (expected: " + ORIGIN_EXPECTED + ")");
    }
    checkAtLeast("version", version, 1);
    if (published.getNano() != 0) {
      throw new IllegalArgumentException("published: " + published + " (expected: whole seconds)");
    }
    if (published.isBefore(MIN_PUBLISHED) || published.isAfter(MAX_PUBLISHED)) {
      throw new IllegalArgumentException(
          "published: " + published + " (expected: " + MIN_PUBLISHED + ".." + MAX_PUBLISHED + ")");
    }
    checkAtLeast("requisition", requisition, 1);
    if (!BLOCK.equals(action) && !UNBLOCK.equals(action)) {
      throw new IllegalArgumentException(
          "action: " + Texts.quote(action) + " (expected: \"block\" or \"unblock\")");
    }
    checkAtLeast("added", added, 0);
    checkAtLeast("removed", removed, 0);
    checkAtLeast("entries", entries, 0);
  }

  /** The manifest text: twelve lines, each ending in {@code '\n'}. */
  public String text() {
    return HEADER
        + "\norigin "
        + origin
        + "\nversion "
        + version
        + "\npublished "
        + TIME.format(published)
        + "\nrequisition "
        + requisition
        + "\naction "
        + action
        + "\nadded "
        + added
        + "\nremoved "
        + removed
        + "\nentries "
        + entries
        + "\nlist "
        + list.hex()
        + "\nchanges "
        + changes.hex()
        + "\naudit "
        + audit.hex()
        + "\n";
  }

  /** The UTF-8 bytes of {@link #text()}: the log leaf. */
  public byte[] bytes() {
    return text().getBytes(StandardCharsets.UTF_8);
  }

  /** {@code SHA-256(0x00 || bytes())}: the leaf hash of this version in the log. */
  public Hash leafHash() {
    return TreeHashes.leafHash(bytes());
  }

  /**
   * Parses manifest text strictly: exactly the lines, order, keys, single spaces and number and
   * hash forms that {@link #text()} writes, the final newline included, nothing after it.
   */
  public static Manifest parse(String text) throws ManifestFormatException {
    requireNonNull(text, "text");
    if (text.length() > MAX_LENGTH) {
      throw new ManifestFormatException(
          "manifest length: "
              + text.length()
              + " characters (expected: at most "
              + MAX_LENGTH
              + ")");
    }
    ManifestReader reader = new ManifestReader(text);
    reader.header(HEADER);
    String origin = reader.value("origin", "<key name>");
    if (!isValidOrigin(origin)) {
      throw reader.invalid("origin", origin, ORIGIN_EXPECTED);
    }
    reader.endLine();
    long version = decimal(reader, "version", 1);
    Instant published = time(reader);
    long requisition = decimal(reader, "requisition", 1);
    String action = reader.value("action", "<block|unblock>");
    if (!BLOCK.equals(action) && !UNBLOCK.equals(action)) {
      throw reader.invalid("action", action, "\"block\" or \"unblock\"");
    }
    reader.endLine();
    long added = decimal(reader, "added", 0);
    long removed = decimal(reader, "removed", 0);
    long entries = decimal(reader, "entries", 0);
    Hash list = hex(reader, "list");
    Hash changes = hex(reader, "changes");
    Hash audit = hex(reader, "audit");
    reader.end();
    return new Manifest(
        origin,
        version,
        published,
        requisition,
        action,
        added,
        removed,
        entries,
        list,
        changes,
        audit);
  }

  /** Whether {@code origin} is a key name this log accepts (see {@link #origin()}). */
  static boolean isValidOrigin(String origin) {
    if (origin.isEmpty() || origin.length() > MAX_ORIGIN_LENGTH) {
      return false;
    }
    for (int i = 0; i < origin.length(); i++) {
      char c = origin.charAt(i);
      if (c < 0x21 || c > 0x7e || c == '+') {
        return false;
      }
    }
    return true;
  }

  private static long decimal(ManifestReader reader, String key, long min)
      throws ManifestFormatException {
    String value = reader.value(key, "<decimal>");
    long parsed = Texts.parseDecimal(value);
    if (parsed < min) {
      throw reader.invalid(
          key,
          value,
          "a decimal " + min + ".." + Long.MAX_VALUE + " without sign or leading zeros");
    }
    reader.endLine();
    return parsed;
  }

  private static Instant time(ManifestReader reader) throws ManifestFormatException {
    String value = reader.value("published", "<RFC 3339 UTC time>");
    Instant parsed = null;
    if (TIME_SHAPE.matcher(value).matches()) {
      try {
        parsed = TIME.parse(value, Instant::from);
      } catch (DateTimeParseException e) {
        parsed = null;
      }
    }
    if (parsed == null) {
      throw reader.invalid(
          "published", value, "an RFC 3339 UTC time in whole seconds like 2026-11-22T06:30:00Z");
    }
    reader.endLine();
    return parsed;
  }

  private static Hash hex(ManifestReader reader, String key) throws ManifestFormatException {
    String value = reader.value(key, "<hex SHA-256>");
    if (!HEX.matcher(value).matches()) {
      throw reader.invalid(key, value, "64 lower-case hex digits");
    }
    reader.endLine();
    return Hash.fromHex(value);
  }

  private static void checkAtLeast(String name, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(
          name + ": " + value + " (expected: " + min + ".." + Long.MAX_VALUE + ")");
    }
  }
}
