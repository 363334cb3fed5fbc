/**
 * The store: SQLite (WAL, {@code synchronous=FULL}) opened by {@link org.blocklist.store.Database},
 * behind the ports its users define: {@link org.blocklist.store.SqliteStore} is the writer's {@code
 * LedgerStore} (one connection, one transaction per write, the audit chain checked at each append)
 * and {@link org.blocklist.store.StoreRecords} the faces' {@code Records} (reads on the {@link
 * org.blocklist.store.ReadPool}). One small class of SQL per table ({@code PrincipalRows}, {@code
 * RequisitionRows}, {@code LedgerRows}, {@code EventRows}, {@code IspStatusRows}, and for
 * accountability {@code ReportRows}, {@code AppealRows}, {@code ReviewRows}, behind {@code
 * SqliteAccountability} and {@link org.blocklist.store.StoreAccountabilityRecords}; standard SQL,
 * so that another store can port them). Rows are plain text that an operator can query with {@code
 * sqlite3}; integrity comes from the signed log and the audit chain, re-verified at every start.
 * JDBC exceptions are wrapped once, here, as {@code StoreException}.
 *
 * <p>Imports: the ports and values of {@code ledger}, {@code accountability}, {@code requisition},
 * {@code audit}, {@code isp}, {@code principal}, {@code domain}, {@code log}. Only {@code service}
 * and {@code cli} import this package.
 */
package org.blocklist.store;
