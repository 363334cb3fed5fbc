package org.blocklist.isp;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which version each ISP last received, when, and how ({@code http} or {@code dns}). Recording is a
 * map update on the caller's thread (the event loop); the service takes the changed records every
 * {@link #FLUSH_INTERVAL_MILLIS} and stores them in one batch on the writer thread, so the read
 * path never waits for a disk.
 */
public final class IspStatus {
  public static final long FLUSH_INTERVAL_MILLIS = 1000;

  private final Clock clock;
  private final Map<String, Delivery> latest = new ConcurrentHashMap<>();
  private final Map<String, Delivery> dirty = new ConcurrentHashMap<>();

  public IspStatus(Clock clock, Map<String, Delivery> stored) {
    this.clock = requireNonNull(clock, "clock");
    latest.putAll(stored);
  }

  /** Records that {@code isp} was served {@code version}; never lowers the version seen. */
  public void record(String isp, long version, String via) {
    Delivery row = new Delivery(version, clock.instant(), via);
    Delivery merged = latest.merge(isp, row, IspStatus::newer);
    dirty.put(isp, merged);
  }

  private static Delivery newer(Delivery old, Delivery now) {
    return now.lastVersion() >= old.lastVersion()
        ? now
        : new Delivery(old.lastVersion(), now.lastSeen(), now.via());
  }

  /** The last delivery to {@code isp}, or null if it was never served. */
  public Delivery get(String isp) {
    return latest.get(isp);
  }

  /** Every ISP's last delivery, by name. */
  public Map<String, Delivery> all() {
    return Map.copyOf(latest);
  }

  /** Takes the records changed since the last call, for the caller to store. */
  public Map<String, Delivery> takeDirty() {
    Map<String, Delivery> batch = new HashMap<>();
    for (String isp : dirty.keySet()) {
      Delivery row = dirty.remove(isp);
      if (row != null) {
        batch.put(isp, row);
      }
    }
    return batch;
  }

  /** Puts back a batch that could not be stored, unless newer records replaced it meanwhile. */
  public void restoreDirty(Map<String, Delivery> batch) {
    batch.forEach(dirty::putIfAbsent);
  }
}
