package org.blocklist.rpz;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Who may transfer the zone, and as which ISP: source addresses, a TSIG key, or both (then a
 * transfer needs both). {@code isp} names the ISP principal the transfers are recorded under; empty
 * for the loopback default.
 */
public record TransferGrant(
    Optional<String> isp, List<AddressRange> addresses, Optional<TsigKey> key) {
  public TransferGrant {
    requireNonNull(isp, "isp");
    requireNonNull(key, "key");
    addresses = List.copyOf(addresses);
    if (addresses.isEmpty() && key.isEmpty()) {
      throw new IllegalArgumentException(
          "grant "
              + isp.orElse("(no ISP)")
              + ": neither addresses nor a key (expected: one or both)");
    }
  }

  /** Loopback clients, with no key and no ISP: the development default. */
  public static TransferGrant loopback() {
    return new TransferGrant(Optional.empty(), AddressRange.LOOPBACK, Optional.empty());
  }

  boolean admits(InetAddress source) {
    if (addresses.isEmpty()) {
      return true;
    }
    for (AddressRange r : addresses) {
      if (r.contains(source)) {
        return true;
      }
    }
    return false;
  }
}
