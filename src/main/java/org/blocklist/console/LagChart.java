package org.blocklist.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The points of an inline SVG line chart of an ISP's lag: x from the first reading to now over
 * {@link #WIDTH}, y from 0 (bottom) to the largest lag seen (top) over {@link #HEIGHT}. Numbers
 * only: the template writes them into {@code <polyline points>}, with a text alternative.
 *
 * @param points the {@code points} attribute, "x,y x,y ..."
 * @param max the largest lag drawn (the top of the chart)
 */
public record LagChart(String points, long max, int samples) {
  public static final int WIDTH = 240;
  public static final int HEIGHT = 48;

  static LagChart of(List<LagHistory.Sample> history, Instant now, long behindNow) {
    List<LagHistory.Sample> all = new ArrayList<>(history);
    all.add(new LagHistory.Sample(now, behindNow));
    long start = all.get(0).at().getEpochSecond();
    long span = Math.max(1, now.getEpochSecond() - start);
    long max = 1;
    for (LagHistory.Sample s : all) {
      max = Math.max(max, s.behind());
    }
    StringBuilder b = new StringBuilder();
    for (LagHistory.Sample s : all) {
      double x = (s.at().getEpochSecond() - start) * (double) WIDTH / span;
      double y = HEIGHT - Math.max(0, s.behind()) * (double) HEIGHT / max;
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
    }
    if (all.size() == 1) {
      b.insert(
          0, String.format(Locale.ROOT, "0.0,%.1f ", HEIGHT - behindNow * (double) HEIGHT / max));
    }
    return new LagChart(b.toString(), max, all.size());
  }
}
