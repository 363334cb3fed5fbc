/**
 * The published state that every reader sees: start at {@link org.blocklist.state.ListState}, the
 * immutable value of the latest version (entries, matcher, every version's {@link
 * org.blocklist.state.VersionRecord}, the Merkle tree), whose {@code successor} computes the next
 * version with no I/O. {@link org.blocklist.state.Delta} is the net change between two versions.
 * The writer swaps states; faces (HTTP, stop page, DNS) only read them.
 *
 * <p>Ground floor: imports {@code domain} and {@code log} only.
 */
package org.blocklist.state;
