package org.blocklist.rpz;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Queries as a secondary sends them, built with dnsjava. */
final class Queries {
  static final Name ZONE = Name.fromConstantString("rpz.blocklist.example.");
  static final RpzZone NXDOMAIN = new RpzZone(ZONE, Name.root);

  private Queries() {}

  static Message query(Name name, int type) {
    Message m = Message.newQuery(Record.newRecord(name, type, DClass.IN));
    m.getHeader().setID(4242);
    return m;
  }

  static Message soa() {
    return query(ZONE, Type.SOA);
  }

  static Message axfr() {
    return query(ZONE, Type.AXFR);
  }

  /** An IXFR from {@code serial}: the secondary's SOA in the authority section (RFC 1995). */
  static Message ixfr(long serial) {
    Message m = query(ZONE, Type.IXFR);
    m.addRecord(
        new SOARecord(ZONE, DClass.IN, 0, Name.root, Name.root, serial, 0, 0, 0, 0),
        Section.AUTHORITY);
    return m;
  }
}
