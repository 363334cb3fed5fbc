package org.blocklist.log;

import static java.util.Objects.requireNonNull;

import java.util.Base64;

/**
 * The body (note text) of a C2SP <a href="https://c2sp.org/tlog-checkpoint">tlog-checkpoint</a>:
 * {@code <origin>\n<size>\n<base64 root hash>\n}. The signed-note wrapper and its signatures are
 * the business of {@code org.blocklist.signing}.
 *
 * <p>{@link #body()} writes no extension lines. {@link #parseBody} follows the spec strictly: at
 * least three non-empty lines each ending in {@code '\n'}, no control characters, a size in ASCII
 * decimal without leading zeros, the root as the canonical padded standard base64 of exactly 32
 * bytes; it accepts and ignores extension lines (non-empty lines after the root), which are opaque
 * and not auditable. The origin of a parsed body is only checked to be a non-empty line: clients
 * must not assume more of it (the spec only recommends a URL without spaces or {@code '+'}), and
 * the caller compares it with the origin it trusts.
 *
 * @param origin the log origin: non-empty, no control characters, no unpaired surrogate
 * @param size the tree size, the latest version
 * @param root the RFC 6962 root hash of the tree of that size
 */
public record Checkpoint(String origin, long size, Hash root) {
  /** The longest body {@link #parseBody} accepts, in characters. */
  public static final int MAX_BODY_LENGTH = 8192;

  public Checkpoint {
    requireNonNull(origin, "origin");
    requireNonNull(root, "root");
    if (!isValidLine(origin)) {
      throw new IllegalArgumentException(
          "origin: "
              + Texts.quote(origin)
              + " (expected: a non-empty line of text without control characters)");
    }
    if (size < 0) {
      throw new IllegalArgumentException(
          "size: " + size + " (expected: 0.." + Long.MAX_VALUE + ")");
    }
  }

  /** {@code <origin>\n<size>\n<base64 root>\n}: the text that the log signs. */
  public String body() {
    return origin + "\n" + size + "\n" + root.base64() + "\n";
  }

  /** Parses a checkpoint body; extension lines are accepted and ignored. */
  public static Checkpoint parseBody(String body) throws CheckpointFormatException {
    requireNonNull(body, "body");
    if (body.length() > MAX_BODY_LENGTH) {
      throw new CheckpointFormatException(
          "body length: "
              + body.length()
              + " characters (expected: at most "
              + MAX_BODY_LENGTH
              + ")");
    }
    if (!body.endsWith("\n")) {
      throw new CheckpointFormatException(
          "body: missing final newline (expected: \"\\n\" at the end of every line)");
    }
    String[] lines = body.substring(0, body.length() - 1).split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (!isValidLine(lines[i])) {
        throw new CheckpointFormatException(
            "line "
                + (i + 1)
                + ": "
                + Texts.quote(lines[i])
                + " (expected: a non-empty line of text without control characters)");
      }
    }
    if (lines.length < 3) {
      throw new CheckpointFormatException(
          "body: " + lines.length + " lines (expected: at least 3: origin, size, root hash)");
    }
    long size = Texts.parseDecimal(lines[1]);
    if (size < 0) {
      throw new CheckpointFormatException(
          "line 2: size "
              + Texts.quote(lines[1])
              + " (expected: a decimal 0.."
              + Long.MAX_VALUE
              + " without sign or leading zeros)");
    }
    return new Checkpoint(lines[0], size, parseRoot(lines[2]));
  }

  private static Hash parseRoot(String line) throws CheckpointFormatException {
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(line);
    } catch (IllegalArgumentException e) {
      decoded = null;
    }
    if (decoded == null
        || decoded.length != Hash.LENGTH
        || !Base64.getEncoder().encodeToString(decoded).equals(line)) {
      throw new CheckpointFormatException(
          "line 3: root hash "
              + Texts.quote(line)
              + " (expected: standard padded base64 of "
              + Hash.LENGTH
              + " bytes)");
    }
    return Hash.of(decoded);
  }

  /** Non-empty, no control character (line breaks included), no unpaired surrogate. */
  private static boolean isValidLine(String line) {
    if (line.isEmpty()) {
      return false;
    }
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 == line.length() || !Character.isLowSurrogate(line.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
