package org.blocklist.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.Timeout;
import io.netty.util.Timer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.blocklist.isp.IspStatus;
import org.blocklist.log.Hash;
import org.blocklist.principal.Role;
import org.blocklist.state.Delta;
import org.blocklist.state.ListState;

/**
 * {@code GET /v1/delta}: the net changes from the ISP's version to the latest, with everything the
 * ISP needs to check them (manifest, signed checkpoint, inclusion and consistency proofs). Encoded
 * responses are cached per {@code (from, to)}, so the common poll from the previous version is a
 * cache hit. With {@code wait} and an up-to-date ISP the request is parked (no thread held) until
 * the next version wakes every parked request, each on its own connection's event loop, or until
 * its timeout on the injected {@link Timer} fires.
 */
final class DeltaRoutes implements AutoCloseable {
  /** Longest {@code wait} accepted, in seconds (DESIGN.md). */
  static final int MAX_WAIT_SECONDS = 60;

  /** Bytes of encoded deltas kept; a full list of a million names is about 25 MB. */
  static final long CACHE_BYTES = 256L << 20;

  private record Key(long from, long to) {}

  /** A parked request. */
  private final class Waiter {
    final long from;
    final String isp;
    final Executor loop;
    final CompletableFuture<ApiResponse> response = new CompletableFuture<>();
    Timeout timeout;

    Waiter(long from, String isp, Executor loop) {
      this.from = from;
      this.isp = isp;
      this.loop = loop;
    }

    void answer(ListState state) {
      if (response.isDone()) {
        return;
      }
      waiters.remove(this);
      if (timeout != null) {
        timeout.cancel();
      }
      try {
        respond(state, from, isp)
            .whenComplete(
                (r, e) -> {
                  if (e != null) {
                    response.completeExceptionally(e);
                  } else {
                    response.complete(r);
                  }
                });
      } catch (RuntimeException e) {
        response.completeExceptionally(e);
      }
    }
  }

  private final Supplier<ListState> state;
  private final IspStatus ispStatus;
  private final Executor computeExecutor;
  private final Timer timer;
  private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();
  private final Cache<Key, byte[]> encoded =
      Caffeine.newBuilder()
          .maximumWeight(CACHE_BYTES)
          .weigher((Key k, byte[] v) -> v.length)
          .recordStats()
          .build();

  private final Counter fullDeltas;
  private final Counter deltas;
  private final Counter parked;
  private final Counter snapshots;

  DeltaRoutes(
      Supplier<ListState> state,
      IspStatus ispStatus,
      Timer timer,
      Executor computeExecutor,
      MeterRegistry registry) {
    this.state = requireNonNull(state, "state");
    this.ispStatus = requireNonNull(ispStatus, "ispStatus");
    this.timer = requireNonNull(timer, "timer");
    this.computeExecutor = requireNonNull(computeExecutor, "computeExecutor");
    this.fullDeltas = deltas(registry, "full");
    this.deltas = deltas(registry, "incremental");
    this.parked = deltas(registry, "waited");
    this.snapshots =
        Counter.builder("blocklist.snapshots").description("Snapshot requests").register(registry);
    Gauge.builder("blocklist.delta.waiting", waiters, Set::size)
        .description("Delta requests parked until the next version")
        .register(registry);
  }

  private static Counter deltas(MeterRegistry registry, String kind) {
    return Counter.builder("blocklist.deltas")
        .description("Delta requests: full (from 0), incremental, or parked with wait")
        .tag("kind", kind)
        .register(registry);
  }

  /** {@code GET /v1/snapshot}: the latest snapshot text, streamed. */
  ApiResponse snapshot(ApiRequest request) {
    snapshots.increment();
    ListState s = state.get();
    long version = s.version();
    ApiResponse r =
        ApiResponse.streamed(
                ApiResponse.TEXT,
                new SnapshotInput(s.entries(), s.snapshotLength()),
                s.snapshotLength())
            .withHeader("Blocklist-Version", Long.toString(version));
    if (request.principal().role() == Role.ISP) {
      String isp = request.principal().name();
      r = r.onWritten(() -> ispStatus.record(isp, version, "http"));
    }
    return r;
  }

