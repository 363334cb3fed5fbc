package org.blocklist.service;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;
import java.util.function.Supplier;
import org.blocklist.domain.DomainCanonicalizer;
import org.blocklist.domain.DomainException;
import org.blocklist.state.ListState;
import org.blocklist.stoppage.BlockedHosts;

/**
 * The stop page's question, answered from the latest version in memory: is the host of this {@code
 * Host} header (port and trailing dot dropped, case folded, IDN mapped) listed or below a listed
 * entry? Non-ASCII hosts go through ICU once and are cached.
 */
final class LedgerBlockedHosts implements BlockedHosts {
  /** Longest Host value considered; longer is not a host name. */
  static final int MAX_HOST_LENGTH = 300;

  static final int CACHE_SIZE = 10_000;

  private final Supplier<ListState> state;
  private final DomainCanonicalizer canonicalizer;
  private final Cache<String, Optional<String>> canonical =
      Caffeine.newBuilder().maximumSize(CACHE_SIZE).build();

  LedgerBlockedHosts(Supplier<ListState> state, DomainCanonicalizer canonicalizer) {
    this.state = requireNonNull(state, "state");
    this.canonicalizer = requireNonNull(canonicalizer, "canonicalizer");
  }

  @Override
  public boolean isBlocked(String hostHeader) {
    String name = canonical(hostHeader);
    return name != null && state.get().match(name) != null;
  }

  /** The canonical name of a {@code Host} value, or null when it is no host name. */
  String canonical(String hostHeader) {
    if (hostHeader == null || hostHeader.isEmpty() || hostHeader.length() > MAX_HOST_LENGTH) {
      return null;
    }
    String host = stripPort(hostHeader.strip());
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    String plain = DomainCanonicalizer.plainAsciiName(host);
    return plain != null ? plain : canonical.get(host, this::viaIcu).orElse(null);
  }

  private Optional<String> viaIcu(String host) {
    try {
      return Optional.of(canonicalizer.canonicalize(host).name().value());
    } catch (DomainException e) {
      return Optional.empty();
    }
  }

  /**
   * {@code name:port} to {@code name}; a bracketed IPv6 literal is left as it is (never listed).
   */
  private static String stripPort(String host) {
    int colon = host.lastIndexOf(':');
    if (colon > 0 && host.indexOf(':') == colon && !host.startsWith("[")) {
      return host.substring(0, colon);
    }
    return host;
  }
}
