package org.blocklist.testing;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP/1.1 proxy in front of a real server whose tests rewrite the answers: each request
 * is forwarded (method GET, its {@code Authorization} kept), the answer handed to {@link #tamper},
 * and what it returns written back with {@code Connection: close}. An {@link Answer} can also stall
 * half-way ({@link Shape#SLOW}), never end ({@link Shape#ENDLESS}) or declare a wrong {@code
 * Content-Length} ({@link Shape#LONGER_THAN_SENT}, {@link Shape#SHORTER_THAN_SENT}). Every request
 * line is recorded ({@link #requests()}).
 *
 * <p>The sync agent's tests use this one until the shared {@code TamperingProxy} is on main.
 */
public final class TamperProxy implements AutoCloseable {
  /** How an answer is sent. */
  public enum Shape {
    NORMAL,
    /** Half the body, then nothing until the client gives up. */
    SLOW,
    /** Headers without a length, then bytes for ever. */
    ENDLESS,
    /** A {@code Content-Length} 100 bytes longer than the body, then the connection closed. */
    LONGER_THAN_SENT,
    /** A {@code Content-Length} half the body's: the client reads a cut body. */
    SHORTER_THAN_SENT
  }

  /** An answer to write back. */
  public record Answer(int status, String contentType, byte[] body, Shape shape) {
    public Answer withBody(byte[] newBody) {
      return new Answer(status, contentType, newBody, shape);
    }

    public Answer withShape(Shape newShape) {
      return new Answer(status, contentType, body, newShape);
    }

    public String text() {
      return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** Rewrites the server's answer to {@code pathAndQuery}. */
  @FunctionalInterface
  public interface Tamper {
    Answer apply(String pathAndQuery, Answer upstream) throws Exception;
  }

  private static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(90);

  private final ServerSocket socket;
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile URI upstream;
  private volatile Tamper tamper = (path, answer) -> answer;

  private TamperProxy(URI upstream) throws IOException {
    this.upstream = upstream;
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::acceptLoop, "tamper-proxy-accept");
    accept.setDaemon(true);
    accept.start();
  }

  /** A proxy to {@code upstream} ({@code http://127.0.0.1:port}) that passes answers through. */
  public static TamperProxy to(URI upstream) throws IOException {
    return new TamperProxy(upstream);
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort());
  }

  /** Points the proxy at another server (a restarted or a forked one). */
  public void upstream(URI newUpstream) {
    this.upstream = newUpstream;
  }

  public void tamper(Tamper newTamper) {
    this.tamper = newTamper;
  }

  /** Passes every answer through again. */
  public void passThrough() {
    this.tamper = (path, answer) -> answer;
  }

  /** The request targets ({@code /v1/delta?from=3&wait=0}) received so far, in order. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      Socket s;
      try {
        s = socket.accept();
      } catch (IOException e) {
        return;
      }
      open.add(s);
      Thread t = new Thread(() -> serve(s), "tamper-proxy-connection");
      t.setDaemon(true);
      t.start();
    }
  }

  private void serve(Socket s) {
    try (s) {
      String head = readHead(s.getInputStream());
      String[] requestLine = head.substring(0, head.indexOf("\r\n")).split(" ");
      String target = requestLine[1];
      requests.add(target);
      HttpRequest.Builder request =
          HttpRequest.newBuilder(upstream.resolve(target)).timeout(UPSTREAM_TIMEOUT).GET();
      for (String line : head.split("\r\n")) {
        if (line.regionMatches(true, 0, "Authorization:", 0, 14)) {
          request.header("Authorization", line.substring(14).strip());
        }
      }
      HttpResponse<byte[]> r =
          client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      Answer answer =
          tamper.apply(
              target,
              new Answer(
                  r.statusCode(),
                  r.headers().firstValue("Content-Type").orElse("application/octet-stream"),
                  r.body(),
                  Shape.NORMAL));
      write(s, answer);
    } catch (Exception e) {
      // the client went away, or the test closed the proxy
    } finally {
      open.remove(s);
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the request ended in its head");
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(ISO_8859_1);
  }

  private static void write(Socket s, Answer a) throws IOException, InterruptedException {
    OutputStream out = s.getOutputStream();
    byte[] body = a.body();
    StringBuilder head =
        new StringBuilder("HTTP/1.1 " + a.status() + " X\r\nContent-Type: " + a.contentType());
    head.append("\r\nConnection: close\r\n");
    switch (a.shape()) {
      case NORMAL, SLOW -> head.append("Content-Length: ").append(body.length).append("\r\n");
      case ENDLESS -> {}
      case LONGER_THAN_SENT ->
          head.append("Content-Length: ").append(body.length + 100).append("\r\n");
      case SHORTER_THAN_SENT ->
          head.append("Content-Length: ").append(body.length / 2).append("\r\n");
    }
    out.write(head.append("\r\n").toString().getBytes(ISO_8859_1));
    switch (a.shape()) {
      case NORMAL, LONGER_THAN_SENT, SHORTER_THAN_SENT -> out.write(body);
      case SLOW -> {
        out.write(body, 0, body.length / 2);
        out.flush();
        // nothing more: wait until the client closes the connection
        while (s.getInputStream().read() >= 0) {
          // discard
        }
      }
      case ENDLESS -> {
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) ' ');
        out.write('{');
        while (true) {
          out.write(chunk);
        }
      }
    }
    out.flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket s : open) {
      s.close();
    }
  }
}
