package org.blocklist.sync;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.blocklist.rpz.AddressRange;
import org.blocklist.rpz.TransferGrant;
import org.blocklist.rpz.TsigKey;

/**
 * {@code --serve-rpz ADDR:PORT}: the agent serves its verified copy as the RPZ zone there (TCP and
 * UDP), README "Serving RPZ from the agent".
 *
 * @param address where to listen; port 0 picks one free for both TCP and UDP
 * @param notifyTargets the secondaries told of each new version ({@code --notify}, repeatable)
 * @param allow the source addresses that may transfer ({@code --rpz-allow}, repeatable); empty:
 *     loopback only
 * @param key the TSIG key every transfer must be signed with ({@code --rpz-key FILE}), if any
 */
public record ServeRpz(
    InetSocketAddress address,
    List<InetSocketAddress> notifyTargets,
    List<AddressRange> allow,
    Optional<TsigKey> key) {
  /** At most this many {@code --notify} targets and {@code --rpz-allow} ranges each. */
  public static final int MAX_LIST = 64;

  public ServeRpz {
    requireNonNull(address, "address");
    requireNonNull(key, "key");
    notifyTargets = List.copyOf(notifyTargets);
    allow = List.copyOf(allow);
    if (notifyTargets.size() > MAX_LIST || allow.size() > MAX_LIST) {
      throw new IllegalArgumentException(
          "--notify: "
              + notifyTargets.size()
              + ", --rpz-allow: "
              + allow.size()
              + " (expected: at most "
              + MAX_LIST
              + " each)");
    }
  }

  /**
   * The one grant: from {@link #allow} (loopback when empty), signed with {@link #key} when there
   * is one. Transfers are recorded under no ISP: the agent serves its own resolvers.
   */
  List<TransferGrant> grants() {
    List<AddressRange> from = allow.isEmpty() ? AddressRange.LOOPBACK : allow;
    return List.of(new TransferGrant(Optional.empty(), from, key));
  }
}
