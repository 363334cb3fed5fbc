package org.blocklist.accountability;

/** What the stored rows count in one month: reports, appeals received and appeals answered. */
public record MonthCounts(long reports, long appealsReceived, long appealsAnswered) {
  public static final MonthCounts NONE = new MonthCounts(0, 0, 0);

  public MonthCounts plus(MonthCounts o) {
    return new MonthCounts(
        reports + o.reports,
        appealsReceived + o.appealsReceived,
        appealsAnswered + o.appealsAnswered);
  }
}
