package org.blocklist.sync;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.blocklist.domain.DomainName;

/**
 * The list as a Response Policy Zone master file (DESIGN.md, "DNS: the list as a Response Policy
 * Zone"; the RPZ draft, draft-vixie-dnsop-dns-rpz): absolute names only (no {@code $ORIGIN} or
 * {@code $TTL}), an SOA whose serial is the version in RFC 1982 arithmetic, NS {@code localhost.},
 * and for each entry {@code e} the records {@code e.<zone> CNAME .} and {@code *.e.<zone> CNAME .}
 * (NXDOMAIN for the name and every name below it), or CNAMEs to the stop page host ({@code
 * --action}). An owner name longer than DNS allows (255 octets on the wire) cannot be written: such
 * records are left out and counted.
 */
final class RpzFile {
  /** The zone name when no {@code --zone} is given: the server's default {@code dns.zone}. */
  static final String DEFAULT_ZONE = "rpz.blocklist.example.";

  /** TTL of every record. */
  static final int TTL = 60;

  /** Longest absolute name in text without its final dot (RFC 1035: 255 octets on the wire). */
  static final int MAX_NAME = 253;

  /** The action that makes the resolver answer NXDOMAIN: a CNAME to the root. */
  static final String NXDOMAIN = ".";

  private final String zone;
  private final String action;

  /**
   * @param zone an absolute domain name ending in {@code .}, such as {@value #DEFAULT_ZONE}
   */
  RpzFile(String zone) {
    this(zone, NXDOMAIN);
  }

  /**
   * @param action {@value #NXDOMAIN} or the absolute name of the stop page host
   */
  RpzFile(String zone, String action) {
    this.zone = checkZone(requireNonNull(zone, "zone"));
    this.action = checkAction(requireNonNull(action, "action"));
  }

  /**
   * {@code --action}: {@code nxdomain} (or {@value #NXDOMAIN}) is NXDOMAIN; a host name (the stop
   * page's, a final dot optional) makes every trigger a CNAME to it.
   */
  static String checkAction(String action) {
    String lower = action.toLowerCase(Locale.ROOT);
    if (lower.equals("nxdomain") || lower.equals(NXDOMAIN)) {
      return NXDOMAIN;
    }
    String host = lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    try {
      new DomainName(host);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "action: "
              + action
              + " (expected: nxdomain, or the stop page's host name: "
              + e.getMessage()
              + ")",
          e);
    }
    return host + ".";
  }

  String zone() {
    return zone;
  }

  static String checkZone(String zone) {
    String lower = zone.toLowerCase(Locale.ROOT);
    if (!lower.endsWith(".") || lower.length() < 2) {
      throw new IllegalArgumentException(
          "zone: "
              + zone
              + " (expected: an absolute name ending in '.', like "
              + DEFAULT_ZONE
              + ")");
    }
    try {
      new DomainName(lower.substring(0, lower.length() - 1));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("zone: " + zone + ": " + e.getMessage(), e);
    }
    if (lower.length() - 1 > MAX_NAME - 4) {
      throw new IllegalArgumentException("zone: " + zone + " (expected: room for names below it)");
    }
    return lower;
  }

  /** Writes the zone of {@code state}; returns the number of records left out as too long. */
  int write(TrustedState state, OutputStream out) throws IOException {
    long serial = state.version() & 0xffff_ffffL;
    line(
        out,
        "; blocklist version "
            + state.version()
            + ", "
            + state.list().size()
            + " entries, list sha256 "
            + state.listDigest());
    line(
        out,
        zone
            + " "
            + TTL
            + " IN SOA localhost. hostmaster.localhost. "
            + serial
            + " 3600 600 604800 "
            + TTL);
    line(out, zone + " " + TTL + " IN NS localhost.");
    byte[] tail =
        ("." + zone + " " + TTL + " IN CNAME " + action + "\n").getBytes(StandardCharsets.US_ASCII);
    int room = MAX_NAME - (zone.length() - 1) - 1;
    int skipped = 0;
    for (String name : state.list()) {
      byte[] n = name.getBytes(StandardCharsets.US_ASCII);
      if (n.length > room) {
        skipped += 2;
        continue;
      }
      out.write(n);
      out.write(tail);
      if (n.length + 2 > room) {
        skipped++;
        continue;
      }
      out.write('*');
      out.write('.');
      out.write(n);
      out.write(tail);
    }
    return skipped;
  }

  private static void line(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.US_ASCII));
    out.write('\n');
  }
}
