package org.blocklist.verify;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.blocklist.log.Manifest;

/**
 * A history read back from an {@link Archive} directory, with no network: the same items and the
 * same limits as from the server. A version's missing file is a failure; the manifests end where
 * their numbering in the archive ends, the events where no page starts with the next event.
 */
final class ArchiveSource implements Source {
  private final Path dir;
  private final VerifyLimits limits;
  private final ObjectMapper json = new ObjectMapper();

  ArchiveSource(Path dir, VerifyLimits limits) {
    this.dir = requireNonNull(dir, "dir");
    this.limits = requireNonNull(limits, "limits");
  }

  @Override
  public String checkpoint() throws VerificationException {
    return new String(
        read(Archive.CHECKPOINT, limits.checkpointBytes(), "checkpoint")
            .orElseThrow(() -> missing("checkpoint", Archive.CHECKPOINT)),
        StandardCharsets.UTF_8);
  }

  @Override
  public List<ServedManifest> manifests(long from, int limit) throws VerificationException {
    List<ServedManifest> out = new ArrayList<>();
    for (long v = from; v < from + limit; v++) {
      Optional<byte[]> text =
          read(Archive.manifest(v), Manifest.MAX_LENGTH, VerificationException.version(v));
      if (text.isEmpty()) {
        break;
      }
      out.add(new ServedManifest(v, new String(text.get(), StandardCharsets.UTF_8)));
    }
    return out;
  }

  @Override
  public byte[] changes(long version) throws VerificationException {
    String subject = VerificationException.version(version) + ": changes";
    return read(Archive.changes(version), limits.changesBytes(), subject)
        .orElseThrow(() -> missing(subject, Archive.changes(version)));
  }

  /** The archived page that starts with event {@code from}, whatever its length; empty past it. */
  @Override
  public List<ServedEvent> events(long from, int limit) throws VerificationException {
    String name = Archive.events(from);
    String subject = "audit events from " + from;
    Optional<byte[]> body = read(name, limits.eventPageBytes(), subject);
    if (body.isEmpty()) {
      return List.of();
    }
    JsonNode items;
    try {
      JsonNode page = json.readTree(body.get());
      items = page == null ? null : page.get("events");
    } catch (IOException e) {
      throw new VerificationException(subject + ": " + name + ": not JSON", e);
    }
    if (items == null || !items.isArray()) {
      throw new VerificationException(subject + ": " + name + ": not {\"events\":[...]}");
    }
    List<ServedEvent> out = new ArrayList<>(items.size());
    for (JsonNode item : items) {
      out.add(
          ServedEvent.of(item)
              .orElseThrow(
                  () ->
                      new VerificationException(
                          subject + ": " + name + ": an item is not " + ServedEvent.SHAPE)));
    }
    return out;
  }

  @Override
  public Optional<byte[]> transparency() throws VerificationException {
    return read(Archive.TRANSPARENCY, limits.eventPageBytes(), "transparency");
  }

  @Override
  public String describe() {
    return "archive " + dir;
  }

  /** The bytes of {@code name}, empty if there is no such file. */
  private Optional<byte[]> read(String name, long maxBytes, String subject)
      throws VerificationException {
    Path file = dir.resolve(name);
    try {
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      long size = Files.size(file);
      if (size > maxBytes) {
        throw new VerificationException(
            subject + ": " + file + ": " + size + " bytes (limit: " + maxBytes + ")");
      }
      return Optional.of(Files.readAllBytes(file));
    } catch (IOException e) {
      throw VerificationException.unreadable(subject + ": " + file + ": " + e.getMessage(), e);
    }
  }

  private VerificationException missing(String subject, String name) {
    return new VerificationException(
        subject + ": " + dir.resolve(name) + " is missing from the archive");
  }
}
