package org.blocklist.rpz;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;

/**
 * Answers one message, on the event loop, from memory: the SOA (UDP and TCP) to anyone; AXFR (RFC
 * 5936, TCP only) and IXFR (RFC 1995) to the clients a {@link TransferGrant} admits. An IXFR from a
 * serial this version is behind gets the condensed changes when the zone has them within {@link
 * RpzLimits#maxIxfrNames()}, else the whole zone; from the current serial or a newer one, the SOA
 * alone; over UDP, the SOA alone, so the client asks again over TCP.
 *
 * <p>A query signed with TSIG (RFC 8945) is verified first: an unknown key is BADKEY, a MAC that
 * does not verify BADSIG, a time outside the fudge BADTIME, each refused whatever the source
 * address. A response (QR set) or anything shorter than a header is dropped; everything else is
 * answered as {@link Failure} says.
 */
final class Responder {
  private static final Logger log = LoggerFactory.getLogger(Responder.class);

  private final RpzZone zone;
  private final ZoneSource source;
  private final TransferAccess access;
  private final TransferListener listener;
  private final RpzLimits limits;
  private final TransferSlots slots;
  private final Clock clock;

  Responder(
      RpzZone zone,
      ZoneSource source,
      TransferAccess access,
      TransferListener listener,
      RpzLimits limits,
      Clock clock) {
    this.zone = requireNonNull(zone, "zone");
    this.source = requireNonNull(source, "source");
    this.access = requireNonNull(access, "access");
    this.listener = requireNonNull(listener, "listener");
    this.limits = requireNonNull(limits, "limits");
    this.clock = requireNonNull(clock, "clock");
    this.slots = new TransferSlots(limits.transfersPerAddress(), limits.maxTransfers());
  }

  /** The answer to {@code wire}, a message from {@code remote} over TCP or UDP. */
  Answer answer(byte[] wire, InetSocketAddress remote, boolean tcp) {
    Header header;
    try {
      header = new Header(wire);
    } catch (IOException e) {
      return Answer.DROP;
    }
    if (header.getFlag(Flags.QR)) {
      return Answer.DROP;
    }
    if (!plausibleCounts(header)) {
      return new Answer.Reply(Replies.malformed(header));
    }
    Message query;
    try {
      query = new Message(wire);
    } catch (IOException | RuntimeException e) {
      log.debug("{}: a message that does not parse: {}", remote, e.toString());
      return new Answer.Reply(Replies.malformed(header));
    }
    int limit = tcp ? TransferStream.MAX_MESSAGE_BYTES : Replies.udpLimit(query);
    Optional<TSIG> key = Optional.empty();
    try {
      key = access.verify(query, wire);
      return route(query, remote, tcp, key, limit);
    } catch (DnsFailure f) {
      log.debug("{}: {}", remote, f.getMessage());
      Optional<TSIG> signer = f.failure() == Failure.BADTIME ? access.key(keyName(query)) : key;
      return new Answer.Reply(Replies.failure(query, f.failure(), signer, clock, limit));
    } catch (RuntimeException e) {
      log.warn("{}: answering a query failed", remote, e);
      return new Answer.Reply(Replies.failure(query, Failure.INTERNAL, key, clock, limit));
    }
  }

  /**
   * A query has one question; an IXFR one SOA in its authority section; OPT and TSIG at most in its
   * additional section. Larger counts are refused before anything is parsed or allocated, and so is
   * a query that says it was truncated (TC), which dnsjava would only half parse.
   */
  private static boolean plausibleCounts(Header h) {
    return !h.getFlag(Flags.TC)
        && h.getCount(Section.QUESTION) <= 1
        && h.getCount(Section.ANSWER) <= 1
        && h.getCount(Section.AUTHORITY) <= 1
        && h.getCount(Section.ADDITIONAL) <= 2;
  }

  private static Name keyName(Message query) {
    return query.getTSIG().getName();
  }

