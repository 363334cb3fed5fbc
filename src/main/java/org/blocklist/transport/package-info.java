/**
 * Netty plumbing shared by the listeners (API, stop page, and later DNS): {@link
 * org.blocklist.transport.Transports} picks the transport and the common options; {@link
 * org.blocklist.transport.ConnectionLimit} and {@link org.blocklist.transport.IdleClose} bound
 * connections.
 */
package org.blocklist.transport;
