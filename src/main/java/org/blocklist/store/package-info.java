/**
 * The store: SQLite (WAL, {@code synchronous=FULL}) opened by {@link org.blocklist.store.Database},
 * with one small class of SQL per table ({@link org.blocklist.store.PrincipalRows}, {@link
 * org.blocklist.store.RequisitionRows}, {@link org.blocklist.store.LedgerRows}, {@link
 * org.blocklist.store.EventRows}). Rows are plain text that an operator can query with {@code
 * sqlite3}; integrity comes from the signed log and the audit chain, which are re-verified at every
 * start. JDBC exceptions are wrapped once, in {@link org.blocklist.store.Database}, as {@link
 * org.blocklist.store.StoreException}.
 */
package org.blocklist.store;
