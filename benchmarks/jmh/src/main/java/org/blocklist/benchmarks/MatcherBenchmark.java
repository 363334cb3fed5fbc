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
 * Time of one {@link DomainMatcher#match} over a version of 1,000,000 synthetic entries, one lookup
 * per operation, cycling through 65,536 precomputed queries (far more than fit the branch
 * predictor, and spread over the whole table, so the table's cache misses are paid as in
 * production).
 *
 * <ul>
 *   <li>{@code matchMixed}: 10% exact hits, 20% hits below an entry, 35% random misses, 35% near
 *       misses ({@code x} + entry): the skewed mix an ISP resolver sends.
 *   <li>{@code matchHits}, {@code matchMisses}: each side alone.
 *   <li>{@code walkMixed}: a baseline, no lookup: the sum of the characters of each query of the
 *       mix read right to left with {@code charAt}, as {@code match} reads them. On a shared
 *       machine it shows what one pass over a name costs there and then.
 * </ul>
 *
 * <p>Run: {@code benchmarks/jmh/run.sh}, or after building {@code java -jar
 * benchmarks/jmh/target/benchmarks.jar MatcherBenchmark -prof gc} (the {@code gc} profiler reports
 * {@code gc.alloc.rate.norm}, the bytes allocated per lookup: expect about 0).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MatcherBenchmark {
  static final int ENTRIES = 1_000_000;
  static final long SEED = 20261122L;
  private static final int QUERIES = 1 << 16;
  private static final int MASK = QUERIES - 1;

  private DomainMatcher matcher;
  private String[] mixed;
  private String[] hits;
  private String[] misses;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    String[] entries = SyntheticNames.entries(ENTRIES, SEED);
    matcher = DomainMatcher.of(entries);
    mixed = SyntheticNames.mixedQueries(entries, matcher, QUERIES, SEED + 1);
    hits = SyntheticNames.hits(entries, QUERIES, SEED + 2);
    misses = SyntheticNames.misses(entries, matcher, QUERIES, SEED + 3);
    checkAnswers();
    // Promote the entries to the old generation now, as in production: otherwise the first young
    // collection, inside a measured iteration, copies all 1,000,000 strings.
    System.gc();
  }

  private void checkAnswers() {
    for (String hit : hits) {
      if (matcher.match(hit) == null) {
        throw new IllegalStateException("expected a hit: " + hit);
      }
    }
    for (String miss : misses) {
      if (matcher.match(miss) != null) {
        throw new IllegalStateException("expected a miss: " + miss);
      }
    }
  }

  @Benchmark
  public String matchMixed() {
    return matcher.match(mixed[next++ & MASK]);
  }

  @Benchmark
  public int walkMixed() {
    String name = mixed[next++ & MASK];
    int sum = 0;
    for (int i = name.length() - 1; i >= 0; i--) {
      sum += name.charAt(i);
    }
    return sum;
  }

  @Benchmark
  public String matchHits() {
    return matcher.match(hits[next++ & MASK]);
  }

  @Benchmark
  public String matchMisses() {
    return matcher.match(misses[next++ & MASK]);
  }
}
