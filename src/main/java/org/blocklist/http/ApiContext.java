package org.blocklist.http;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.util.Timer;
import java.util.concurrent.Executor;
import org.blocklist.auth.Authenticator;
import org.blocklist.domain.DomainCanonicalizer;
import org.blocklist.isp.IspStatus;
import org.blocklist.ledger.AccountabilityRecords;
import org.blocklist.ledger.Desk;
import org.blocklist.ledger.Ledger;
import org.blocklist.ledger.LedgerKeys;
import org.blocklist.ledger.Records;

/**
 * What the API works with, wired by the service: the writer (commands and the published state), the
 * read port of stored records, and the time, timer and threads it may use.
 *
 * @param blocking bounded threads for CPU-heavy or blocking work (a far-behind delta); a full queue
 *     refuses at once
 * @param timer fires the timeouts of parked delta requests
 */
public record ApiContext(
    Ledger ledger,
    LedgerKeys keys,
    Records records,
    Desk desk,
    AccountabilityRecords accountability,
    Authenticator authenticator,
    IspStatus ispStatus,
    DomainCanonicalizer canonicalizer,
    Ticker ticker,
    Timer timer,
    Executor blocking,
    PrometheusMeterRegistry registry) {
  public ApiContext {
    requireNonNull(ledger, "ledger");
    requireNonNull(keys, "keys");
    requireNonNull(records, "records");
    requireNonNull(desk, "desk");
    requireNonNull(accountability, "accountability");
    requireNonNull(authenticator, "authenticator");
    requireNonNull(ispStatus, "ispStatus");
    requireNonNull(canonicalizer, "canonicalizer");
    requireNonNull(ticker, "ticker");
    requireNonNull(timer, "timer");
    requireNonNull(blocking, "blocking");
    requireNonNull(registry, "registry");
  }
}
