package org.blocklist.rpz;

import static java.util.Objects.requireNonNull;

import io.netty.util.NetUtil;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * A range of source addresses in CIDR notation ({@code 192.0.2.0/24}, {@code 2001:db8::/32}, or a
 * single address). An IPv4 client that arrives as an IPv4-mapped IPv6 address is its IPv4 address.
 */
public record AddressRange(InetAddress network, int prefix) {
  public AddressRange {
    requireNonNull(network, "network");
    int bits = network.getAddress().length * 8;
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException("prefix: " + prefix + " (expected: 0.." + bits + ")");
    }
    network = masked(network, prefix);
  }

  /** Loopback, IPv4 and IPv6: what may transfer when nothing is configured. */
  public static final List<AddressRange> LOOPBACK = List.of(parse("127.0.0.0/8"), parse("::1"));

  /**
   * {@code address} or {@code address/prefix}, the address a literal (nothing is looked up in the
   * DNS).
   */
  public static AddressRange parse(String text) {
    requireNonNull(text, "text");
    int slash = text.indexOf('/');
    String literal = slash < 0 ? text : text.substring(0, slash);
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(literal);
    if (bytes == null || literal.isEmpty()) {
      throw new IllegalArgumentException(
          text
              + " (expected: an IPv4 or IPv6 address with an optional /prefix, e.g. 192.0.2.0/24)");
    }
    InetAddress address = byAddress(bytes);
    int bits = address.getAddress().length * 8;
    int prefix = bits;
    if (slash >= 0) {
      String p = text.substring(slash + 1);
      if (!p.matches("[0-9]{1,3}") || Integer.parseInt(p) > bits) {
        throw new IllegalArgumentException(
            text + " (expected: a prefix length of 0.." + bits + ")");
      }
      prefix = Integer.parseInt(p);
    }
    return new AddressRange(address, prefix);
  }

  /** Whether {@code address} is in this range; an IPv4 range never holds an IPv6 address. */
  public boolean contains(InetAddress address) {
    InetAddress a = byAddress(address.getAddress());
    if (a.getAddress().length != network.getAddress().length) {
      return false;
    }
    return masked(a, prefix).equals(network);
  }

  /** Whether the two ranges share an address. */
  public boolean overlaps(AddressRange other) {
    return other.contains(network) || contains(other.network);
  }

  @Override
  public String toString() {
    return network.getHostAddress() + "/" + prefix;
  }

  private static InetAddress masked(InetAddress address, int prefix) {
    byte[] bytes = address.getAddress();
    for (int bit = prefix; bit < bytes.length * 8; bit++) {
      bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    return byAddress(bytes);
  }

  /** The address of {@code bytes}; 16 bytes of an IPv4-mapped address give the IPv4 address. */
  private static InetAddress byAddress(byte[] bytes) {
    try {
      InetAddress a = InetAddress.getByAddress(bytes);
      if (a instanceof Inet4Address || !isMapped(bytes)) {
        return a;
      }
      return InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("address of " + bytes.length + " bytes", e);
    }
  }

  private static boolean isMapped(byte[] b) {
    if (b.length != 16 || b[10] != (byte) 0xff || b[11] != (byte) 0xff) {
      return false;
    }
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
