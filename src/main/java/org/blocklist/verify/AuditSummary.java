package org.blocklist.verify;

import static java.util.Objects.requireNonNull;

import org.blocklist.log.Hash;

/**
 * What a verified audit chain holds, for the report.
 *
 * @param events the number of events, the last one's {@code seq}
 * @param head {@code h} of the last event ({@link Hash#ZERO} for none)
 * @param submitted requisitions submitted
 * @param approved requisitions approved (each published one version)
 * @param rejected requisitions rejected
 * @param withdrawn requisitions withdrawn
 * @param afterLastAnchor events after the latest version's approval event, which no signed manifest
 *     anchors yet (the next version will)
 */
public record AuditSummary(
    long events,
    Hash head,
    long submitted,
    long approved,
    long rejected,
    long withdrawn,
    long afterLastAnchor) {
  public AuditSummary {
    requireNonNull(head, "head");
  }

  /** Requisitions submitted and not decided. */
  public long pending() {
    return submitted - approved - rejected - withdrawn;
  }
}
