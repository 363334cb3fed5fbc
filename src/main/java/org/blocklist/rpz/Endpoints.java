package org.blocklist.rpz;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Socket addresses written as text, with IP literals only: nothing is looked up in the DNS. */
public final class Endpoints {
  /** The DNS port, when none is written. */
  public static final int DNS_PORT = 53;

  private Endpoints() {}

  /** {@code 192.0.2.53:53}, {@code [2001:db8::53]:53}, or an address alone (port 53). */
  public static InetSocketAddress parse(String text) {
    String host = text;
    int port = DNS_PORT;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        throw invalid(text);
      }
      host = text.substring(1, close);
      String rest = text.substring(close + 1);
      if (!rest.isEmpty()) {
        port = port(text, rest);
      }
    } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
      host = text.substring(0, text.indexOf(':'));
      port = port(text, text.substring(text.indexOf(':')));
    }
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(host);
    if (bytes == null || host.isEmpty()) {
      throw invalid(text);
    }
    try {
      return new InetSocketAddress(InetAddress.getByAddress(bytes), port);
    } catch (UnknownHostException e) {
      throw invalid(text);
    }
  }

  private static int port(String text, String colonAndPort) {
    if (!colonAndPort.matches(":[0-9]{1,5}")) {
      throw invalid(text);
    }
    int port = Integer.parseInt(colonAndPort.substring(1));
    if (port < 1 || port > 65_535) {
      throw invalid(text);
    }
    return port;
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        text + " (expected: an IP address and port, e.g. 192.0.2.53:53 or [2001:db8::53]:53)");
  }
}
