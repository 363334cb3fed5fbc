/**
 * Authentication: principals ({@link org.blocklist.auth.Principal}, one {@link
 * org.blocklist.auth.Role} each), bearer {@link org.blocklist.auth.Tokens} stored only as SHA-256,
 * the caching {@link org.blocklist.auth.Authenticator}, and {@link
 * org.blocklist.auth.PrincipalAdmin}, which adds and revokes principals for both the command line
 * and the admin API. Who may call which route is in {@code org.blocklist.http.Route}.
 */
package org.blocklist.auth;
