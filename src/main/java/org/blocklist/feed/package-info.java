/**
 * The ISP side of the distribution feed, shared by the sync agent and the auditor's verifier:
 * bounded HTTP fetches from the server ({@link org.blocklist.feed.FeedHttp}), the failures they end
 * in ({@link org.blocklist.feed.FeedException}), the pinned trust key ({@link
 * org.blocklist.feed.Trust}) and a signed checkpoint checked against it ({@link
 * org.blocklist.feed.Trust#verify}).
 *
 * <p>Imports: {@code log}, {@code signing}. Runs at the ISP or the auditor: it never imports the
 * server.
 */
package org.blocklist.feed;
