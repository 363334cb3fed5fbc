/**
 * A list served as a DNS Response Policy Zone, reusable by any holder of a list (the server's
 * {@code dns} face, the ISP's sync agent): start at {@link org.blocklist.rpz.RpzServer}. The holder
 * gives the zone through the port {@link org.blocklist.rpz.ZoneSource} (a {@link
 * org.blocklist.rpz.ZoneVersion}: version, sorted entries, changes since a version) and hears of
 * every transfer through {@link org.blocklist.rpz.TransferListener}.
 *
 * <p>What is served: {@link org.blocklist.rpz.RpzZone} (the records; SOA serial = version, RFC
 * 1982, {@link org.blocklist.rpz.Serials}); SOA over UDP and TCP, AXFR (RFC 5936) and IXFR (RFC
 * 1995) streamed a message at a time ({@code TransferStream}, {@code ZoneRecords}); who may
 * transfer ({@link org.blocklist.rpz.TransferAccess}: source addresses and TSIG keys, RFC 8945);
 * and the answers to everything else ({@code Failure}, the one table of RCODEs, written by {@code
 * Replies}). {@code Responder} decides; {@code TcpQueryHandler} and {@code UdpQueryHandler} carry
 * the bytes.
 *
 * <p>{@link org.blocklist.rpz.ZoneSockets} binds it all (TCP and UDP on one port, NOTIFY from a
 * channel of its own). Imports nothing of ours but the ground floor ({@code domain}, {@code log},
 * {@code transport}): dnsjava for messages and TSIG, Netty for the bytes.
 */
package org.blocklist.rpz;
