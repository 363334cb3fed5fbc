package org.blocklist.rpz;

import org.xbill.DNS.Rcode;

/**
 * Every way a query is not answered with data, and its RCODE (and TSIG error, RFC 8945 section
 * 5.2): the one table from failures to what the client is told. {@link Replies#failure} writes the
 * answer.
 */
enum Failure {
  /** The message does not parse, or its sections are not those of a query. */
  MALFORMED(Rcode.FORMERR),
  /** AXFR is defined over TCP only (RFC 5936 section 4.2). */
  AXFR_OVER_UDP(Rcode.FORMERR),
  /** An opcode other than QUERY and NOTIFY. */
  NOT_IMPLEMENTED(Rcode.NOTIMP),
  /** A NOTIFY: this server is the primary, it takes none. */
  NOTIFY_REFUSED(Rcode.REFUSED),
  /** A class other than IN. */
  WRONG_CLASS(Rcode.REFUSED),
  /** A name other than the zone's origin (no oracle for the entries below it). */
  NOT_OUR_ZONE(Rcode.REFUSED),
  /** A type other than SOA, AXFR and IXFR. */
  QUERY_TYPE(Rcode.REFUSED),
  /** A transfer that no grant admits. */
  NOT_GRANTED(Rcode.REFUSED),
  /** A transfer beyond the limits of concurrent transfers. */
  BUSY(Rcode.REFUSED),
  /** A fault of this server (a bug): logged, the client told SERVFAIL. */
  INTERNAL(Rcode.SERVFAIL),
  /** A TSIG key this server does not know (unsigned answer). */
  BADKEY(Rcode.NOTAUTH, Rcode.BADKEY),
  /** A TSIG MAC that does not verify (unsigned answer). */
  BADSIG(Rcode.NOTAUTH, Rcode.BADSIG),
  /** A TSIG time outside its fudge (signed answer, with the server's time). */
  BADTIME(Rcode.NOTAUTH, Rcode.BADTIME);

  final int rcode;

  /** The TSIG error of the answer, or {@link Rcode#NOERROR} when it is not a TSIG failure. */
  final int tsigError;

  Failure(int rcode) {
    this(rcode, Rcode.NOERROR);
  }

  Failure(int rcode, int tsigError) {
    this.rcode = rcode;
    this.tsigError = tsigError;
  }

  boolean isTsig() {
    return tsigError != Rcode.NOERROR;
  }
}