  private Answer route(
      Message query, InetSocketAddress remote, boolean tcp, Optional<TSIG> key, int limit)
      throws DnsFailure {
    int opcode = query.getHeader().getOpcode();
    if (opcode == Opcode.NOTIFY) {
      throw new DnsFailure(Failure.NOTIFY_REFUSED, "a NOTIFY");
    }
    if (opcode != Opcode.QUERY) {
      throw new DnsFailure(Failure.NOT_IMPLEMENTED, "opcode " + Opcode.string(opcode));
    }
    Record question = query.getQuestion();
    if (question == null) {
      throw new DnsFailure(Failure.MALFORMED, "no question");
    }
    if (question.getDClass() != DClass.IN) {
      throw new DnsFailure(Failure.WRONG_CLASS, "class " + DClass.string(question.getDClass()));
    }
    if (!question.getName().equals(zone.origin())) {
      throw new DnsFailure(Failure.NOT_OUR_ZONE, "a query for another name");
    }
    ZoneVersion now = source.current();
    switch (question.getType()) {
      case Type.SOA:
        return new Answer.Reply(Replies.soa(query, zone.soa(now.version()), key, limit));
      case Type.AXFR:
        if (!tcp) {
          throw new DnsFailure(Failure.AXFR_OVER_UDP, "AXFR over UDP");
        }
        return transfer(query, remote, key, now, Optional.empty(), grant(query, remote, key));
      case Type.IXFR:
        return ixfr(query, remote, tcp, key, limit, now);
      default:
        throw new DnsFailure(Failure.QUERY_TYPE, "type " + Type.string(question.getType()));
    }
  }

  private Answer ixfr(
      Message query,
      InetSocketAddress remote,
      boolean tcp,
      Optional<TSIG> key,
      int limit,
      ZoneVersion now)
      throws DnsFailure {
    TransferGrant grant = grant(query, remote, key);
    long behind = Serials.behind(clientSerial(query), now.version());
    if (behind == 0 || behind == Serials.AHEAD || !tcp) {
      byte[] soa = Replies.soa(query, zone.soa(now.version()), key, limit);
      Runnable served =
          behind == 0
              ? () -> listener.served(grant.isp(), now.version(), TransferKind.CURRENT)
              : () -> {};
      return new Answer.Reply(soa, served);
    }
    Optional<ZoneChanges> changes =
        behind == Serials.INCOMPARABLE || behind > now.version()
            ? Optional.empty()
            : now.changesSince(now.version() - behind, limits.maxIxfrNames());
    return transfer(query, remote, key, now, changes, grant);
  }

  /** The serial of the one SOA for the zone in an IXFR query's authority section. */
  private long clientSerial(Message query) throws DnsFailure {
    List<Record> authority = query.getSection(Section.AUTHORITY);
    if (authority.size() != 1
        || !(authority.get(0) instanceof SOARecord soa)
        || soa.getDClass() != DClass.IN
        || !soa.getName().equals(zone.origin())) {
      throw new DnsFailure(Failure.MALFORMED, "an IXFR without the zone's SOA in its authority");
    }
    return soa.getSerial();
  }

  private TransferGrant grant(Message query, InetSocketAddress remote, Optional<TSIG> key)
      throws DnsFailure {
    Optional<Name> signedBy = key.map(k -> keyName(query));
    return access
        .grant(remote.getAddress(), signedBy)
        .orElseThrow(
            () -> {
              log.info(
                  "zone transfer refused to {}{}: no grant admits it",
                  remote.getAddress().getHostAddress(),
                  signedBy.map(n -> " (key " + n + ")").orElse(""));
              return new DnsFailure(Failure.NOT_GRANTED, "no grant");
            });
  }

  private Answer transfer(
      Message query,
      InetSocketAddress remote,
      Optional<TSIG> key,
      ZoneVersion now,
      Optional<ZoneChanges> changes,
      TransferGrant grant)
      throws DnsFailure {
    if (!slots.tryAcquire(remote.getAddress())) {
      log.info(
          "zone transfer refused to {}: {} streaming now",
          remote.getAddress().getHostAddress(),
          slots.active());
      throw new DnsFailure(Failure.BUSY, "too many transfers");
    }
    TransferKind kind = changes.isPresent() ? TransferKind.IXFR : TransferKind.AXFR;
    ZoneRecords records =
        changes.map(c -> ZoneRecords.ixfr(zone, c)).orElseGet(() -> ZoneRecords.axfr(zone, now));
    TransferStream stream =
        new TransferStream(
            query, zone.origin(), records, key, () -> slots.release(remote.getAddress()));
    return new Answer.Transfer(stream, () -> listener.served(grant.isp(), now.version(), kind));
  }
}
