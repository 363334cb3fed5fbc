package org.blocklist.benchmarks;

import java.util.Arrays;
import java.util.List;
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
 * What a published version costs the matcher on the writer thread, at 1,000,000 entries: {@link
 * #build} is a full {@link DomainMatcher#of} (start-up, and the occasional rebuild); {@link
 * #withThousandChanges} is {@link DomainMatcher#withChanges} with the 1,000 names of a maximal
 * requisition, the normal path of an approval. Average time per call in milliseconds, including the
 * allocation of the table and its share of garbage collection.
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
  static final int CHANGES = 1000;

  private String[] entries;
  private DomainMatcher matcher;
  private List<String> added;

  @Setup(Level.Trial)
  public void setUp() {
    String[] all = SyntheticNames.entries(MatcherBenchmark.ENTRIES + CHANGES, MatcherBenchmark.SEED);
    entries = Arrays.copyOf(all, MatcherBenchmark.ENTRIES);
    added = List.of(Arrays.copyOfRange(all, MatcherBenchmark.ENTRIES, all.length));
    matcher = DomainMatcher.of(entries);
    // Promote the entries to the old generation now, as in production: otherwise the first young
    // collection, inside a measured iteration, copies all 1,000,000 strings.
    System.gc();
  }

  @Benchmark
  public DomainMatcher build() {
    return DomainMatcher.of(entries);
  }

  @Benchmark
  public DomainMatcher withThousandChanges() {
    return matcher.withChanges(added, List.of());
  }
}
