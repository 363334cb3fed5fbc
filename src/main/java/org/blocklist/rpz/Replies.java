package org.blocklist.rpz;

import java.time.Clock;
import java.util.Optional;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;

/**
 * The one-message answers: the SOA, and every {@link Failure}, each with the query's id, opcode, RD
 * bit and question, an OPT record when the query had one (RFC 6891), and signed when the query was
 * signed with a key that verified, except the unsigned BADKEY and BADSIG answers RFC 8945 section
 * 5.2 requires.
 */
final class Replies {
  /** The UDP payload this server advertises in its OPT records (the DNS flag day 2020 value). */
  static final int EDNS_PAYLOAD = 1232;

  /** Largest UDP answer to a query without EDNS (RFC 1035 section 4.2.1). */
  static final int UDP_PLAIN = 512;

  private Replies() {}

  /** The SOA of the zone, as an authoritative answer. */
  static byte[] soa(Message query, Record soa, Optional<TSIG> key, int maxLength) {
    Message m = answerTo(query);
    m.getHeader().setFlag(Flags.AA);
    m.addRecord(soa, Section.ANSWER);
    return render(m, query, key, Rcode.NOERROR, maxLength);
  }

  /** The answer to a query that failed with {@code f}. */
  static byte[] failure(Message query, Failure f, Optional<TSIG> key, Clock clock, int maxLength) {
    Message m = answerTo(query);
    m.getHeader().setRcode(f.rcode);
    if (f == Failure.BADKEY || f == Failure.BADSIG) {
      TSIGRecord asked = query.getTSIG();
      m.addRecord(
          new TSIGRecord(
              asked.getName(),
              DClass.ANY,
              0,
              asked.getAlgorithm(),
              clock.instant(),
              asked.getFudge(),
              new byte[0],
              query.getHeader().getID(),
              f.tsigError,
              null),
          Section.ADDITIONAL);
      // Rendered in the order added, so that the TSIG record comes after the OPT record (RFC 8945
      // section 5.1); toWire(maxLength) would put the OPT record last. A few hundred bytes.
      return m.toWire();
    }
    return render(m, query, key, f.tsigError, maxLength);
  }

  /** FORMERR for a message whose header parsed and whose rest did not: no question, unsigned. */
  static byte[] malformed(Header header) {
    Message m = new Message(header.getID());
    m.getHeader().setFlag(Flags.QR);
    m.getHeader().setOpcode(header.getOpcode());
    m.getHeader().setRcode(Rcode.FORMERR);
    return m.toWire(UDP_PLAIN);
  }

  /** Longest answer to {@code query} over UDP: what its OPT record offers, at least 512. */
  static int udpLimit(Message query) {
    OPTRecord opt = query.getOPT();
    return opt == null ? UDP_PLAIN : Math.max(UDP_PLAIN, Math.min(opt.getPayloadSize(), 65_535));
  }

  private static Message answerTo(Message query) {
    Header asked = query.getHeader();
    Message m = new Message(asked.getID());
    Header h = m.getHeader();
    h.setFlag(Flags.QR);
    h.setOpcode(asked.getOpcode());
    if (asked.getFlag(Flags.RD)) {
      h.setFlag(Flags.RD);
    }
    if (query.getQuestion() != null) {
      m.addRecord(query.getQuestion(), Section.QUESTION);
    }
    if (query.getOPT() != null) {
      m.addRecord(new OPTRecord(EDNS_PAYLOAD, 0, 0), Section.ADDITIONAL);
    }
    return m;
  }

  private static byte[] render(
      Message m, Message query, Optional<TSIG> key, int tsigError, int maxLength) {
    key.ifPresent(k -> m.setTSIG(k, tsigError, query.getTSIG()));
    return m.toWire(maxLength);
  }
}
