package org.blocklist.rpz;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.xbill.DNS.Record;

/**
 * The records of a transfer, made one at a time as the stream asks for them, so that a zone of a
 * million entries is never held as records: an AXFR (RFC 5936 section 2.2: SOA, the zone, SOA) or a
 * condensed IXFR (RFC 1995 section 4: new SOA, old SOA, the records removed, new SOA, the records
 * added, new SOA).
 */
final class ZoneRecords implements Iterator<Record> {
  /** A run of the sequence: one record, or the two triggers of each of a list of entries. */
  private sealed interface Part {}

  private record One(Record record) implements Part {}

  private record Triggers(List<String> entries) implements Part {}

  private final RpzZone zone;
  private final Deque<Part> parts;
  private final Deque<Record> ready = new ArrayDeque<>(2);
  private List<String> entries = List.of();
  private int index;

  private ZoneRecords(RpzZone zone, List<Part> parts) {
    this.zone = zone;
    this.parts = new ArrayDeque<>(parts);
  }

  /** The whole zone at {@code version}. */
  static ZoneRecords axfr(RpzZone zone, ZoneVersion version) {
    Record soa = zone.soa(version.version());
    return new ZoneRecords(
        zone,
        List.of(new One(soa), new One(zone.ns()), new Triggers(version.entries()), new One(soa)));
  }

  /** One condensed difference sequence from {@code changes.from()} to {@code changes.to()}. */
  static ZoneRecords ixfr(RpzZone zone, ZoneChanges changes) {
    Record now = zone.soa(changes.to());
    return new ZoneRecords(
        zone,
        List.of(
            new One(now),
            new One(zone.soa(changes.from())),
            new Triggers(changes.removed()),
            new One(now),
            new Triggers(changes.added()),
            new One(now)));
  }

  @Override
  public boolean hasNext() {
    while (ready.isEmpty()) {
      if (index < entries.size()) {
        ready.addAll(zone.policy(entries.get(index++)));
        continue;
      }
      Part part = parts.poll();
      if (part == null) {
        return false;
      }
      if (part instanceof One one) {
        ready.add(one.record());
      } else if (part instanceof Triggers t) {
        entries = t.entries();
        index = 0;
      }
    }
    return true;
  }

  @Override
  public Record next() {
    if (!hasNext()) {
      throw new NoSuchElementException("the transfer has no more records");
    }
    return ready.poll();
  }
}
