package org.blocklist.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.blocklist.domain.DomainCanonicalizer;
import org.blocklist.domain.DomainException;
import org.blocklist.state.ListState;

/**
 * {@code GET /v1/lookup} and the batch {@code POST /v1/lookup}, answered from memory: the input is
 * canonicalised through a cache (the same input always gives the same name), matched against the
 * immutable matcher of the latest version, and the encoded answer is cached per name and version,
 * so a repeated question costs two cache reads. Lookups never touch the store.
 */
final class LookupRoutes {
  /** Raw inputs whose canonical form (or refusal) is kept. */
  static final int CANONICAL_CACHE_SIZE = 100_000;

  /** Encoded answers kept; the version is part of the key, so a new version starts afresh. */
  static final int ANSWER_CACHE_SIZE = 100_000;

  /** An answer for one name at one version. */
  private record AnswerKey(String name, long version) {}

  /** An encoded answer and whether it says blocked (for the metrics). */
  private record Answer(byte[] json, boolean blocked) {}

  /** One input's canonical form, or why it has none. */
  private record Canonical(String name, String reason, String message) {}

  /** Body of the batch lookup. */
  record BatchBody(List<String> domains) {}

  /** One batch result for a name: the fields of a single lookup, and the input it answers. */
  record Found(
      String input,
      String domain,
      boolean blocked,
      @JsonInclude(JsonInclude.Include.ALWAYS) String matchedEntry,
      long version) {}

  /** One batch result for an input that is not a name. */
  record Refused(String input, String error, String message) {}

  private final Supplier<ListState> state;
  private final DomainCanonicalizer canonicalizer;
  private final int maxBatch;
  private final Cache<String, Canonical> canonical;
  private final Cache<AnswerKey, Answer> answers;
  private final Counter blocked;
  private final Counter clear;
  private final Counter invalid;

  LookupRoutes(
      Supplier<ListState> state,
      DomainCanonicalizer canonicalizer,
      int maxBatch,
      MeterRegistry registry) {
    this.state = requireNonNull(state, "state");
    this.canonicalizer = requireNonNull(canonicalizer, "canonicalizer");
    this.maxBatch = maxBatch;
    this.canonical = Caffeine.newBuilder().maximumSize(CANONICAL_CACHE_SIZE).recordStats().build();
    this.answers = Caffeine.newBuilder().maximumSize(ANSWER_CACHE_SIZE).recordStats().build();
    this.blocked = lookups(registry, "blocked");
    this.clear = lookups(registry, "clear");
    this.invalid = lookups(registry, "invalid");
  }

  private static Counter lookups(MeterRegistry registry, String result) {
    return Counter.builder("blocklist.lookups")
        .description("Names looked up, by result")
        .tag("result", result)
        .register(registry);
  }

  Cache<?, ?> canonicalCache() {
    return canonical;
  }

  Cache<?, ?> answerCache() {
    return answers;
  }

  ApiResponse single(ApiRequest request) {
    String input = request.param("domain");
    if (input == null) {
      throw ApiException.badRequest("domain: missing");
    }
    Canonical c = canonicalize(input);
    if (c.name() == null) {
      invalid.increment();
      throw new ApiException(HttpResponseStatus.BAD_REQUEST, c.reason(), c.message());
    }
    ListState s = state.get();
    Answer answer = answers.get(new AnswerKey(c.name(), s.version()), k -> encode(s, k.name()));
    (answer.blocked() ? blocked : clear).increment();
    return new ApiResponse(HttpResponseStatus.OK, ApiResponse.JSON, answer.json(), Map.of());
  }

  ApiResponse batch(ApiRequest request) {
    BatchBody body = Json.read(request.body(), BatchBody.class);
    if (body.domains() == null) {
      throw ApiException.badRequest("domains: missing (expected: a list of names)");
    }
    if (body.domains().size() > maxBatch) {
      throw ApiException.badRequest(
          "domains: " + body.domains().size() + " (expected: at most " + maxBatch + ")");
    }
    ListState s = state.get();
    List<Object> results = new ArrayList<>(body.domains().size());
    for (String input : body.domains()) {
      Canonical c = input == null ? new Canonical(null, "empty", "null item") : canonicalize(input);
      if (c.name() == null) {
        invalid.increment();
        results.add(new Refused(input, c.reason(), c.message()));
      } else {
        String match = s.match(c.name());
        (match == null ? clear : blocked).increment();
        results.add(new Found(input, c.name(), match != null, match, s.version()));
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("version", s.version());
    out.put("results", results);
    return ApiResponse.ok(out);
  }

  /**
   * Plain ASCII names (what resolvers ask) are canonical at the cost of one scan; only the rest,
   * which needs ICU, goes through the cache.
   */
  private Canonical canonicalize(String input) {
    String plain = DomainCanonicalizer.plainAsciiName(input);
    if (plain != null) {
      return new Canonical(plain, null, null);
    }
    return canonical.get(
        input,
        raw -> {
          try {
            return new Canonical(canonicalizer.canonicalize(raw).name().value(), null, null);
          } catch (DomainException e) {
            return new Canonical(null, e.reason().code(), e.getMessage());
          }
        });
  }

  /** {@code {"domain":..,"blocked":..,"matchedEntry":..,"version":..}}; names are plain ASCII. */
  private static Answer encode(ListState s, String name) {
    String match = s.match(name);
    String json =
        "{\"domain\":\""
            + name
            + "\",\"blocked\":"
            + (match != null)
            + ",\"matchedEntry\":"
            + (match == null ? "null" : "\"" + match + "\"")
            + ",\"version\":"
            + s.version()
            + "}";
    return new Answer(json.getBytes(StandardCharsets.US_ASCII), match != null);
  }
}
