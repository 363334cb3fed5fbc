/**
 * Replicas on one PostgreSQL store. Start at {@link org.blocklist.cluster.Replication}: one thread
 * per replica holds or tries to take the writer's lock on a session of its own, raises the writer
 * epoch when it takes over (which fences the previous writer out of the store), and otherwise
 * listens for new versions and has the ledger apply and verify them.
 *
 * <p>Imports: {@code ledger} (the replica's ledger and its ports) and {@code store} (the PostgreSQL
 * sessions); only {@code service} imports this package.
 */
package org.blocklist.cluster;
