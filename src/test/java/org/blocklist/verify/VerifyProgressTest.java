package org.blocklist.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.blocklist.feed.FeedHttp;
import org.blocklist.testing.Blocklist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Progress on stderr: at most a line per second of the injected clock, none on a quick run. */
class VerifyProgressTest {
  @Test
  void aClockThatMovesASecondPerRead_getsALinePerStep(@TempDir Path dir) throws Exception {
    try (Audited audited = Audited.start(dir.resolve("data"))) {
      String progress = run(audited, new SteppingClock(Duration.ofSeconds(1)));
      assertTrue(progress.contains("verify: 4 of 4 manifests read\n"), progress);
      assertTrue(progress.contains("verify: 4 of 4 versions replayed (5 entries), "), progress);
      assertTrue(progress.contains(" versions/s\n"), progress);
      assertTrue(progress.contains(" audit events checked\n"), progress);
    }
  }

  @Test
  void aStoppedClock_getsNoLine(@TempDir Path dir) throws Exception {
    try (Audited audited = Audited.start(dir.resolve("data"))) {
      assertEquals("", run(audited, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)));
    }
  }

  @Test
  void anEmptyHistory_verifies_andTheReportSaysSo(@TempDir Path dir) throws Exception {
    try (Blocklist bl = Blocklist.start(dir.resolve("data"))) {
      Report report =
          new Verifier(
                  Audited.trustOf(bl),
                  VerifyLimits.DEFAULT,
                  Clock.systemUTC(),
                  Audited.quiet(),
                  Runnable::run,
                  Runnable::run)
              .verifyServer(new FeedHttp(bl.server.uri("/"), bl.auditor), Optional.empty());
      assertEquals(0, report.versions());
      assertTrue(report.text().contains("\nversions: 0\nentries: 0\n"), report.text());
      assertTrue(report.text().contains("\nfirst published: none\n"), report.text());
    }
  }

  private static String run(Audited audited, Clock clock) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    new Verifier(audited.trust, VerifyLimits.DEFAULT, clock, err, Runnable::run, Runnable::run)
        .verifyServer(new FeedHttp(audited.server(), audited.bl.auditor), Optional.empty());
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** A clock that moves {@code step} forward every time it is read. */
  private static final class SteppingClock extends Clock {
    private final AtomicLong millis = new AtomicLong();
    private final long step;

    SteppingClock(Duration step) {
      this.step = step.toMillis();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }

    @Override
    public long millis() {
      return millis.addAndGet(step);
    }
  }
}
