/**
 * The store: SQLite (WAL, {@code synchronous=FULL}) opened by {@link org.blocklist.store.Database},
 * or PostgreSQL shared by several replicas, opened by {@link org.blocklist.store.PostgresDatabase};
 * both behind {@link org.blocklist.store.SqlDatabase} and the ports their users define: {@link
 * org.blocklist.store.JdbcStore} is the writer's {@code LedgerStore} (one connection, one
 * transaction per write, the audit chain checked at each append, on PostgreSQL the writer epoch
 * too) and {@link org.blocklist.store.StoreRecords} the faces' {@code Records} (reads on the {@link
 * org.blocklist.store.ReadPool}). One small class of SQL per table ({@code PrincipalRows}, {@code
 * RequisitionRows}, {@code LedgerRows}, {@code EventRows}, {@code IspStatusRows}, and for
 * accountability {@code ReportRows}, {@code AppealRows}, {@code ReviewRows} behind {@code
 * JdbcAccountability} and {@link org.blocklist.store.StoreAccountabilityRecords}), the same SQL on
 * both databases; {@link org.blocklist.store.Schema} spells the few column types that differ. The
 * replicas' sessions are {@link org.blocklist.store.WriterSession} (the writer's advisory lock) and
 * {@link org.blocklist.store.VersionListener} ({@code LISTEN}). Rows are plain text that an
 * operator can query with {@code sqlite3} or {@code psql}; integrity comes from the signed log and
 * the audit chain, re-verified at every start. JDBC exceptions are wrapped once, here, as {@code
 * StoreException}.
 *
 * <p>Imports: the ports and values of {@code ledger}, {@code accountability}, {@code requisition},
 * {@code audit}, {@code isp}, {@code principal}, {@code domain}, {@code log}. Only {@code service},
 * {@code cluster} and {@code cli} import this package.
 */
package org.blocklist.store;
