/**
 * Accountability as values and pure rules (DESIGN.md, "Review, expiry, appeals and reports"): the
 * hotline's {@link org.blocklist.accountability.Report}s, the entries' {@link
 * org.blocklist.accountability.Review} dates, the public's {@link
 * org.blocklist.accountability.Appeal}s, and the monthly public figures ({@link
 * org.blocklist.accountability.Transparency}). No I/O: the writer ({@code ledger.Desk}) applies the
 * rules and the store keeps the rows; the faces render them.
 *
 * <p>Imports: {@code domain}, {@code log} (manifests, for the figures) and {@code requisition}
 * (texts and problems) only.
 */
package org.blocklist.accountability;
