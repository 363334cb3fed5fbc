/**
 * Netty plumbing shared by the listeners (API, stop page, DNS over TCP and UDP): {@link
 * org.blocklist.transport.Transports} picks the transport and the common options; {@link
 * org.blocklist.transport.ConnectionLimit} caps connections and {@link
 * org.blocklist.transport.IdleClose} closes those an {@code IdleStateHandler} finds idle (the API
 * folds idle time into its request deadlines instead); {@link
 * org.blocklist.transport.AddressRateLimiter} keeps a token bucket per source address (the stop
 * page's limit), lock-free and on an injected ticker.
 *
 * <p>Imports nothing of ours (Netty and Caffeine only).
 */
package org.blocklist.transport;
