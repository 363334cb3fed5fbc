package org.blocklist.sync;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The forms the agent writes its verified list in ({@code --format}). */
public enum OutputFormat {
  /** The snapshot text: byte for byte what {@code GET /v1/snapshot} serves. */
  TEXT("blocklist.txt"),
  /** A Response Policy Zone file as DESIGN.md describes the zone ({@link RpzFile}). */
  RPZ("blocklist.rpz"),
  /** {@code local-zone: "<name>." always_nxdomain} lines in a {@code server:} clause. */
  UNBOUND("blocklist.unbound.conf"),
  /** {@code 0.0.0.0 <name>} lines: the names themselves only, no names below them. */
  HOSTS("blocklist.hosts");

  private final String defaultFile;

  OutputFormat(String defaultFile) {
    this.defaultFile = defaultFile;
  }

  /** The file written in the state directory when no {@code --out} is given. */
  public String defaultFile() {
    return defaultFile;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The format named {@code label} ({@code text}, {@code rpz}, {@code unbound}, {@code hosts}). */
  public static OutputFormat of(String label) {
    for (OutputFormat f : values()) {
      if (f.label().equals(label)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "format: "
            + label
            + " (expected: "
            + Arrays.stream(values()).map(OutputFormat::label).collect(Collectors.joining(", "))
            + ")");
  }
}
