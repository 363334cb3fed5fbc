package org.blocklist.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written by hand over a plain socket, so that a test controls every byte (the JDK client
 * will not send an arbitrary {@code Host}). Reads responses framed by {@code Content-Length}.
 */
public final class RawHttp implements AutoCloseable {
  private static final int TIMEOUT_MILLIS = 10_000;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  public RawHttp(int port) throws IOException {
    this(new Socket(InetAddress.getLoopbackAddress(), port));
  }

  /** Over a socket the caller connected (from a source address of its choice, say). */
  public RawHttp(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(TIMEOUT_MILLIS);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  /** One request on a fresh connection. */
  public static Response exchange(int port, String request) throws IOException {
    try (RawHttp http = new RawHttp(port)) {
      http.send(request);
      return http.read(request.startsWith("HEAD "));
    }
  }

  /** A GET of {@code path} with these header lines ({@code "Name: value"}). */
  public static String get(String path, String... headerLines) {
    return request("GET", path, headerLines);
  }

  public static String request(String method, String path, String... headerLines) {
    StringBuilder b = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
    for (String line : headerLines) {
      b.append(line).append("\r\n");
    }
    return b.append("\r\n").toString();
  }

  public void send(String request) throws IOException {
    out.write(request.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** The next response; {@code head}: it answers a HEAD, so it has no body. */
  public Response read(boolean head) throws IOException {
    String statusLine = line();
    String[] parts = statusLine.split(" ", 3);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String l = line(); !l.isEmpty(); l = line()) {
      int colon = l.indexOf(':');
      headers
          .computeIfAbsent(l.substring(0, colon).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(l.substring(colon + 1).strip());
    }
    int length =
        head || !headers.containsKey("content-length")
            ? 0
            : Integer.parseInt(headers.get("content-length").get(0));
    byte[] body = in.readNBytes(length);
    if (body.length != length) {
      throw new IOException("body: " + body.length + " bytes (expected: " + length + ")");
    }
    return new Response(
        Integer.parseInt(parts[1]), parts.length > 2 ? parts[2] : "", headers, body);
  }

  /** Whether the server sends nothing (and does not close) for {@code millis}. */
  public boolean silentFor(int millis) throws IOException {
    socket.setSoTimeout(millis);
    try {
      return in.read() < -1; // never: any byte or the end of the stream means not silent
    } catch (SocketTimeoutException e) {
      return true;
    } finally {
      socket.setSoTimeout(TIMEOUT_MILLIS);
    }
  }

  /** Whether the server closed the connection (reads end of stream). */
  public boolean closedByServer() throws IOException {
    return in.read() == -1;
  }

  private String line() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != '\n') {
      if (c == -1) {
        throw new IOException("connection closed after: " + b);
      }
      if (c != '\r') {
        b.write(c);
      }
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  public record Response(
      int status, String reason, Map<String, List<String>> headers, byte[] body) {
    /** The only value of header {@code name}, or null; fails if it is repeated. */
    public String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      if (values == null) {
        return null;
      }
      if (values.size() != 1) {
        throw new AssertionError(name + " repeated: " + values);
      }
      return values.get(0);
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }
}
