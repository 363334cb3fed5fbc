package org.blocklist.stoppage;

import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;
import org.blocklist.accountability.MonthFigures;

/**
 * The public page {@code /transparency}: the monthly figures as server-rendered SVG bar charts (no
 * script, no asset from elsewhere, readable without JavaScript), the same numbers in a table, and
 * how to check them. No name ever appears: the figures are counts.
 */
final class TransparencyPage {
  private static final int BAR = 14;
  private static final int GAP = 6;
  private static final int HEIGHT = 120;
  private static final String[] COLOURS = {"#0b4f9c", "#8a1010", "#2f6b2f"};

  private TransparencyPage() {}

  static String render(List<MonthFigures> months) {
    StringBuilder b = new StringBuilder(8192);
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>Blocklist: public figures</title>\n<style>")
        .append(Pages.STYLE)
        .append("</style>\n</head>\n<body>\n<main class=\"wide\">\n")
        .append(
            "<h1>Public figures</h1>\n<p>What the national blocklist did, month by month (UTC).")
        .append(" No blocked name appears here: only counts.</p>\n");
    if (months.isEmpty()) {
      b.append("<p>Nothing has been published yet.</p>\n");
    } else {
      chart(
          b,
          "Versions published: blocks and unblocks",
          months,
          List.of("blocks", "unblocks"),
          MonthFigures::blocks,
          MonthFigures::unblocks);
      chart(
          b,
          "Names added and removed",
          months,
          List.of("added", "removed"),
          MonthFigures::added,
          MonthFigures::removed);
      chart(
          b, "Entries at the end of the month", months, List.of("entries"), MonthFigures::entries);
      chart(
          b,
          "Names removed because their review date passed",
          months,
          List.of("expiries"),
          MonthFigures::expiries);
      chart(
          b,
          "Hotline reports and appeals",
          months,
          List.of("reports", "appeals received", "appeals answered"),
          MonthFigures::reports,
          MonthFigures::appealsReceived,
          MonthFigures::appealsAnswered);
      table(b, months);
    }
    b.append("<h2>How to check these figures</h2>\n")
        .append("<p>Versions, blocks, unblocks, names added and removed, and entries are fixed by")
        .append(" the signed manifests: every version's manifest (<code>GET /v1/versions</code>)")
        .append(" gives its time, action, added, removed and entries, and the signed checkpoint")
        .append(" (<code>GET /v1/checkpoint</code>) fixes every manifest. An auditor runs")
        .append(
            " <code>java -jar blocklist.jar verify --server URL --token TOKEN --trust KEY</code>,")
        .append(
            " which recomputes each of them from the manifests it verified and compares them with")
        .append(
            " <code>GET /v1/transparency</code>, and also recounts reports, appeals and expiries")
        .append(" from the audit events that the manifests anchor.</p>\n")
        .append("</main>\n</body>\n</html>\n");
    return b.toString();
  }

  @SafeVarargs
  private static void chart(
      StringBuilder b,
      String title,
      List<MonthFigures> months,
      List<String> series,
      ToLongFunction<MonthFigures>... values) {
    long max = 1;
    for (MonthFigures m : months) {
      for (ToLongFunction<MonthFigures> v : values) {
        max = Math.max(max, v.applyAsLong(m));
      }
    }
    int group = values.length * BAR + GAP * 2;
    int width = Math.max(200, months.size() * group + 40);
    int height = HEIGHT + 50;
    b.append("<h2>")
        .append(title)
        .append("</h2>\n")
        .append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\"><title>")
        .append(title)
        .append("</title>\n");
    b.append("<text x=\"0\" y=\"12\" font-size=\"11\" fill=\"#1b1b1b\">max ")
        .append(max)
        .append("</text>\n");
    for (int i = 0; i < months.size(); i++) {
      MonthFigures m = months.get(i);
      int x0 = 30 + i * group;
      for (int s = 0; s < values.length; s++) {
        long v = values[s].applyAsLong(m);
        int h = (int) Math.round((double) v * HEIGHT / max);
        b.append("<rect x=\"")
            .append(x0 + s * BAR)
            .append("\" y=\"")
            .append(20 + HEIGHT - h)
            .append("\" width=\"")
            .append(BAR - 2)
            .append("\" height=\"")
            .append(h)
            .append("\" fill=\"")
            .append(COLOURS[s % COLOURS.length])
            .append("\"><title>")
            .append(m.month())
            .append(' ')
            .append(series.get(s))
            .append(": ")
            .append(v)
            .append("</title></rect>\n");
      }
      b.append("<text x=\"")
          .append(x0)
          .append("\" y=\"")
          .append(HEIGHT + 36)
          .append("\" font-size=\"10\" fill=\"#1b1b1b\">")
          .append(m.month())
          .append("</text>\n");
    }
    int lx = 30;
    for (int s = 0; s < series.size(); s++) {
      b.append("<rect x=\"")
          .append(lx)
          .append("\" y=\"")
          .append(HEIGHT + 40)
          .append("\" width=\"8\" height=\"8\" fill=\"")
          .append(COLOURS[s % COLOURS.length])
          .append("\"/><text x=\"")
          .append(lx + 11)
          .append("\" y=\"")
          .append(HEIGHT + 48)
          .append("\" font-size=\"10\" fill=\"#1b1b1b\">")
          .append(series.get(s))
          .append("</text>\n");
      lx += 14 + 7 * series.get(s).length();
    }
    b.append("</svg>\n");
  }

  private static void table(StringBuilder b, List<MonthFigures> months) {
    b.append("<h2>The figures</h2>\n<table>\n<tr><th>month</th><th>versions</th><th>blocks</th>")
        .append("<th>unblocks</th><th>added</th><th>removed</th><th>entries</th><th>reports</th>")
        .append("<th>appeals received</th><th>appeals answered</th><th>expiries</th></tr>\n");
    for (MonthFigures m : months) {
      b.append(
          String.format(
              Locale.ROOT,
              "<tr><td>%s</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td>"
                  + "<td>%d</td><td>%d</td><td>%d</td><td>%d</td></tr>\n",
              m.month(),
              m.versions(),
              m.blocks(),
              m.unblocks(),
              m.added(),
              m.removed(),
              m.entries(),
              m.reports(),
              m.appealsReceived(),
              m.appealsAnswered(),
              m.expiries()));
    }
    b.append("</table>\n");
  }
}
