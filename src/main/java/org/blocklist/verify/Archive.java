package org.blocklist.verify;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

/**
 * The layout of a {@code verify --archive DIR}: what was fetched, as it was served, one file per
 * item, so that {@code verify --archive DIR} re-verifies it with no network, years later.
 *
 * <pre>
 * DIR/README                     what this is, where and when it was fetched
 * DIR/checkpoint                 GET /v1/checkpoint: the signed note
 * DIR/versions/00000001.manifest the manifest text of version 1 (the log leaf)
 * DIR/changes/00000001.json      GET /v1/versions/1/changes, the body as served
 * DIR/events/00000001.json       GET /v1/audit/events?from=1&limit=1000: {"events":[...]}
 * DIR/events/00001001.json       the next page, from event 1001
 * </pre>
 *
 * <p>Numbers have eight digits or more. Every file is written atomically (a temporary file in the
 * same directory, fsync, rename), and the directories are synced at the end.
 */
final class Archive {
  static final String README = "README";
  static final String CHECKPOINT = "checkpoint";
  static final String VERSIONS = "versions";
  static final String CHANGES = "changes";
  static final String EVENTS = "events";
  static final String TRANSPARENCY = "transparency.json";

  private final Path dir;

  private Archive(Path dir) {
    this.dir = dir;
  }

  /** A new archive in {@code dir}, which must not exist or be empty. */
  static Archive create(Path dir) throws VerificationException {
    requireNonNull(dir, "dir");
    try {
      if (Files.exists(dir)) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
          if (entries.iterator().hasNext()) {
            throw VerificationException.unreadable(
                "archive " + dir + ": not empty (expected: a new or empty directory)", null);
          }
        }
      }
      for (String sub : List.of(VERSIONS, CHANGES, EVENTS)) {
        Files.createDirectories(dir.resolve(sub));
      }
    } catch (IOException e) {
      throw VerificationException.unreadable("archive " + dir + ": " + e.getMessage(), e);
    }
    return new Archive(dir);
  }

  static String manifest(long version) {
    return VERSIONS + "/" + number(version) + ".manifest";
  }

  static String changes(long version) {
    return CHANGES + "/" + number(version) + ".json";
  }

  /** The page of audit events that starts with event {@code from}. */
  static String events(long from) {
    return EVENTS + "/" + number(from) + ".json";
  }

  private static String number(long n) {
    return String.format(Locale.ROOT, "%08d", n);
  }

  /** Writes {@code bytes} to {@code name} (relative, like {@link #manifest}) atomically. */
  void write(String name, byte[] bytes) throws VerificationException {
    Path target = dir.resolve(name);
    try {
      Path temp = Files.createTempFile(target.getParent(), ".tmp-", "");
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        out.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw VerificationException.unreadable("archive " + target + ": " + e.getMessage(), e);
    }
  }

  /** Syncs the directories, so the renames survive a crash. */
  void sync() throws VerificationException {
    for (String sub : List.of(VERSIONS, CHANGES, EVENTS, "")) {
      Path d = sub.isEmpty() ? dir : dir.resolve(sub);
      try (FileChannel channel = FileChannel.open(d, StandardOpenOption.READ)) {
        channel.force(true);
      } catch (IOException e) {
        throw VerificationException.unreadable("archive " + d + ": " + e.getMessage(), e);
      }
    }
  }
}
