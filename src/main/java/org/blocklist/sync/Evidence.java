package org.blocklist.sync;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.blocklist.feed.FeedException.Reason;
import org.blocklist.log.Hash;

/**
 * What a server sent when it was refused as rolled back or forked, kept in {@code DIR/evidence/}:
 * the offending signed checkpoint, the whole answer it came in, and the trusted checkpoint it
 * contradicts; together they show, with signatures anyone can check, that the log was rewritten.
 * Files are named {@code <UTC time>-<reason>-<digest>.<kind>}; the same offending checkpoint is
 * kept once however often it is seen, and at most {@value #MAX_KEPT} are kept.
 */
final class Evidence {
  /** Offending checkpoints kept; a server refused on every retry does not fill the disk. */
  static final int MAX_KEPT = 200;

  static final String CHECKPOINT = ".checkpoint";
  static final String ANSWER = ".answer";
  static final String TRUSTED = ".trusted-checkpoint";

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Path dir;
  private final Clock clock;

  Evidence(Path dir, Clock clock) {
    this.dir = requireNonNull(dir, "dir");
    this.clock = requireNonNull(clock, "clock");
  }

  Path dir() {
    return dir;
  }

  /**
   * Keeps {@code offending} (a signed checkpoint note), the {@code answer} it came in and the
   * {@code trusted} note; returns the path of the offending checkpoint's file, new or kept before,
   * or empty when the directory already holds {@value #MAX_KEPT}.
   */
  List<Path> keep(Reason reason, String offending, byte[] answer, String trusted)
      throws IOException {
    Files.createDirectories(dir);
    String tag =
        "-"
            + reason.label()
            + "-"
            + Hash.sha256(offending.getBytes(StandardCharsets.UTF_8)).hex().substring(0, 16);
    List<Path> kept = kept(tag + CHECKPOINT);
    if (!kept.isEmpty() || count() >= MAX_KEPT) {
      return kept;
    }
    String base = STAMP.format(clock.instant()) + tag;
    write(base + ANSWER, answer);
    write(base + TRUSTED, trusted.getBytes(StandardCharsets.UTF_8));
    Path checkpoint = write(base + CHECKPOINT, offending.getBytes(StandardCharsets.UTF_8));
    return List.of(checkpoint);
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path file = dir.resolve(name);
    AtomicFiles.write(file, AtomicFiles.PRIVATE, out -> out.write(bytes));
    return file;
  }

  private List<Path> kept(String suffix) throws IOException {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + suffix)) {
      files.forEach(found::add);
    }
    return found;
  }

  private int count() throws IOException {
    return kept(CHECKPOINT).size();
  }
}
