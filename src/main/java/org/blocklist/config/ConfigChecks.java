package org.blocklist.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.blocklist.rpz.AddressRange;
import org.blocklist.rpz.Endpoints;
import org.blocklist.rpz.RpzZone;
import org.blocklist.rpz.TsigKey;

/**
 * Checks of configuration values; each failure names the key and says what was expected. The DNS
 * values are checked with the parsers the DNS listener uses ({@code rpz}), so what loads also
 * starts.
 */
final class ConfigChecks {
  /** A principal's name (see {@code principal.Principal}). */
  private static final Pattern PRINCIPAL = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

  private ConfigChecks() {}

  static void port(String key, int port) {
    range(key, port, 0, 65_535);
  }

  static void range(String key, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          key + ": " + value + " (expected: " + min + ".." + max + ")");
    }
  }

  /** An absolute DNS name such as {@code rpz.blocklist.example.}. */
  static void absoluteName(String key, String name) {
    try {
      RpzZone.absoluteName(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          key
              + ": "
              + name
              + " (expected: an absolute DNS name ending in '.', e.g."
              + " rpz.blocklist.example.)",
          e);
    }
  }

  /** An IP address and port such as {@code 192.0.2.53:53} or {@code [2001:db8::53]:53}. */
  static void endpoint(String key, String text) {
    try {
      Endpoints.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
    }
  }

  /**
   * The {@code dns.transfers} entries: an ISP principal's name, addresses and/or a key, key names
   * used once, and no address in two entries without a key (an address belongs to one ISP).
   */
  static void transfers(String key, List<Config.Transfer> transfers) {
    Set<String> keyNames = new HashSet<>();
    List<String> rangeKeys = new ArrayList<>();
    List<AddressRange> ranges = new ArrayList<>();
    for (int i = 0; i < transfers.size(); i++) {
      Config.Transfer t = transfers.get(i);
      String at = key + "[" + i + "]";
      if (!PRINCIPAL.matcher(t.isp()).matches()) {
        throw new IllegalArgumentException(
            at
                + ".isp: "
                + t.isp()
                + " (expected: an ISP principal's name, 1 to 63 of a-z 0-9 . _ -)");
      }
      if (t.addresses().isEmpty() && t.key().isEmpty()) {
        throw new IllegalArgumentException(
            at + " (" + t.isp() + "): neither addresses nor tsig (expected: one or both)");
      }
      for (int j = 0; j < t.addresses().size(); j++) {
        String where = at + ".addresses[" + j + "]";
        AddressRange range;
        try {
          range = AddressRange.parse(t.addresses().get(j));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        if (t.key().isEmpty()) {
          for (int k = 0; k < ranges.size(); k++) {
            if (ranges.get(k).overlaps(range)) {
              throw new IllegalArgumentException(
                  where
                      + ": "
                      + range
                      + " overlaps "
                      + rangeKeys.get(k)
                      + " "
                      + ranges.get(k)
                      + " (expected: each address in at most one entry without tsig)");
            }
          }
          rangeKeys.add(where);
          ranges.add(range);
        }
      }
      if (t.key().isPresent()) {
        Config.Tsig tsig = t.key().get();
        try {
          TsigKey k = TsigKey.of(tsig.name(), tsig.algorithm(), tsig.secret());
          if (!keyNames.add(k.name().toString().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(
                "name: " + tsig.name() + " is used by another entry (expected: one entry per key)");
          }
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(at + ".tsig." + e.getMessage(), e);
        }
      }
    }
  }
}
