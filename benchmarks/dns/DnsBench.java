import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The DNS face under load, against a running {@code serve} (and, for {@code enforce}, an Unbound
 * secondary of its zone). Run with the shaded jar on the class path, which holds dnsjava:
 *
 * <pre>
 * java -cp target/blocklist.jar benchmarks/dns/DnsBench.java enforce --url U --police T --prosecutor T --resolver PORT --count 20 [--tag S]
 * java -cp target/blocklist.jar benchmarks/dns/DnsBench.java axfr    --dns PORT --entries N [--count 3]
 * java -cp target/blocklist.jar benchmarks/dns/DnsBench.java ixfr    --url U --police T --prosecutor T --dns PORT [--count 20] [--repeat 10]
 * </pre>
 *
 * <p>{@code enforce}: per approval, a one-name block of {@code bench-<tag>-<i>.example} (which the
 * resolver answers from a wildcard until it is blocked; asked once before, so it is in the
 * resolver's cache) is submitted, then approved; the clock starts when the approve call has
 * returned and stops at the first NXDOMAIN from the resolver, asked over UDP in a loop (each
 * answer waited for). {@code axfr}: the whole zone over one TCP connection, from sending the query
 * to the closing SOA: time, bytes, messages, records ({@code 2N + 3} for N entries); the client
 * reads only the headers, and parses the last message. {@code ixfr}: per round, one approval of a one-name block, then an IXFR from the
 * serial before, timed from sending the query (on a connected socket) to the closing SOA; its
 * bytes. Percentiles are nearest-rank.
 */
public class DnsBench {
  static final Name ZONE = Name.fromConstantString("rpz.blocklist.example.");
  static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
  static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");
  static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  public static void main(String[] argv) throws Exception {
    if (argv.length == 0) {
      usage();
    }
    Map<String, String> a = options(Arrays.copyOfRange(argv, 1, argv.length));
    switch (argv[0]) {
      case "enforce" -> enforce(a);
      case "axfr" -> axfr(a);
      case "ixfr" -> ixfr(a);
      default -> usage();
    }
  }

  // ---------------------------------------------------------------- enforce

  static void enforce(Map<String, String> a) throws Exception {
    int count = Integer.parseInt(a.getOrDefault("count", "20"));
    String tag = a.getOrDefault("tag", Long.toString(System.nanoTime() % 1_000_000));
    InetSocketAddress resolver =
        new InetSocketAddress("127.0.0.1", Integer.parseInt(a.get("resolver")));
    long[] times = new long[count];
    long[] queries = new long[count];
    try (DatagramSocket udp = new DatagramSocket()) {
      udp.setSoTimeout(1000);
      for (int i = 0; i < count; i++) {
        String name = "bench-" + tag + "-" + i + ".example";
        if (rcode(udp, resolver, name) != Rcode.NOERROR) {
          throw new IllegalStateException(name + " does not resolve before it is blocked");
        }
        long id = submit(a, name);
        approve(a, id);
        long start = System.nanoTime();
        long asked = 0;
        while (true) {
          asked++;
          if (rcode(udp, resolver, name) == Rcode.NXDOMAIN) {
            break;
          }
          if (System.nanoTime() - start > 30_000_000_000L) {
            throw new IllegalStateException(name + " not blocked after 30 s");
          }
        }
        times[i] = System.nanoTime() - start;
        queries[i] = asked;
        System.out.printf(
            Locale.ROOT, "approval %2d: enforced %.1f ms after the approve returned (%d queries)%n",
            i + 1, ms(times[i]), asked);
      }
    }
    long[] sorted = times.clone();
    Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "enforce: %d approvals  p50 %.1f ms  p99 %.1f ms  min %.1f ms  max %.1f ms%n",
        count, ms(percentile(sorted, 50)), ms(percentile(sorted, 99)), ms(sorted[0]),
        ms(sorted[count - 1]));
  }

  static int rcode(DatagramSocket udp, InetSocketAddress to, String name) throws IOException {
    Message q = Message.newQuery(Record.newRecord(Name.fromString(name + "."), Type.A, DClass.IN));
    byte[] wire = q.toWire();
    udp.send(new DatagramPacket(wire, wire.length, to));
    byte[] buf = new byte[1500];
    while (true) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        udp.receive(p);
      } catch (SocketTimeoutException e) {
        return -1;
      }
      int id = ((buf[0] & 0xff) << 8) | (buf[1] & 0xff);
      if (id == q.getHeader().getID()) {
        return buf[3] & 0x0f;
      }
    }
  }

  // ---------------------------------------------------------------- axfr / ixfr

  /** What one transfer took. */
  record Transfer(long nanos, long bytes, int messages, long records, long serial) {}

  /**
   * Sends {@code query} on {@code s} and reads {@code expected} answer records; only the last
   * message is parsed (its last record must be the closing SOA), the others are counted by their
   * headers, so the client spends little of the two cores it shares with the server.
   */
  static Transfer transfer(Socket s, Message query, long expected) throws IOException {
    DataOutputStream out = new DataOutputStream(s.getOutputStream());
    DataInputStream in = new DataInputStream(s.getInputStream());
    byte[] wire = query.toWire();
    long start = System.nanoTime();
    out.writeShort(wire.length);
    out.write(wire);
    out.flush();
    long bytes = 0;
    int messages = 0;
    long records = 0;
    while (true) {
      int length = in.readUnsignedShort();
      byte[] m = new byte[length];
      in.readFully(m);
      bytes += 2 + length;
      messages++;
      int rcode = m[3] & 0x0f;
      if (rcode != 0) {
        throw new IOException("answered " + Rcode.string(rcode));
      }
      records += ((m[6] & 0xff) << 8) | (m[7] & 0xff);
      if (records >= expected) {
        long nanos = System.nanoTime() - start;
        List<Record> answer = new Message(m).getSection(Section.ANSWER);
        if (records != expected || !(answer.get(answer.size() - 1) instanceof SOARecord soa)) {
          throw new IOException(records + " records, the last not an SOA (expected " + expected + ")");
        }
        return new Transfer(nanos, bytes, messages, records, soa.getSerial());
      }
    }
  }

  static void axfr(Map<String, String> a) throws Exception {
    int port = Integer.parseInt(a.get("dns"));
    int count = Integer.parseInt(a.getOrDefault("count", "3"));
    long entries = Long.parseLong(a.get("entries"));
    for (int i = 0; i < count; i++) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        s.setReceiveBufferSize(1 << 20);
        Message q = Message.newQuery(Record.newRecord(ZONE, Type.AXFR, DClass.IN));
        Transfer t = transfer(s, q, 2L * entries + 3);
        System.out.printf(
            Locale.ROOT,
            "axfr %d: serial %d  %.2f s  %,d bytes (%.1f MB)  %,d messages  %,d records%n",
            i + 1, t.serial(), t.nanos() / 1e9, t.bytes(), t.bytes() / 1e6, t.messages(),
            t.records());
      }
    }
  }

  static void ixfr(Map<String, String> a) throws Exception {
    int port = Integer.parseInt(a.get("dns"));
    int count = Integer.parseInt(a.getOrDefault("count", "20"));
    int repeat = Integer.parseInt(a.getOrDefault("repeat", "10"));
    String tag = a.getOrDefault("tag", Long.toString(System.nanoTime() % 1_000_000));
    long[] first = new long[count];
    long[] again = new long[count * repeat];
    long bytes = 0;
    for (int i = 0; i < count; i++) {
      long version = approve(a, submit(a, "ixfr-" + tag + "-" + i + ".example"));
      for (int j = 0; j <= repeat; j++) {
        Transfer t = ixfrFrom(port, version - 1);
        if (t.serial() != version || t.records() != 6) {
          throw new IllegalStateException("IXFR to " + version + ": " + t);
        }
        if (j == 0) {
          first[i] = t.nanos();
        } else {
          again[i * repeat + j - 1] = t.nanos();
        }
        bytes = t.bytes();
      }
    }
    System.out.printf(
        Locale.ROOT, "ixfr: a one-name change is %d bytes: 1 message, 6 records%n", bytes);
    summary("right after each of " + count + " approvals", first);
    summary(count * repeat + " repeated (" + repeat + " per change)", again);
  }

  /** One IXFR from {@code serial} on a new connection, timed from the query to the last SOA. */
  static Transfer ixfrFrom(int port, long serial) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setTcpNoDelay(true);
      Message q = Message.newQuery(Record.newRecord(ZONE, Type.IXFR, DClass.IN));
      q.addRecord(
          new SOARecord(ZONE, DClass.IN, 0, Name.root, Name.root, serial, 0, 0, 0, 0),
          Section.AUTHORITY);
      return transfer(s, q, 6);
    }
  }

  static void summary(String what, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    long over = Arrays.stream(sorted).filter(n -> n > 5_000_000).count();
    System.out.printf(
        Locale.ROOT,
        "ixfr, %s: p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms  (%d of %d over 5 ms)%n",
        what, ms(percentile(sorted, 50)), ms(percentile(sorted, 90)), ms(percentile(sorted, 99)),
        ms(sorted[sorted.length - 1]), over, sorted.length);
  }

  // ---------------------------------------------------------------- HTTP

  static long submit(Map<String, String> a, String name) throws Exception {
    String body =
        "{\"action\":\"block\",\"domains\":[\"" + name + "\"],\"legalBasis\":\"ccp-39bis\","
            + "\"caseReference\":\"BENCH-DNS\"}";
    return number(ID, post(a, "/v1/requisitions", a.get("police"), body, 201));
  }

  static long approve(Map<String, String> a, long id) throws Exception {
    return number(
        VERSION, post(a, "/v1/requisitions/" + id + "/approve", a.get("prosecutor"), "{}", 200));
  }

  static String post(Map<String, String> a, String path, String token, String body, int status)
      throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(a.get("url") + path))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != status) {
      throw new IOException(path + ": " + r.statusCode() + " " + r.body());
    }
    return r.body();
  }

  static long number(Pattern p, String json) {
    Matcher m = p.matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no " + p + " in " + json);
    }
    return Long.parseLong(m.group(1));
  }

  // ---------------------------------------------------------------- helpers

  static long percentile(long[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  static double ms(long nanos) {
    return nanos / 1e6;
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        usage();
      }
      m.put(args[i].substring(2), args[i + 1]);
    }
    return m;
  }

  static void usage() {
    System.err.println(
        "usage: java -cp target/blocklist.jar benchmarks/dns/DnsBench.java enforce|axfr|ixfr ..."
            + " (see the class comment)");
    System.exit(2);
  }
}
