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

  /** The page in {@code language}, with links to the same page in the other languages. */
  static String render(List<MonthFigures> months, Language language) {
    TransparencyTexts t = TransparencyTexts.of(language);
    List<String> s = t.series;
    StringBuilder b = new StringBuilder(8192);
    b.append("<!DOCTYPE html>\n<html lang=\"")
        .append(language.tag())
        .append("\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(t.title)
        .append("</title>\n<style>")
        .append(Pages.STYLE)
        .append("</style>\n</head>\n<body>\n<main class=\"wide\">\n<nav>");
    for (Language other : Language.values()) {
      b.append(" <a href=\"")
          .append(StopPageHandler.TRANSPARENCY_PATH)
          .append("?lang=")
          .append(other.tag())
          .append("\" lang=\"")
          .append(other.tag())
          .append('"')
          .append(other == language ? " aria-current=\"page\"" : "")
          .append('>')
          .append(nativeName(other))
          .append("</a>");
    }
    b.append("</nav>\n<h1>")
        .append(t.heading)
        .append("</h1>\n<p>")
        .append(t.intro)
        .append("</p>\n");
    if (months.isEmpty()) {
      b.append("<p>").append(t.empty).append("</p>\n");
    } else {
      chart(
          b,
          t.charts.get(0),
          months,
          List.of(s.get(0), s.get(1)),
          MonthFigures::blocks,
          MonthFigures::unblocks);
      chart(
          b,
          t.charts.get(1),
          months,
          List.of(s.get(2), s.get(3)),
          MonthFigures::added,
          MonthFigures::removed);
      chart(b, t.charts.get(2), months, List.of(s.get(4)), MonthFigures::entries);
      chart(b, t.charts.get(3), months, List.of(s.get(5)), MonthFigures::expiries);
      chart(
          b,
          t.charts.get(4),
          months,
          List.of(s.get(6), s.get(7), s.get(8)),
          MonthFigures::reports,
          MonthFigures::appealsReceived,
          MonthFigures::appealsAnswered);
      table(b, months, t);
    }
    b.append("<h2>")
        .append(t.checkHeading)
        .append("</h2>\n<p>")
        .append(t.check)
        .append("</p>\n</main>\n</body>\n</html>\n");
    return b.toString();
  }

  private static String nativeName(Language l) {
    return switch (l) {
      case NL -> "Nederlands";
      case FR -> "Français";
      case DE -> "Deutsch";
      case EN -> "English";
    };
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

  private static void table(StringBuilder b, List<MonthFigures> months, TransparencyTexts t) {
    b.append("<h2>").append(t.tableHeading).append("</h2>\n<table>\n<tr><th>").append(t.month);
    b.append("</th><th>").append(t.versions);
    // the columns of the row below: blocks, unblocks, added, removed, entries, reports, appeals
    // received, appeals answered, expiries
    for (int i : new int[] {0, 1, 2, 3, 4, 6, 7, 8, 5}) {
      b.append("</th><th>").append(t.series.get(i));
    }
    b.append("</th></tr>\n");
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
