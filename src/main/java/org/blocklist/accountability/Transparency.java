package org.blocklist.accountability;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.blocklist.log.Manifest;

/**
 * The monthly public figures, computed from the manifests (in memory), the months' stored counts
 * and the ids of the expiry requisitions. Months run from the first with anything to count to the
 * last; a month with no version carries the entries over.
 */
public final class Transparency {
  private static final DateTimeFormatter MONTH =
      DateTimeFormatter.ofPattern("yyyy-MM", java.util.Locale.ROOT).withZone(ZoneOffset.UTC);

  private Transparency() {}

  /** The month of {@code time}, {@code YYYY-MM} in UTC. */
  public static String month(Instant time) {
    return MONTH.format(time);
  }

  /**
   * @param manifests every version's manifest, in version order
   * @param counts the stored counts by month
   * @param expiryRequisitions the ids of approved requisitions with legal basis review-expired
   */
  public static List<MonthFigures> compute(
      List<Manifest> manifests, Map<String, MonthCounts> counts, Set<Long> expiryRequisitions) {
    TreeMap<String, long[]> byMonth = new TreeMap<>();
    for (Manifest m : manifests) {
      long[] f = byMonth.computeIfAbsent(month(m.published()), k -> new long[7]);
      f[0]++;
      f[Manifest.BLOCK.equals(m.action()) ? 1 : 2]++;
      f[3] += m.added();
      f[4] += m.removed();
      f[5] = m.entries();
      if (expiryRequisitions.contains(m.requisition())) {
        f[6] += m.removed();
      }
    }
    TreeMap<String, MonthCounts> stored = new TreeMap<>(counts);
    for (String month : stored.keySet()) {
      byMonth.computeIfAbsent(month, k -> null);
    }
    List<MonthFigures> out = new ArrayList<>();
    if (byMonth.isEmpty()) {
      return out;
    }
    long entries = 0;
    for (String month : months(byMonth.firstKey(), byMonth.lastKey())) {
      long[] f = byMonth.get(month);
      MonthCounts c = stored.getOrDefault(month, MonthCounts.NONE);
      if (f != null && f[0] > 0) {
        entries = f[5];
      }
      out.add(
          new MonthFigures(
              month,
              f == null ? 0 : f[0],
              f == null ? 0 : f[1],
              f == null ? 0 : f[2],
              f == null ? 0 : f[3],
              f == null ? 0 : f[4],
              entries,
              c.reports(),
              c.appealsReceived(),
              c.appealsAnswered(),
              f == null ? 0 : f[6]));
    }
    return out;
  }

  /** Every month from {@code first} to {@code last}, both included. */
  static List<String> months(String first, String last) {
    List<String> out = new ArrayList<>();
    int y = Integer.parseInt(first.substring(0, 4));
    int m = Integer.parseInt(first.substring(5, 7));
    while (true) {
      String month = String.format(java.util.Locale.ROOT, "%04d-%02d", y, m);
      out.add(month);
      if (month.compareTo(last) >= 0) {
        return out;
      }
      if (++m == 13) {
        m = 1;
        y++;
      }
    }
  }
}
