/**
 * The DNS face (DESIGN.md, "DNS: the list as a Response Policy Zone"): start at {@link
 * org.blocklist.dns.DnsServer}, which binds TCP and UDP on {@code dns.port} and serves the
 * published state as the RPZ zone through the reusable {@code rpz} server: {@code LedgerZone}
 * adapts {@code state.ListState} to its port, {@code IspTransfers} records every transfer in the
 * ISP status ({@code via: "dns"}), {@code DnsSetup} turns the {@code dns:} configuration into its
 * zone and grants.
 *
 * <p>A face: imports the published state, the ISP status, the configuration, {@code rpz} and {@code
 * transport}; never the store nor another face.
 */
package org.blocklist.dns;
