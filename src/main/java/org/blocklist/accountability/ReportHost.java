package org.blocklist.accountability;

import static java.util.Objects.requireNonNull;

/**
 * One host of a report: the input as the hotline sent it, the canonical host it gives, whether a
 * URL was reduced to it, and whether it was already listed when the report arrived (a duplicate the
 * police need not requisition again).
 */
public record ReportHost(String input, String host, boolean reducedFromUrl, boolean listed) {
  public ReportHost {
    requireNonNull(input, "input");
    requireNonNull(host, "host");
  }
}
