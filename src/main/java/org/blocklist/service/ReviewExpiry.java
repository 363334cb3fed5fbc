package org.blocklist.service;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.blocklist.ledger.Desk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the writer every {@code review.checkSeconds} to remove the entries past their review date
 * ({@link Desk#expireDue}). The work itself runs on the writer thread, queued like any other write,
 * never on a request's path; while a run says more are due, the next batch is queued as soon as it
 * returns, so approvals waiting meanwhile take their turn between batches. One run at a time, and
 * only on the replica that writes ({@code writes}): the others leave expiry to the writer.
 */
final class ReviewExpiry {
  private static final Logger log = LoggerFactory.getLogger(ReviewExpiry.class);

  private ReviewExpiry() {}

  static AutoCloseable schedule(Desk desk, int checkSeconds, BooleanSupplier writes) {
    ScheduledThreadPoolExecutor scheduler =
        new ScheduledThreadPoolExecutor(1, new DefaultThreadFactory("blocklist-review", true));
    AtomicBoolean running = new AtomicBoolean();
    Runnable check =
        () -> {
          if (writes.getAsBoolean() && running.compareAndSet(false, true)) {
            run(desk, running);
          }
        };
    scheduler.scheduleWithFixedDelay(check, checkSeconds, checkSeconds, TimeUnit.SECONDS);
    return () -> {
      scheduler.shutdownNow();
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    };
  }

  private static void run(Desk desk, AtomicBoolean running) {
    desk.expireDue()
        .whenComplete(
            (r, e) -> {
              if (e != null) {
                running.set(false);
                log.warn("review expiry failed; will retry at the next check: {}", e.toString());
                return;
              }
              if (r.removed() > 0) {
                log.info(
                    "review expiry: version {} removed {} entries past their review date",
                    r.version(),
                    r.removed());
              }
              if (r.more()) {
                run(desk, running);
              } else {
                running.set(false);
              }
            });
  }
}
