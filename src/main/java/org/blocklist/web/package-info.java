/**
 * The port between the API listener and a face mounted on it under a path prefix (the operator
 * console under {@code /console/}): a {@link org.blocklist.web.Mount} answers {@link
 * org.blocklist.web.WebRequest}s with {@link org.blocklist.web.WebResponse}s. The listener keeps
 * its connection guards (connection cap, deadlines, body limit, per-address rate) for mounted paths
 * and writes the answer with its usual headers; the mount does everything else (its own sign-in,
 * pages, errors), checking each principal against the listener's per-principal rate through {@link
 * org.blocklist.web.RateGate}. Plain values: no Netty type crosses this port.
 *
 * <p>Imports: {@code principal} only.
 */
package org.blocklist.web;
