package org.blocklist.rpz;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TextParseException;

/**
 * The Response Policy Zone of a list (DESIGN.md, "DNS: the list as a Response Policy Zone"): at
 * {@code origin}, an SOA whose serial is the version ({@link Serials}), {@code NS localhost.}, and
 * for each entry {@code e} the QNAME triggers {@code e.<origin> CNAME <action>} and {@code
 * *.e.<origin> CNAME <action>}, the action being the root ({@code .}, NXDOMAIN) or a host name (the
 * stop page). Every record has the TTL {@value #TTL} s.
 *
 * <p>An entry whose wildcard owner name would exceed 255 octets cannot be written in the zone; it
 * has no records here (see {@link #policy}) and is still enforced by the other faces.
 */
public record RpzZone(Name origin, Name action) {
  /** TTL of every record, and so of every rewritten answer a resolver gives (seconds). */
  public static final long TTL = 60;

  /** SOA refresh: how often a secondary that missed a NOTIFY asks for the serial (seconds). */
  public static final long REFRESH = 60;

  /** SOA retry after a failed refresh (seconds). */
  public static final long RETRY = 60;

  /**
   * SOA expire: a secondary keeps serving its copy this long without reaching us (28 days), so an
   * outage of the service does not lift every block.
   */
  public static final long EXPIRE = 2_419_200;

  /** SOA minimum: the negative-caching TTL (seconds). */
  public static final long MINIMUM = 60;

  static final Name LOCALHOST = Name.fromConstantString("localhost.");
  static final Name HOSTMASTER = Name.fromConstantString("hostmaster.localhost.");
  private static final Name WILDCARD = Name.fromConstantString("*");

  public RpzZone {
    requireNonNull(origin, "origin");
    requireNonNull(action, "action");
    if (!origin.isAbsolute() || !action.isAbsolute()) {
      throw new IllegalArgumentException(
          "origin: " + origin + ", action: " + action + " (expected: absolute names)");
    }
  }

  /**
   * The zone at {@code origin} (an absolute name such as {@code rpz.blocklist.example.}) whose
   * action is {@code action}: {@code .} for NXDOMAIN, or an absolute host name.
   */
  public static RpzZone of(String origin, String action) {
    return new RpzZone(absoluteName(origin), absoluteName(action));
  }

  /** {@code text} as an absolute DNS name; it must end in a dot. */
  public static Name absoluteName(String text) {
    try {
      Name n = Name.fromString(text);
      if (!n.isAbsolute()) {
        throw new IllegalArgumentException(text + " (expected: an absolute name ending in '.')");
      }
      return n;
    } catch (TextParseException e) {
      throw new IllegalArgumentException(text + " (" + e.getMessage() + ")", e);
    }
  }

  /** The SOA of {@code version}. */
  public SOARecord soa(long version) {
    return new SOARecord(
        origin,
        DClass.IN,
        TTL,
        LOCALHOST,
        HOSTMASTER,
        Serials.serialOf(version),
        REFRESH,
        RETRY,
        EXPIRE,
        MINIMUM);
  }

  public NSRecord ns() {
    return new NSRecord(origin, DClass.IN, TTL, LOCALHOST);
  }

  /**
   * The two triggers of {@code entry} (the name, then its wildcard), or none when the entry cannot
   * be written below the origin.
   */
  public List<Record> policy(String entry) {
    try {
      Name owner = Name.fromString(entry, origin);
      Name below = Name.concatenate(WILDCARD, owner);
      return List.of(
          new CNAMERecord(owner, DClass.IN, TTL, action),
          new CNAMERecord(below, DClass.IN, TTL, action));
    } catch (TextParseException | NameTooLongException e) {
      return List.of();
    }
  }
}
