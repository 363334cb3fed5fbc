package org.blocklist.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void next_doublesUpToTheMaximum_withEqualJitter_andResetStartsAgain() {
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), new Random(3));
    long[] ceilings = {1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000};
    for (long ceiling : ceilings) {
      long ms = b.next().toMillis();
      assertTrue(ms >= ceiling / 2 && ms <= ceiling, ms + " ms for a ceiling of " + ceiling);
    }
    for (int i = 0; i < 100; i++) {
      assertTrue(b.next().toMillis() <= 60_000);
    }
    b.reset();
    assertTrue(b.next().toMillis() <= 1000);
  }

  @Test
  void next_withTheSameSeed_isTheSame() {
    Backoff a = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), new Random(9));
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), new Random(9));
    for (int i = 0; i < 10; i++) {
      assertEquals(a.next(), b.next());
    }
  }
}
