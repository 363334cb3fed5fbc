package org.blocklist.benchmarks;

import java.util.concurrent.TimeUnit;
import org.blocklist.domain.DomainMatcher;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time of {@link DomainMatcher#of} over 1,000,000 synthetic entries: what a published version adds
 * to the approval latency on the writer thread. Average time per build in milliseconds, including
 * the allocation of the table (about 16 MiB) and its share of garbage collection.
 *
 * <p>Run: {@code benchmarks/jmh/run.sh}, or {@code java -jar benchmarks/jmh/target/benchmarks.jar
 * BuildBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class BuildBenchmark {
  private String[] entries;

  @Setup(Level.Trial)
  public void setUp() {
    entries = SyntheticNames.entries(MatcherBenchmark.ENTRIES, MatcherBenchmark.SEED);
    // Promote the entries to the old generation now, as in production: otherwise the first young
    // collection, inside a measured iteration, copies all 1,000,000 strings.
    System.gc();
  }

  @Benchmark
  public DomainMatcher build() {
    return DomainMatcher.of(entries);
  }
}
