package org.blocklist.benchmarks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.blocklist.ledger.Delta;
import org.blocklist.ledger.VersionRecord;
import org.blocklist.log.Hash;
import org.blocklist.log.Manifest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Building a delta ({@link Delta#between}) for an ISP that is {@code span} versions behind, over a
 * history of 1,000 versions of 1,000 names each (1,000,000 entries), where one version in ten
 * unblocks 100 names of an earlier one. A poll from the previous version ({@code span} 1) is what
 * most ISPs ask; the API caches the encoded answer per (from, to), so this is paid once per pair.
 *
 * <p>Run: {@code benchmarks/jmh/run.sh}, or {@code java -jar benchmarks/jmh/target/benchmarks.jar
 * DeltaBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DeltaBenchmark {
  static final int VERSIONS = 1000;
  static final int PER_VERSION = 1000;

  @Param({"1", "10", "100", "999"})
  public int span;

  private List<VersionRecord> newer;
  private long from;

  @Setup(Level.Trial)
  public void setUp() {
    String[] names = SyntheticNames.entries(VERSIONS * PER_VERSION, MatcherBenchmark.SEED);
    Hash zero = Hash.ZERO;
    List<VersionRecord> history = new ArrayList<>(VERSIONS);
    for (int v = 1; v <= VERSIONS; v++) {
      List<String> added =
          new ArrayList<>(Arrays.asList(names).subList((v - 1) * PER_VERSION, v * PER_VERSION));
      List<String> removed = new ArrayList<>();
      if (v % 10 == 0) {
        removed.addAll(Arrays.asList(names).subList((v - 5) * PER_VERSION, (v - 5) * PER_VERSION + 100));
      }
      added.sort(null);
      removed.sort(null);
      Manifest m =
          new Manifest(
              "bench.example/log", v, Instant.EPOCH, v, "block", added.size(), removed.size(), 0,
              zero, zero, zero);
      history.add(new VersionRecord(m, "", added, removed));
    }
    from = VERSIONS - span;
    newer = history.subList(VERSIONS - span, VERSIONS);
    System.gc();
  }

  @Benchmark
  public Delta build() {
    return Delta.between(from, newer);
  }
}
