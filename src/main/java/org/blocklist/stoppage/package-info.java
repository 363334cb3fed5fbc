/**
 * The stop page (DESIGN.md, "Stop page"): the listener on the stop port that a blocking resolver
 * sends browsers to. A blocked {@code Host} gets {@code 451 Unavailable For Legal Reasons} (RFC
 * 7725) with a fixed, accessible HTML page in Dutch, French, German or English ({@code
 * Accept-Language}, English by default) carrying the service's message and contact number; any
 * other host gets {@code 404}. Nothing from the request, and nothing of the list beyond the host
 * the browser already asked for, is ever written back. Since {@code 451} against {@code 404} tells
 * whether a name is listed, each source address is held to a rate ({@code
 * stopPage.requestsPerSecondPerAddress}); past it every host gets the same {@code 429}.
 *
 * <p>Start with {@link org.blocklist.stoppage.StopPageServer#start}; the integrator supplies a
 * {@link org.blocklist.stoppage.BlockedHosts} built from the lookup matcher. Inside: {@code
 * StopPageHandler} decides each answer, {@code Pages} renders them all once, {@code Language} holds
 * the texts, {@code AcceptLanguage} and {@code RequestHost} parse the two headers that matter.
 *
 * <p>Beside the number, the page offers a short form (in the page's language, no personal data, no
 * JavaScript) that posts to {@code /appeal} on the same host; every host, listed or not, gets the
 * same thank-you page, so the form is no oracle. {@code /transparency} shows the public monthly
 * figures as server-rendered SVG ({@code TransparencyPage}).
 *
 * <p>A face: imports {@code transport}, {@code log} (hashes) and {@code accountability} (the
 * figures' values) only; the wiring hands it a {@code BlockedHosts} over the published state, an
 * {@code Appeals} into the writer and the {@code Figures}.
 */
package org.blocklist.stoppage;
