package org.blocklist.sync;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files replaced so that a crash at any moment ({@code kill -9}, power loss) leaves the old or the
 * new complete file, never a mix: a temporary file in the same directory, created with its final
 * permissions, written, synced, renamed over the target, then the directory synced so the rename
 * itself is durable.
 */
final class AtomicFiles {
  /** Read and written by the agent only: the trusted state, the evidence. */
  static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");

  /** Also readable by the group: the outputs, which a resolver in the agent's group reads. */
  static final Set<PosixFilePermission> SHARED = PosixFilePermissions.fromString("rw-r-----");

  private static final String TEMP_SUFFIX = ".tmp";
  private static final int BUFFER = 1 << 16;

  /** Writes what goes into a file. */
  @FunctionalInterface
  interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicFiles() {}

  /** Replaces {@code target} with what {@code content} writes, durably. */
  static void write(Path target, Set<PosixFilePermission> permissions, Content content)
      throws IOException {
    replace(target, permissions, content, true);
  }

  /**
   * Replaces {@code target} atomically; with {@code durable} the file and the directory are also
   * synced, so the new file survives a power cut.
   */
  static void replace(
      Path target, Set<PosixFilePermission> permissions, Content content, boolean durable)
      throws IOException {
    Path dir = directoryOf(target);
    Path temp =
        Files.createTempFile(
            dir,
            tempPrefix(target),
            TEMP_SUFFIX,
            PosixFilePermissions.asFileAttribute(permissions));
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER);
        content.writeTo(out);
        out.flush();
        if (durable) {
          channel.force(true);
        }
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    if (durable) {
      syncDirectory(dir);
    }
  }

  /**
   * Replaces {@code target} with a hard link to {@code source} (already durable: its content was
   * synced before any name pointed to it), atomically; false if no link can be made there (another
   * file system), with nothing changed. The directory is not synced: after a power cut the name may
   * still point to the file before, which is complete; the caller repairs it from its own durable
   * state at the next start.
   */
  static boolean link(Path target, Path source) throws IOException {
    Path dir = directoryOf(target);
    Path temp = Files.createTempFile(dir, tempPrefix(target), TEMP_SUFFIX);
    try {
      Files.delete(temp);
      Files.createLink(temp, source);
    } catch (IOException | UnsupportedOperationException e) {
      Files.deleteIfExists(temp);
      return false;
    }
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    return true;
  }

  /** Deletes the temporary files a crash left beside {@code target}. */
  static void removeLeftovers(Path target) throws IOException {
    try (DirectoryStream<Path> stream =
        Files.newDirectoryStream(directoryOf(target), tempPrefix(target) + "*" + TEMP_SUFFIX)) {
      for (Path leftover : stream) {
        Files.deleteIfExists(leftover);
      }
    }
  }

  /** Makes the directory entries of {@code dir} (a rename, a deletion) durable. */
  static void syncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  private static Path directoryOf(Path target) {
    Path parent = target.toAbsolutePath().getParent();
    if (parent == null) {
      throw new IllegalArgumentException(
          "target: " + target + " (expected: a file in a directory)");
    }
    return parent;
  }

  private static String tempPrefix(Path target) {
    return "." + target.getFileName() + ".";
  }
}
