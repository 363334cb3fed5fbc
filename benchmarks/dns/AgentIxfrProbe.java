package org.blocklist.sync;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.blocklist.rpz.RpzZone;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The IXFR of a one-name change on a 1,000,000-entry zone, in one process with no other load than
 * the machine's: the agent's RPZ listener (the same rpz.RpzServer as the server's DNS face) on
 * loopback, timed from the query to the answer, on one persistent TCP connection (the answer's
 * building and writing only) and on a new connection per IXFR (as benchmarks/dns/run.sh measures),
 * alternated twice in the same run. Run: benchmarks/dns/run-ixfr-probe.sh [ROUNDS].
 */
public class AgentIxfrProbe {
  public static void main(String[] args) throws Exception {
    int n = 1_000_000;
    String[] names = new String[n];
    for (int i = 0; i < n; i++) {
      names[i] = String.format(Locale.ROOT, "n%07d.example", i);
    }
    List<String> v1 = Arrays.asList(names);
    AgentZone zone = new AgentZone(1, v1);
    List<String> v2 = new ArrayList<>(v1);
    v2.add("zz-new.example");
    zone.committed(1, 2, v2, List.of("zz-new.example"), List.of());
    RpzListener l =
        RpzListener.start(
            new ServeRpz(
                new InetSocketAddress("127.0.0.1", 0), List.of(), List.of(), Optional.empty()),
            RpzZone.of("rpz.blocklist.example.", "."),
            zone,
            new SimpleMeterRegistry(),
            Clock.systemUTC(),
            com.github.benmanes.caffeine.cache.Ticker.systemTicker(),
            new Random(1));
    Name z = Name.fromConstantString("rpz.blocklist.example.");
    Message q = Message.newQuery(Record.newRecord(z, Type.IXFR, DClass.IN));
    q.addRecord(new SOARecord(z, DClass.IN, 0, z, z, 1, 0, 0, 0, 0), Section.AUTHORITY);
    byte[] wire = q.toWire();
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    for (String mode : List.of("persistent", "new-connection", "persistent", "new-connection")) {
      long[] t = new long[rounds];
      Socket s = null;
      for (int i = 0; i < rounds; i++) {
        long start = System.nanoTime();
        if (s == null || mode.equals("new-connection")) {
          if (s != null) {
            s.close();
          }
          s = new Socket("127.0.0.1", l.port());
          s.setTcpNoDelay(true);
        }
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        out.writeShort(wire.length);
        out.write(wire);
        out.flush();
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] a = new byte[in.readUnsignedShort()];
        in.readFully(a);
        t[i] = System.nanoTime() - start;
        if (i == 0 && new Message(a).getSection(Section.ANSWER).size() != 6) {
          throw new IllegalStateException("not a one-name IXFR: " + new Message(a));
        }
      }
      s.close();
      Arrays.sort(t);
      System.out.printf(
          Locale.ROOT,
          "%-15s %d IXFRs: p50 %.3f ms  p90 %.3f ms  p99 %.3f ms  max %.3f ms%n",
          mode,
          rounds,
          t[rounds / 2] / 1e6,
          t[rounds * 9 / 10] / 1e6,
          t[rounds * 99 / 100] / 1e6,
          t[rounds - 1] / 1e6);
    }
    l.close();
  }
}
