package org.blocklist.service;

import static java.util.Objects.requireNonNull;

import java.net.SocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.blocklist.ledger.Desk;
import org.blocklist.requisition.Problem;
import org.blocklist.requisition.RequisitionException;
import org.blocklist.stoppage.Appeals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stop page's appeal form into the writer's {@link Desk}, as {@code POST /v1/appeals} does
 * (same quota, rules and audit event), with channel {@code stop-page}. The host is the request's
 * {@code Host}, canonicalised as the stop page's lookup does; a listed and an unlisted host take
 * the same path.
 */
final class DeskAppeals implements Appeals {
  private static final Logger log = LoggerFactory.getLogger(DeskAppeals.class);

  private final Desk desk;
  private final LedgerBlockedHosts hosts;

  DeskAppeals(Desk desk, LedgerBlockedHosts hosts) {
    this.desk = requireNonNull(desk, "desk");
    this.hosts = requireNonNull(hosts, "hosts");
  }

  @Override
  public CompletableFuture<Outcome> receive(
      String hostHeader, String message, String language, SocketAddress remote) {
    String host = hosts.canonical(hostHeader);
    if (host == null) {
      return CompletableFuture.completedFuture(Outcome.INVALID);
    }
    return desk.appeal(host, message, language, "stop-page", remote)
        .handle(
            (id, e) -> {
              if (e == null) {
                return Outcome.STORED;
              }
              Throwable cause =
                  e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
              if (cause instanceof RequisitionException r) {
                return r.problem() == Problem.RATE_LIMITED ? Outcome.RATE_LIMITED : Outcome.INVALID;
              }
              log.warn("storing an appeal from the stop page failed: {}", cause.toString());
              return Outcome.UNAVAILABLE;
            });
  }
}