  Cache<?, ?> cache() {
    return encoded;
  }

  CompletableFuture<ApiResponse> delta(ApiRequest request) {
    long from = request.requiredLong("from", 0, Long.MAX_VALUE);
    int wait = (int) request.longParam("wait", 0, 0, MAX_WAIT_SECONDS);
    String isp = request.principal().name();
    ListState now = state.get();
    if (from > now.version()) {
      throw new ApiException(
          HttpResponseStatus.CONFLICT,
          "ahead_of_server",
          "from: " + from + " is ahead of the latest version " + now.version());
    }
    if (from < now.version() || wait == 0) {
      (from == 0 ? fullDeltas : deltas).increment();
      return respond(now, from, isp);
    }
    parked.increment();
    Waiter waiter = new Waiter(from, isp, request.loop());
    waiters.add(waiter);
    waiter.timeout = timer.newTimeout(t -> waiter.answer(state.get()), wait, TimeUnit.SECONDS);
    ListState again = state.get();
    if (again.version() > from) {
      waiter.answer(again);
    }
    return waiter.response;
  }

  /**
   * Wakes every parked request with the new state, each on its connection's event loop; called by
   * the writer, returns at once.
   */
  void published(ListState newState) {
    for (Waiter w : waiters) {
      w.loop.execute(() -> w.answer(newState));
    }
  }

  /**
   * The encoded delta from the cache, or else built and encoded on {@code computeExecutor}, never
   * on the event loop: the first request for a far-behind or full delta of a million names costs
   * hundreds of milliseconds to seconds of CPU (see {@code DeltaBenchmark}).
   */
  private CompletableFuture<ApiResponse> respond(ListState s, long from, String isp) {
    Key key = new Key(from, s.version());
    byte[] cached = encoded.getIfPresent(key);
    if (cached != null) {
      return CompletableFuture.completedFuture(response(cached, isp, s.version()));
    }
    return CompletableFuture.supplyAsync(
            () -> encoded.get(key, k -> encode(s, k.from())), computeExecutor)
        .thenApply(body -> response(body, isp, s.version()));
  }

  private ApiResponse response(byte[] body, String isp, long to) {
    return new ApiResponse(HttpResponseStatus.OK, ApiResponse.JSON, body, Map.of())
        .onWritten(() -> ispStatus.record(isp, to, "http"));
  }

  private static byte[] encode(ListState s, long from) {
    Delta d = s.deltaFrom(from);
    long to = d.to();
    int estimate = 1024 + 24 * (d.added().size() + d.removed().size());
    try (ByteArrayBuilder out = new ByteArrayBuilder(estimate);
        JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("from", d.from());
      g.writeNumberField("to", to);
      writeNames(g, "added", d.added());
      writeNames(g, "removed", d.removed());
      g.writeStringField("manifest", to == 0 ? "" : s.record(to).manifest().text());
      g.writeStringField("checkpoint", s.checkpoint());
      writeHashes(g, "inclusion", to == 0 ? List.of() : s.inclusionProof(to, to));
      writeHashes(
          g, "consistency", from == 0 || from == to ? List.of() : s.consistencyProof(from, to));
      g.writeEndObject();
      g.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("encoding a delta in memory", e);
    }
  }

  private static void writeNames(JsonGenerator g, String field, List<String> names)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (String name : names) {
      g.writeString(name);
    }
    g.writeEndArray();
  }

  private static void writeHashes(JsonGenerator g, String field, List<Hash> hashes)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (Hash h : hashes) {
      g.writeString(h.base64());
    }
    g.writeEndArray();
  }

  /** Answers every parked request with the latest state (the timer is stopped by its owner). */
  @Override
  public void close() {
    for (Waiter w : List.copyOf(waiters)) {
      w.answer(state.get());
    }
  }
}
