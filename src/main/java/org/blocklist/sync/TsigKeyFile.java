package org.blocklist.sync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.blocklist.rpz.TsigKey;

/**
 * {@code --rpz-key FILE}: one TSIG key as {@code tsig-keygen} writes it and BIND includes it:
 *
 * <pre>
 * key "blocklist-sync." {
 *         algorithm hmac-sha256;
 *         secret "base64...";
 * };
 * </pre>
 *
 * At most {@value #MAX_BYTES} bytes; {@code #} and {@code //} comment lines are skipped.
 */
public final class TsigKeyFile {
  public static final int MAX_BYTES = 4096;

  private static final Pattern KEY =
      Pattern.compile(
          "\\s*key\\s+\"?([A-Za-z0-9._-]+)\"?\\s*\\{\\s*algorithm\\s+([A-Za-z0-9-]+)\\s*;"
              + "\\s*secret\\s+\"([A-Za-z0-9+/=]+)\"\\s*;\\s*}\\s*;?\\s*");

  private TsigKeyFile() {}

  /**
   * The key in {@code file}.
   *
   * @throws IOException if it cannot be read
   * @throws IllegalArgumentException naming what is wrong (never the secret)
   */
  public static TsigKey read(Path file) throws IOException {
    if (Files.size(file) > MAX_BYTES) {
      throw new IllegalArgumentException(
          "--rpz-key " + file + ": larger than " + MAX_BYTES + " bytes");
    }
    StringBuilder text = new StringBuilder();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String t = line.strip();
      if (!t.startsWith("#") && !t.startsWith("//")) {
        text.append(line).append('\n');
      }
    }
    Matcher m = KEY.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "--rpz-key "
              + file
              + ": expected one key as tsig-keygen writes it: key \"NAME\" { algorithm"
              + " hmac-sha256; secret \"BASE64\"; };");
    }
    try {
      return TsigKey.of(m.group(1), m.group(2), m.group(3));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--rpz-key " + file + ": " + e.getMessage(), e);
    }
  }
}
