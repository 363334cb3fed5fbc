/**
 * The operator console, a face: server-rendered HTML under {@code /console/} on the API listener,
 * mounted through the {@code web} port, in Dutch, French and English, working without JavaScript.
 * Start at {@link org.blocklist.console.Console}: it reads the session cookie ({@code Sessions}),
 * re-checks the principal through the same {@code Authenticator} as the API, applies the API's
 * per-principal rate, the page's roles and the CSRF token, then hands the request to a {@code
 * Page}. Each page is one small class that calls the same application code as the API route of the
 * same name ({@code Ledger} and {@code Desk} for changes, {@code Records} and {@code
 * AccountabilityRecords} for stored reads, the published {@code ListState} for the log), so the
 * rules, limits and audit events are the API's; and one jte template in {@code src/main/jte},
 * compiled into this package at build time (classes {@code Jte*Generated}), which escapes all
 * output by default. Words are in {@code console/messages_*.properties}.
 *
 * <p>Imports: {@code web}, {@code ledger} (the writer, its port and keys), {@code requisition},
 * {@code accountability}, {@code auth}, {@code principal}, {@code isp}, {@code state}, {@code
 * domain}, {@code log}; never {@code store} or another face.
 */
package org.blocklist.console;
