/**
 * ISP status: {@link org.blocklist.isp.IspStatus} records, per ISP principal, the last version
 * delivered over HTTP (deltas, snapshots) or DNS (zone transfers), for {@code GET /v1/isps}.
 */
package org.blocklist.isp;
