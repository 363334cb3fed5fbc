package org.blocklist.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.util.Timeout;
import io.netty.util.Timer;
import io.netty.util.TimerTask;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.blocklist.isp.IspStatus;
import org.blocklist.principal.Principal;
import org.blocklist.principal.Role;
import org.blocklist.state.ListState;
import org.blocklist.testing.TestStates;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/delta} with {@code wait} (DESIGN.md): a request from the latest version is parked
 * until the next version or its timeout, on a {@link Timer} the test fires by hand, and work that
 * is queued for an event loop runs when the test drains it: nothing waits on the wall clock.
 */
class DeltaRoutesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A timer whose timeouts fire only when the test says so. */
  private static final class ManualTimer implements Timer {
    final List<ManualTimeout> pending = new ArrayList<>();

    @Override
    public Timeout newTimeout(TimerTask task, long delay, TimeUnit unit) {
      ManualTimeout t = new ManualTimeout(this, task, unit.toSeconds(delay));
      pending.add(t);
      return t;
    }

    @Override
    public Set<Timeout> stop() {
      return Set.copyOf(pending);
    }

    void fireAll() throws Exception {
      for (ManualTimeout t : List.copyOf(pending)) {
        pending.remove(t);
        if (!t.cancelled) {
          t.task.run(t);
        }
      }
    }
  }

  private static final class ManualTimeout implements Timeout {
    final ManualTimer timer;
    final TimerTask task;
    final long seconds;
    boolean cancelled;

    ManualTimeout(ManualTimer timer, TimerTask task, long seconds) {
      this.timer = timer;
      this.task = task;
      this.seconds = seconds;
    }

    @Override
    public Timer timer() {
      return timer;
    }

    @Override
    public TimerTask task() {
      return task;
    }

    @Override
    public boolean isExpired() {
      return !timer.pending.contains(this) && !cancelled;
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }

    @Override
    public boolean cancel() {
      cancelled = true;
      return timer.pending.remove(this);
    }
  }

  private final ManualTimer timer = new ManualTimer();
  private final ArrayDeque<Runnable> loop = new ArrayDeque<>();
  private final AtomicReference<ListState> state =
      new AtomicReference<>(TestStates.block(TestStates.empty(), "a.example"));
  private final IspStatus isps =
      new IspStatus(Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC), Map.of());
  private final DeltaRoutes deltas =
      new DeltaRoutes(state::get, isps, timer, Runnable::run, new SimpleMeterRegistry());

  private ApiRequest delta(String from, String wait) {
    return new ApiRequest(
        Route.DELTA,
        "",
        wait == null
            ? Map.of("from", List.of(from))
            : Map.of("from", List.of(from), "wait", List.of(wait)),
        new byte[0],
        new Principal("isp-a", Role.ISP),
        loop::add);
  }

  private static JsonNode body(CompletableFuture<ApiResponse> f) throws Exception {
    return JSON.readTree(f.getNow(null).encodedBody());
  }

  private void runLoop() {
    for (Runnable r; (r = loop.poll()) != null; ) {
      r.run();
    }
  }

  @Test
  void aWaitFromTheLatestVersion_isParked_untilTheNextVersion_whichAnswersIt() throws Exception {
    CompletableFuture<ApiResponse> parked = deltas.delta(delta("1", "60"));
    assertFalse(parked.isDone(), "held: there is no newer version");
    assertEquals(60, timer.pending.get(0).seconds, "its timeout is the wait asked for");
    state.set(TestStates.block(state.get(), "b.example"));
    deltas.published(state.get());
    assertFalse(parked.isDone(), "answered on its connection's event loop, not the writer's");
    runLoop();
    JsonNode d = body(parked);
    assertEquals(1, d.get("from").asLong());
    assertEquals(2, d.get("to").asLong());
    assertEquals("b.example", d.get("added").get(0).asText());
    assertTrue(timer.pending.isEmpty(), "the timeout was cancelled");
  }

  @Test
  void aWaitThatRunsOut_isAnsweredToEqualsFrom_withEmptyLists() throws Exception {
    CompletableFuture<ApiResponse> parked = deltas.delta(delta("1", "5"));
    timer.fireAll();
    JsonNode d = body(parked);
    assertEquals(1, d.get("from").asLong());
    assertEquals(1, d.get("to").asLong());
    assertTrue(d.get("added").isEmpty());
    assertTrue(d.get("removed").isEmpty());
    deltas.published(TestStates.block(state.get(), "late.example"));
    runLoop();
    assertEquals(1, body(parked).get("to").asLong(), "answered once");
  }

  @Test
  void aRequestBehindTheLatestVersion_isAnsweredAtOnce_evenWithWait() throws Exception {
    state.set(TestStates.block(state.get(), "b.example"));
    CompletableFuture<ApiResponse> r = deltas.delta(delta("1", "60"));
    assertTrue(r.isDone());
    assertEquals(2, body(r).get("to").asLong());
    assertTrue(timer.pending.isEmpty(), "nothing parked");
  }

  @Test
  void noWait_fromTheLatestVersion_isAnsweredAtOnce() throws Exception {
    CompletableFuture<ApiResponse> r = deltas.delta(delta("1", null));
    assertTrue(r.isDone());
    assertEquals(1, body(r).get("to").asLong());
  }

  @Test
  void aWaitOverSixtySeconds_isRefused() {
    ApiException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ApiException.class, () -> deltas.delta(delta("1", "61")));
    assertEquals(400, e.status().code());
    assertEquals("wait: 61 (expected: 0..60)", e.getMessage());
  }

  @Test
  void closing_answersEveryParkedRequest() throws Exception {
    CompletableFuture<ApiResponse> parked = deltas.delta(delta("1", "60"));
    deltas.close();
    assertTrue(parked.isDone());
    assertEquals(1, body(parked).get("to").asLong());
  }
}
