package org.blocklist.rpz;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;

/**
 * Who a query comes from, and which grant admits its transfer. A signed query is verified first
 * ({@link #verify}): a signature that fails is refused whatever the source address. A query signed
 * with a key that verifies is admitted by that key's grant if its source is in the grant's
 * addresses (when it has any); an unsigned query by the grant without a key whose addresses hold
 * its source.
 */
public final class TransferAccess {
  private record Keyed(TransferGrant grant, TSIG tsig) {}

  private final List<TransferGrant> unsigned;
  private final Map<Name, Keyed> keys = new HashMap<>();

  /**
   * @param grants the grants; key names must be unique, and the address ranges of grants without a
   *     key must not overlap (an address belongs to one ISP)
   * @param clock the time TSIG signatures are checked against and signed with
   */
  public TransferAccess(List<TransferGrant> grants, Clock clock) {
    requireNonNull(clock, "clock");
    this.unsigned = grants.stream().filter(g -> g.key().isEmpty()).toList();
    for (TransferGrant g : grants) {
      g.key()
          .ifPresent(
              k -> {
                if (keys.putIfAbsent(k.name(), new Keyed(g, k.tsig(clock))) != null) {
                  throw new IllegalArgumentException("key " + k.name() + " is granted twice");
                }
              });
    }
    for (int i = 0; i < unsigned.size(); i++) {
      for (int j = i + 1; j < unsigned.size(); j++) {
        for (AddressRange a : unsigned.get(i).addresses()) {
          for (AddressRange b : unsigned.get(j).addresses()) {
            if (a.overlaps(b)) {
              throw new IllegalArgumentException(a + " and " + b + " overlap in two grants");
            }
          }
        }
      }
    }
  }

  /** The signer and verifier of the key named {@code name}, if one is granted. */
  Optional<TSIG> key(Name name) {
    return Optional.ofNullable(keys.get(name)).map(Keyed::tsig);
  }

  /**
   * The key of a signed query once its signature verifies (RFC 8945 section 5.2), or empty when the
   * query is unsigned: an unknown key is BADKEY, a MAC that does not verify BADSIG, a time outside
   * the fudge BADTIME.
   */
  Optional<TSIG> verify(Message query, byte[] wire) throws DnsFailure {
    TSIGRecord tsig = query.getTSIG();
    if (tsig == null) {
      return Optional.empty();
    }
    TSIG key =
        key(tsig.getName())
            .orElseThrow(() -> new DnsFailure(Failure.BADKEY, "unknown key " + tsig.getName()));
    int result = key.verify(query, wire, null);
    if (result == Rcode.BADTIME) {
      throw new DnsFailure(Failure.BADTIME, "key " + tsig.getName() + " signed at a bad time");
    }
    if (result == Rcode.BADKEY) {
      throw new DnsFailure(Failure.BADKEY, "key " + tsig.getName() + " with another algorithm");
    }
    if (result != Rcode.NOERROR) {
      throw new DnsFailure(
          Failure.BADSIG, "key " + tsig.getName() + ": " + Rcode.TSIGstring(result));
    }
    return Optional.of(key);
  }

  /** The grant that admits a transfer from {@code source}, signed by {@code verifiedKey} if any. */
  Optional<TransferGrant> grant(InetAddress source, Optional<Name> verifiedKey) {
    if (verifiedKey.isPresent()) {
      Keyed k = keys.get(verifiedKey.get());
      return k != null && k.grant().admits(source) ? Optional.of(k.grant()) : Optional.empty();
    }
    for (TransferGrant g : unsigned) {
      if (g.admits(source)) {
        return Optional.of(g);
      }
    }
    return Optional.empty();
  }
}
