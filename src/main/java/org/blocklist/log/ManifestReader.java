package org.blocklist.log;

/**
 * Reads manifest text line by line for {@link Manifest#parse}, and words its errors as {@code line
 * <n>: <what was found> (expected: <what was expected>)}.
 *
 * <p>A last line without its {@code '\n'} is still read, so that a bad value in it is reported as
 * such; {@link #endLine()} then reports the missing newline.
 */
final class ManifestReader {
  private final String text;
  private int position;
  private int lineNumber;
  private boolean terminated;

  ManifestReader(String text) {
    this.text = text;
  }

  /** Reads line 1, which must be exactly {@code header}. */
  void header(String header) throws ManifestFormatException {
    String line = next("\"" + header + "\"");
    if (!line.equals(header)) {
      throw error(Texts.quote(line), "\"" + header + "\"");
    }
    endLine();
  }

  /** Reads the next line, which must be {@code key}, one space and a value; returns the value. */
  String value(String key, String form) throws ManifestFormatException {
    String expected = "\"" + key + " " + form + "\"";
    String line = next(expected);
    if (!line.startsWith(key + " ")) {
      throw error(Texts.quote(line), expected);
    }
    return line.substring(key.length() + 1);
  }

  /** Fails unless the line just read ended in a newline. */
  void endLine() throws ManifestFormatException {
    if (!terminated) {
      throw error("missing final newline", "\"\\n\" at the end of every line");
    }
  }

  /** Fails unless the text ends here. */
  void end() throws ManifestFormatException {
    if (position == text.length()) {
      return;
    }
    lineNumber++;
    int newline = text.indexOf('\n', position);
    if (newline < 0) {
      throw error("trailing data " + Texts.quote(text.substring(position)), "end of manifest");
    }
    throw error(Texts.quote(text.substring(position, newline)), "end of manifest");
  }

  ManifestFormatException invalid(String key, String value, String expected) {
    return error(key + " " + Texts.quote(value), expected);
  }

  private String next(String expected) throws ManifestFormatException {
    lineNumber++;
    if (position == text.length()) {
      throw error("end of manifest", expected);
    }
    int newline = text.indexOf('\n', position);
    String line;
    if (newline < 0) {
      line = text.substring(position);
      position = text.length();
      terminated = false;
    } else {
      line = text.substring(position, newline);
      position = newline + 1;
      terminated = true;
    }
    return line;
  }

  private ManifestFormatException error(String found, String expected) {
    return new ManifestFormatException(
        "line " + lineNumber + ": " + found + " (expected: " + expected + ")");
  }
}
