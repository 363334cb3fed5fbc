/**
 * Authentication: bearer {@link org.blocklist.auth.Tokens} (256 random bits, stored only as
 * SHA-256) and the caching {@link org.blocklist.auth.Authenticator}, which resolves a token to its
 * principal from memory, or from the store off the event loop through a lookup it is given. Who may
 * call which route is in {@code org.blocklist.http.Route}; principals are added and revoked by
 * {@code org.blocklist.ledger.Principals}.
 *
 * <p>Imports: {@code principal}, {@code log}.
 */
package org.blocklist.auth;
