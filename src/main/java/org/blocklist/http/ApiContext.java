package org.blocklist.http;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.blocklist.auth.Authenticator;
import org.blocklist.domain.DomainCanonicalizer;
import org.blocklist.isp.IspStatus;
import org.blocklist.ledger.Ledger;
import org.blocklist.ledger.LedgerKeys;
import org.blocklist.store.ReadPool;

/** What the API's routes work with; built by the service. */
public record ApiContext(
    Ledger ledger,
    LedgerKeys keys,
    ReadPool reads,
    Authenticator authenticator,
    IspStatus ispStatus,
    DomainCanonicalizer canonicalizer,
    Ticker ticker,
    PrometheusMeterRegistry registry) {
  public ApiContext {
    requireNonNull(ledger, "ledger");
    requireNonNull(keys, "keys");
    requireNonNull(reads, "reads");
    requireNonNull(authenticator, "authenticator");
    requireNonNull(ispStatus, "ispStatus");
    requireNonNull(canonicalizer, "canonicalizer");
    requireNonNull(ticker, "ticker");
    requireNonNull(registry, "registry");
  }
}
