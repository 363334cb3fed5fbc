/**
 * The HTTP API on Netty, a face: it reads the published {@code ListState}, asks the writer ({@code
 * Ledger}) for changes and the {@code Records} port for stored records, and never touches the
 * store. Start at {@link org.blocklist.http.ApiServer}: one initializer per connection (connection
 * cap, {@code RequestDeadlines}, codec, {@code ApiAggregator} with the body limit, and an {@code
 * ApiConnection} that keeps pipelined requests in order). Each request goes through the shared
 * {@code Dispatcher}: {@code Router} (404, 405), {@code AccessGate} (401, 403, 429), then the route
 * classes ({@code RequisitionRoutes}, {@code LogRoutes}, {@code DeltaRoutes}, {@code LookupRoutes},
 * {@code IspRoutes}, {@code AdminRoutes}). Every failure, the connection's own 408, 413, 414 and
 * 431 included, becomes the JSON error in one place, {@code ErrorMapper}, and is written by {@code
 * Responses}. Nothing here blocks an event loop; JSON is encoded when a response is written, on the
 * loop.
 *
 * <p>Imports: {@code state}, {@code ledger} (the writer, its ports and keys), {@code requisition},
 * {@code auth}, {@code principal}, {@code isp}, {@code domain}, {@code log}, {@code config}, {@code
 * transport}, {@code tls} (the {@code SslContext} of {@code http.tls}, the CN of a client
 * certificate), {@code web} (the port of mounted faces: {@code Mounted} serves them); never {@code
 * store} or another face.
 */
package org.blocklist.http;
