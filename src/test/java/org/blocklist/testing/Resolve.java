package org.blocklist.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** Asks a resolver on a loopback port for a name's A records, as a stub resolver does (dnsjava). */
public final class Resolve {
  private final SimpleResolver resolver;

  public Resolve(int port) {
    resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", port));
    resolver.setTimeout(Duration.ofSeconds(2));
  }

  /**
   * {@code NXDOMAIN}, another RCODE's name, or the addresses of the answer separated by spaces
   * ({@code 192.0.2.10}).
   */
  public String a(String name) throws IOException {
    Message q = Message.newQuery(Record.newRecord(Name.fromString(name + "."), Type.A, DClass.IN));
    Message r = resolver.send(q);
    if (r.getRcode() != Rcode.NOERROR) {
      return Rcode.string(r.getRcode());
    }
    List<String> out = new ArrayList<>();
    for (Record rec : r.getSection(Section.ANSWER)) {
      if (rec instanceof ARecord a) {
        out.add(a.getAddress().getHostAddress());
      }
    }
    return String.join(" ", out);
  }

  /** {@link #a}, or the failure's text when the resolver does not answer (yet). */
  public String aOrFailure(String name) {
    try {
      return a(name);
    } catch (IOException e) {
      return "no answer: " + e;
    }
  }
}
