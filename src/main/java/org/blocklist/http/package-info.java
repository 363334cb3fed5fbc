/**
 * The HTTP API on Netty. Start at {@link org.blocklist.http.ApiServer}: one initializer (connection
 * cap, request and idle deadlines, codec, aggregator with the body limit, chunked writes) and one
 * routing handler, {@code ApiHandler}, which authenticates, checks the role in {@code Route},
 * rate-limits and dispatches to the route classes ({@code RequisitionRoutes}, {@code LogRoutes},
 * {@code DeltaRoutes}, {@code LookupRoutes}, {@code IspRoutes}, {@code AdminRoutes}). Failures
 * become responses in one place, {@code ErrorMapper}. Nothing here blocks an event loop: store work
 * returns futures from the reader pool or the ledger's writer.
 */
package org.blocklist.http;
