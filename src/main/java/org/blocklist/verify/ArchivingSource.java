package org.blocklist.verify;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A source whose every answer is also written to an {@link Archive}, as it was served. */
final class ArchivingSource implements Source {
  private final Source source;
  private final Archive archive;
  private final ObjectMapper json = new ObjectMapper();

  ArchivingSource(Source source, Archive archive) {
    this.source = requireNonNull(source, "source");
    this.archive = requireNonNull(archive, "archive");
  }

  @Override
  public String checkpoint() throws VerificationException {
    String note = source.checkpoint();
    archive.write(Archive.CHECKPOINT, note.getBytes(StandardCharsets.UTF_8));
    return note;
  }

  @Override
  public List<ServedManifest> manifests(long from, int limit) throws VerificationException {
    List<ServedManifest> page = source.manifests(from, limit);
    for (ServedManifest m : page) {
      archive.write(Archive.manifest(m.version()), m.text().getBytes(StandardCharsets.UTF_8));
    }
    return page;
  }

  @Override
  public byte[] changes(long version) throws VerificationException {
    byte[] body = source.changes(version);
    archive.write(Archive.changes(version), body);
    return body;
  }

  @Override
  public List<ServedEvent> events(long from, int limit) throws VerificationException {
    List<ServedEvent> page = source.events(from, limit);
    if (page.isEmpty()) {
      return page;
    }
    List<Map<String, Object>> items = new ArrayList<>(page.size());
    for (ServedEvent e : page) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("seq", e.seq());
      item.put("event", e.text());
      item.put("hash", e.hash());
      items.add(item);
    }
    try {
      archive.write(Archive.events(from), json.writeValueAsBytes(Map.of("events", items)));
    } catch (JsonProcessingException x) {
      throw new IllegalStateException("a list of maps of numbers and strings is JSON", x);
    }
    return page;
  }

  @Override
  public java.util.Optional<byte[]> transparency() throws VerificationException {
    java.util.Optional<byte[]> body = source.transparency();
    if (body.isPresent()) {
      archive.write(Archive.TRANSPARENCY, body.get());
    }
    return body;
  }

  @Override
  public String describe() {
    return source.describe();
  }
}
