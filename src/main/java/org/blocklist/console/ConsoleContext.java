package org.blocklist.console;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Ticker;
import io.netty.util.Timer;
import java.security.SecureRandom;
import java.time.Clock;
import org.blocklist.auth.Authenticator;
import org.blocklist.isp.IspStatus;
import org.blocklist.ledger.AccountabilityRecords;
import org.blocklist.ledger.Desk;
import org.blocklist.ledger.Ledger;
import org.blocklist.ledger.LedgerKeys;
import org.blocklist.ledger.Records;

/**
 * What the console works with, wired by the service: the same writer, accountability desk, read
 * ports, keys, authenticator and ISP status as the API, and the time, randomness and timer it may
 * use.
 *
 * @param timer fires the ISP lag samples of the status chart
 */
public record ConsoleContext(
    Ledger ledger,
    LedgerKeys keys,
    Records records,
    Desk desk,
    AccountabilityRecords accountability,
    Authenticator authenticator,
    IspStatus ispStatus,
    Clock clock,
    Ticker ticker,
    SecureRandom random,
    Timer timer) {
  public ConsoleContext {
    requireNonNull(ledger, "ledger");
    requireNonNull(keys, "keys");
    requireNonNull(records, "records");
    requireNonNull(desk, "desk");
    requireNonNull(accountability, "accountability");
    requireNonNull(authenticator, "authenticator");
    requireNonNull(ispStatus, "ispStatus");
    requireNonNull(clock, "clock");
    requireNonNull(ticker, "ticker");
    requireNonNull(random, "random");
    requireNonNull(timer, "timer");
  }
}
