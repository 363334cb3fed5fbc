package org.blocklist.verify;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.blocklist.feed.FeedException;
import org.blocklist.feed.FeedHttp;

/**
 * The history as the server serves it (DESIGN.md, HTTP API): {@code /v1/checkpoint}, {@code
 * /v1/versions}, {@code /v1/versions/{n}/changes}, {@code /v1/audit/events}; every answer bounded
 * in bytes and time by {@link VerifyLimits}.
 */
final class ServerSource implements Source {
  private final FeedHttp http;
  private final VerifyLimits limits;
  private final ObjectMapper json = new ObjectMapper();

  ServerSource(FeedHttp http, VerifyLimits limits) {
    this.http = requireNonNull(http, "http");
    this.limits = requireNonNull(limits, "limits");
  }

  @Override
  public String checkpoint() throws VerificationException {
    try {
      byte[] body = http.get("/v1/checkpoint", limits.checkpointBytes(), limits.smallTimeout());
      return new String(body, StandardCharsets.UTF_8);
    } catch (FeedException e) {
      throw failed("checkpoint", e);
    }
  }

  @Override
  public List<ServedManifest> manifests(long from, int limit) throws VerificationException {
    String path = "/v1/versions?from=" + from + "&limit=" + limit;
    JsonNode page = page(path, "versions", limits.manifestPageBytes());
    List<ServedManifest> out = new ArrayList<>(page.size());
    for (JsonNode item : page) {
      JsonNode version = item.get("version");
      JsonNode manifest = item.get("manifest");
      if (version == null
          || !version.canConvertToExactIntegral()
          || !version.canConvertToLong()
          || manifest == null
          || !manifest.isTextual()) {
        throw malformed(path, "an item is not {\"version\":N,\"manifest\":\"<text>\"}");
      }
      out.add(new ServedManifest(version.asLong(), manifest.asText()));
    }
    return out;
  }

  @Override
  public byte[] changes(long version) throws VerificationException {
    try {
      return http.get(
          "/v1/versions/" + version + "/changes", limits.changesBytes(), limits.changesTimeout());
    } catch (FeedException e) {
      throw failed(VerificationException.version(version) + ": changes", e);
    }
  }

  @Override
  public List<ServedEvent> events(long from, int limit) throws VerificationException {
    String path = "/v1/audit/events?from=" + from + "&limit=" + limit;
    JsonNode page = page(path, "events", limits.eventPageBytes());
    List<ServedEvent> out = new ArrayList<>(page.size());
    for (JsonNode item : page) {
      out.add(
          ServedEvent.of(item)
              .orElseThrow(() -> malformed(path, "an item is not " + ServedEvent.SHAPE)));
    }
    return out;
  }

  @Override
  public java.util.Optional<byte[]> transparency() throws VerificationException {
    try {
      return java.util.Optional.of(
          http.get("/v1/transparency", limits.eventPageBytes(), limits.smallTimeout()));
    } catch (FeedException e) {
      throw failed("transparency", e);
    }
  }

  @Override
  public String describe() {
    return http.server().toString();
  }

  /** The array {@code key} of the JSON object at {@code path}. */
  private JsonNode page(String path, String key, int maxBytes) throws VerificationException {
    JsonNode body;
    try {
      body = http.getJson(path, maxBytes, limits.smallTimeout(), json);
    } catch (FeedException e) {
      throw failed(key, e);
    }
    JsonNode items = body == null ? null : body.get(key);
    if (items == null || !items.isArray()) {
      throw malformed(path, "not {\"" + key + "\":[...]}");
    }
    return items;
  }

  private static VerificationException malformed(String path, String what) {
    return new VerificationException("GET " + path + ": " + what);
  }

  private static VerificationException failed(String what, FeedException e) {
    if (e.reason() == FeedException.Reason.MALFORMED) {
      return new VerificationException(what + ": " + e.getMessage(), e);
    }
    return VerificationException.unreadable(what + ": " + e.getMessage(), e);
  }
}
