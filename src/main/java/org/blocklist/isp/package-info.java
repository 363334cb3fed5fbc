/**
 * ISP status: {@link org.blocklist.isp.IspStatus} records, per ISP principal, the last {@link
 * org.blocklist.isp.Delivery} over HTTP (deltas, snapshots) or DNS (zone transfers), for {@code GET
 * /v1/isps}. The service stores the changed records in batches through the writer.
 *
 * <p>Imports: nothing of ours.
 */
package org.blocklist.isp;
