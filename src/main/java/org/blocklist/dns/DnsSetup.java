package org.blocklist.dns;

import java.util.List;
import java.util.Optional;
import org.blocklist.config.Config;
import org.blocklist.rpz.AddressRange;
import org.blocklist.rpz.RpzZone;
import org.blocklist.rpz.TransferGrant;
import org.blocklist.rpz.TsigKey;

/** The {@code dns:} configuration as the RPZ server's values (checked already when loaded). */
final class DnsSetup {
  private DnsSetup() {}

  /** The zone at {@code dns.zone}; its action the root or, for {@code stoppage}, the stop page. */
  static RpzZone zone(Config.Dns dns, String stopPageHost) {
    String action = dns.action().equals("stoppage") ? absolute(stopPageHost) : ".";
    return RpzZone.of(dns.zone(), action);
  }

  /** The grants of {@code dns.transfers}; none configured: loopback only. */
  static List<TransferGrant> grants(Config.Dns dns) {
    if (dns.transfers().isEmpty()) {
      return List.of(TransferGrant.loopback());
    }
    return dns.transfers().stream().map(DnsSetup::grant).toList();
  }

  private static TransferGrant grant(Config.Transfer t) {
    return new TransferGrant(
        Optional.of(t.isp()),
        t.addresses().stream().map(AddressRange::parse).toList(),
        t.key().map(k -> TsigKey.of(k.name(), k.algorithm(), k.secret())));
  }

  private static String absolute(String host) {
    return host.endsWith(".") ? host : host + ".";
  }
}
