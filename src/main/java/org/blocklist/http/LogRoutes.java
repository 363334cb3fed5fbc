package org.blocklist.http;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.blocklist.ledger.LedgerKeys;
import org.blocklist.log.Hash;
import org.blocklist.state.ListState;
import org.blocklist.state.VersionRecord;

/** The public log: checkpoint, keys, manifests, changes and proofs; all answered from memory. */
final class LogRoutes {
  /** One manifest in a {@code /v1/versions} page. */
  record VersionView(long version, String manifest) {}

  private final Supplier<ListState> state;
  private final Map<String, Object> keys;

  LogRoutes(Supplier<ListState> state, LedgerKeys keys) {
    this.state = requireNonNull(state, "state");
    this.keys =
        Views.ordered(
            "origin", keys.origin(),
            "verifierKey", keys.verifierKey().encode(),
            "publicKeyPem", keys.privateKey().publicKey().pem());
  }

  ApiResponse checkpoint(ApiRequest request) {
    return ApiResponse.text(state.get().checkpoint());
  }

  ApiResponse keys(ApiRequest request) {
    return ApiResponse.ok(keys);
  }

  ApiResponse versions(ApiRequest request) {
    ListState s = state.get();
    long from = request.from();
    int limit = request.limit();
    List<VersionView> page = new ArrayList<>();
    for (long v = from; v <= s.version() && page.size() < limit; v++) {
      page.add(new VersionView(v, s.record(v).manifest().text()));
    }
    return ApiResponse.ok(Map.of("versions", page));
  }

  ApiResponse version(ApiRequest request) {
    return ApiResponse.text(record(request).manifest().text());
  }

  ApiResponse changes(ApiRequest request) {
    VersionRecord r = record(request);
    return ApiResponse.ok(
        Views.ordered("version", r.version(), "added", r.added(), "removed", r.removed()));
  }

  ApiResponse inclusion(ApiRequest request) {
    ListState s = state.get();
    long latest = s.version();
    if (latest == 0) {
      throw ApiException.badRequest("the log is empty: there is nothing to prove");
    }
    long version = request.requiredLong("version", 1, latest);
    long treeSize = request.longParam("treeSize", latest, version, latest);
    return ApiResponse.ok(
        Views.ordered(
            "version", version,
            "treeSize", treeSize,
            "hashes", base64(s.inclusionProof(version, treeSize))));
  }

  ApiResponse consistency(ApiRequest request) {
    ListState s = state.get();
    long latest = s.version();
    if (latest == 0) {
      throw ApiException.badRequest("the log is empty: there is nothing to prove");
    }
    long to = request.longParam("to", latest, 1, latest);
    long from = request.requiredLong("from", 1, to);
    return ApiResponse.ok(
        Views.ordered("from", from, "to", to, "hashes", base64(s.consistencyProof(from, to))));
  }

  private VersionRecord record(ApiRequest request) {
    long n = request.pathNumber("n");
    ListState s = state.get();
    if (n > s.version()) {
      throw ApiException.notFound("no version " + n + " (latest: " + s.version() + ")");
    }
    return s.record(n);
  }

  private static List<String> base64(List<Hash> hashes) {
    return hashes.stream().map(Hash::base64).toList();
  }
}
