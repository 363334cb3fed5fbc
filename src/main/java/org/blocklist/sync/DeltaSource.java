package org.blocklist.sync;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.blocklist.feed.FeedException;
import org.blocklist.feed.FeedException.Reason;
import org.blocklist.feed.FeedHttp;
import org.blocklist.feed.Trust;
import org.blocklist.log.Hash;

/**
 * The three things the agent asks of the server, each bounded in bytes and in time: {@code
 * /v1/delta} (long-polled), {@code /v1/checkpoint} (to show a rollback when the server says {@code
 * ahead_of_server}) and {@code /v1/proof/consistency} (when the agent resyncs from 0 while it still
 * trusts a later checkpoint).
 */
final class DeltaSource {
  /** Largest consistency-proof answer: 64 hashes of base64 are under 4 KiB. */
  static final int MAX_PROOF_BYTES = 16 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final FeedHttp http;
  private final SyncLimits limits;

  /** A delta as it came (kept as evidence if refused) and as read. */
  record Fetched(byte[] body, DeltaMessage message) {
    Fetched {
      requireNonNull(body, "body");
      requireNonNull(message, "message");
    }
  }

  DeltaSource(FeedHttp http, SyncLimits limits) {
    this.http = requireNonNull(http, "http");
    this.limits = requireNonNull(limits, "limits");
  }

  /** {@code GET /v1/delta?from=from&wait=wait}, allowed {@code wait} plus the exchange time. */
  Fetched delta(long from, Duration wait) throws FeedException {
    byte[] body =
        http.get(
            "/v1/delta?from=" + from + "&wait=" + wait.toSeconds(),
            limits.maxDeltaBytes(),
            wait.plus(limits.exchangeTime()));
    return new Fetched(body, DeltaParser.parse(body, limits.maxNames()));
  }

  /** The server's latest signed checkpoint note, unverified. */
  String checkpoint() throws FeedException {
    byte[] body = http.get("/v1/checkpoint", Trust.MAX_NOTE_BYTES, limits.exchangeTime());
    return new String(body, StandardCharsets.UTF_8);
  }

  /** {@code GET /v1/proof/consistency?from=size1&to=size2}, its shape checked. */
  List<Hash> consistency(long size1, long size2) throws FeedException {
    String path = "/v1/proof/consistency?from=" + size1 + "&to=" + size2;
    JsonNode json = http.getJson(path, MAX_PROOF_BYTES, limits.exchangeTime(), JSON);
    if (!json.path("from").isIntegralNumber()
        || json.get("from").asLong() != size1
        || !json.path("to").isIntegralNumber()
        || json.get("to").asLong() != size2
        || !json.path("hashes").isArray()
        || json.get("hashes").size() > DeltaParser.MAX_PROOF_HASHES) {
      throw new FeedException(
          Reason.MALFORMED,
          "GET "
              + path
              + ": expected {\"from\":"
              + size1
              + ",\"to\":"
              + size2
              + ",\"hashes\":[...]}");
    }
    List<Hash> hashes = new ArrayList<>();
    for (JsonNode h : json.get("hashes")) {
      try {
        byte[] bytes = Base64.getDecoder().decode(h.asText());
        hashes.add(Hash.of(bytes));
      } catch (IllegalArgumentException e) {
        throw new FeedException(
            Reason.MALFORMED, "GET " + path + ": " + h + " is not a base64 hash", e);
      }
    }
    return hashes;
  }
}
