package org.blocklist.sync;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.blocklist.log.Manifest;

/**
 * The agent's state directory ({@code --state DIR}, mode 0700), held by one agent at a time through
 * a lock on {@value #LOCK}:
 *
 * <ul>
 *   <li>{@value #TRUSTED}: the trusted version, the commit point: its signed checkpoint note,
 *       manifest and inclusion proof;
 *   <li>{@code list-<N>.txt}: the snapshot text of that version N, with the outputs' mode (0640):
 *       in the text format the output is a hard link to it;
 *   <li>{@value #VERIFIED_AT}: when a checkpoint from the server last verified;
 *   <li>{@value #EVIDENCE}{@code /}: what refused servers sent ({@link Evidence}).
 * </ul>
 *
 * <p>{@link #commit} writes the new version's list file, then {@value #TRUSTED} (each atomically);
 * the old list file is deleted once the output is in place ({@link #forget}): a crash at any point
 * leaves {@value #TRUSTED} naming a complete list file, and a list file left behind is deleted at
 * the next start.
 *
 * <p>Syncs per version, and why each is needed: the list file's content, then its directory entry
 * (so that {@value #TRUSTED} never durably names a list file that a power cut could lose), then
 * {@value #TRUSTED}'s content and its rename (the commit point). The output's rename and the old
 * list file's deletion are not synced: a power cut may undo them, leaving the output of the version
 * before (complete: a renamed file's content is always synced first) or a stale list file, and the
 * next start repairs both from {@value #TRUSTED} ({@code SyncAgent} deletes leftovers and rewrites
 * an output that is not the trusted version's) before it serves anything. Reading and checking what
 * is stored is {@link StoredState}'s business.
 */
final class StateDirectory implements AutoCloseable {
  static final String LOCK = "sync.lock";
  static final String TRUSTED = "trusted.json";
  static final String VERIFIED_AT = "verified-at";
  static final String EVIDENCE = "evidence";
  static final String FORMAT = "blocklist-sync-state/v1";

  /** Largest {@value #TRUSTED} read: a note, a manifest and 64 hashes are under 8 KiB. */
  static final int MAX_TRUSTED_BYTES = 64 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private StateDirectory(Path dir, FileChannel lockChannel, FileLock lock) {
    this.dir = dir;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /** Creates {@code dir} if needed and locks it. */
  static StateDirectory open(Path dir) throws SyncStartException {
    requireNonNull(dir, "dir");
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      Path lockFile = dir.resolve(LOCK);
      FileChannel channel =
          FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new SyncStartException(
            "state directory "
                + dir
                + " is in use by another sync agent (it holds "
                + lockFile
                + "); each agent needs a state directory of its own");
      }
      return new StateDirectory(dir, channel, lock);
    } catch (IOException e) {
      throw new SyncStartException("state directory " + dir + ": " + e.getMessage(), e);
    }
  }

  Path dir() {
    return dir;
  }

  Path trustedFile() {
    return dir.resolve(TRUSTED);
  }

  Path listFile(long version) {
    return dir.resolve("list-" + version + ".txt");
  }

  Path evidenceDir() {
    return dir.resolve(EVIDENCE);
  }

  /** The stored {@value #TRUSTED}, if any, read within its size limit. */
  Optional<JsonNode> readTrusted() throws IOException {
    Path file = trustedFile();
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    long size = Files.size(file);
    if (size > MAX_TRUSTED_BYTES) {
      throw new IOException(
          file + ": " + size + " bytes (expected: at most " + MAX_TRUSTED_BYTES + ")");
    }
    return Optional.of(JSON.readTree(Files.readAllBytes(file)));
  }

  /**
   * Makes {@code next} the trusted version; the list file of the one before stays ({@link
   * #forget}).
   */
  void commit(TrustedState next) throws IOException {
    AtomicFiles.write(listFile(next.version()), AtomicFiles.SHARED, next.list()::writeSnapshot);
    ObjectNode json = JSON.createObjectNode();
    json.put("format", FORMAT);
    json.put("checkpoint", next.note());
    json.put("manifest", next.manifest().map(Manifest::text).orElse(""));
    ArrayNode inclusion = json.putArray("inclusion");
    next.inclusion().forEach(h -> inclusion.add(h.base64()));
    byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json);
    AtomicFiles.write(trustedFile(), AtomicFiles.PRIVATE, out -> out.write(bytes));
  }

  /**
   * Deletes the list file of {@code version}, once a later one is trusted and in the output. Not
   * synced: a deletion lost in a power cut leaves a list file that {@link #removeLeftovers} deletes
   * at the next start.
   */
  void forget(long version) throws IOException {
    Files.deleteIfExists(listFile(version));
  }

  /** Deletes list files other than {@code version}'s and temporary files a crash left. */
  void removeLeftovers(long version) throws IOException {
    AtomicFiles.removeLeftovers(trustedFile());
    AtomicFiles.removeLeftovers(dir.resolve(VERIFIED_AT));
    List<Path> lists = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "list-*.txt")) {
      files.forEach(lists::add);
    }
    for (Path list : lists) {
      AtomicFiles.removeLeftovers(list);
      if (!list.equals(listFile(version))) {
        Files.deleteIfExists(list);
      }
    }
  }

  /** When a checkpoint last verified, as {@link #recordVerified} wrote it; empty if unknown. */
  Optional<Instant> verifiedAt() {
    Path file = dir.resolve(VERIFIED_AT);
    try {
      if (!Files.exists(file) || Files.size(file) > 64) {
        return Optional.empty();
      }
      return Optional.of(Instant.parse(Files.readString(file, StandardCharsets.US_ASCII).strip()));
    } catch (IOException | DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * Records when a checkpoint last verified; replaced atomically but not synced (it is written on
   * every poll, and a time lost in a power cut only makes the feed look older than it is).
   */
  void recordVerified(Instant when) throws IOException {
    byte[] text = (when + "\n").getBytes(StandardCharsets.US_ASCII);
    AtomicFiles.replace(
        dir.resolve(VERIFIED_AT), AtomicFiles.PRIVATE, out -> out.write(text), false);
  }

  @Override
  public void close() throws IOException {
    lock.release();
    lockChannel.close();
  }
}
