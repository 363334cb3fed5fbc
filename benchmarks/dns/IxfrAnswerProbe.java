package org.blocklist.rpz;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;

/**
 * What the server itself spends on the IXFR of a one-name change on a 1,000,000-entry zone, with
 * no sockets: Responder.answer (parse, TSIG verify, grant, change lookup) and the stream's one
 * message (dnsjava records, packing, toWire, TSIG signing), unsigned and signed with hmac-sha256,
 * timed per IXFR. Run: benchmarks/dns/run-ixfr-probe.sh (it runs this too).
 */
public class IxfrAnswerProbe {
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
    String[] names = new String[1_000_000];
    for (int i = 0; i < names.length; i++) {
      names[i] = String.format(Locale.ROOT, "n%07d.example", i);
    }
    List<String> entries = Arrays.asList(names);
    ZoneChanges one = new ZoneChanges(1, 2, List.of("zz-new.example"), List.of());
    ZoneVersion v2 =
        new ZoneVersion() {
          public long version() {
            return 2;
          }

          public List<String> entries() {
            return entries;
          }

          public Optional<ZoneChanges> changesSince(long from, int maxNames) {
            return from == 1 ? Optional.of(one) : Optional.empty();
          }
        };
    byte[] secret = new byte[32];
    Name keyName = Name.fromConstantString("isp-b.");
    TsigKey key = new TsigKey(keyName, TSIG.HMAC_SHA256, TsigSecret.ofBase64("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="));
    Clock clock = Clock.systemUTC();
    Responder r =
        new Responder(
            RpzZone.of("rpz.blocklist.example.", "."),
            () -> v2,
            new TransferAccess(
                List.of(
                    TransferGrant.loopback(),
                    new TransferGrant(Optional.of("isp-b"), List.of(), Optional.of(key))),
                clock),
            (isp, version, kind) -> {},
            RpzLimits.defaults(),
            clock);
    Name z = Name.fromConstantString("rpz.blocklist.example.");
    InetSocketAddress remote = new InetSocketAddress("127.0.0.1", 40000);
    TSIG client =
        new TSIG(TSIG.HMAC_SHA256, keyName, new SecretKeySpec(secret, "HmacSHA256"), clock);
    for (String mode : List.of("unsigned", "tsig", "unsigned", "tsig")) {
      long[] t = new long[rounds];
      for (int i = 0; i < rounds; i++) {
        Message q = Message.newQuery(Record.newRecord(z, Type.IXFR, DClass.IN));
        q.addRecord(new SOARecord(z, DClass.IN, 0, z, z, 1, 0, 0, 0, 0), Section.AUTHORITY);
        if (mode.equals("tsig")) {
          q.setTSIG(client);
        }
        byte[] wire = q.toWire();
        long start = System.nanoTime();
        Answer a = r.answer(wire, remote, true);
        TransferStream s = ((Answer.Transfer) a).stream();
        ByteBuf b = s.readChunk(UnpooledByteBufAllocator.DEFAULT);
        s.close();
        t[i] = System.nanoTime() - start;
        if (!s.isEndOfInput()) {
          throw new IllegalStateException("more than one message");
        }
        b.release();
      }
      Arrays.sort(t);
      System.out.printf(
          Locale.ROOT,
          "answer %-9s %d IXFRs: p50 %.1f us  p90 %.1f us  p99 %.1f us  max %.1f us%n",
          mode,
          rounds,
          t[rounds / 2] / 1e3,
          t[rounds * 9 / 10] / 1e3,
          t[rounds * 99 / 100] / 1e3,
          t[rounds - 1] / 1e3);
    }
  }
}
