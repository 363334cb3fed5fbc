package org.blocklist.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.Locale;
import org.blocklist.domain.DomainMatcher;

/**
 * Retained heap of a version of 1,000,000 synthetic entries: the {@code String[]} of entries alone,
 * then a {@link DomainMatcher} on top of it (which shares the strings), as heap used after repeated
 * full collections. Also times one cold build (the first, before the JIT has compiled it).
 *
 * <p>Run: {@code java -Xms2g -Xmx2g -cp benchmarks/jmh/target/benchmarks.jar
 * org.blocklist.benchmarks.Footprint [entries]}.
 */
public final class Footprint {
  private Footprint() {}

  public static void main(String[] args) {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : MatcherBenchmark.ENTRIES;
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    long before = usedAfterGc(memory);
    String[] entries = SyntheticNames.entries(count, MatcherBenchmark.SEED);
    long withEntries = usedAfterGc(memory);

    long start = System.nanoTime();
    DomainMatcher matcher = DomainMatcher.of(entries);
    long coldBuildNanos = System.nanoTime() - start;
    long withMatcher = usedAfterGc(memory);

    long chars = 0;
    for (String entry : entries) {
      chars += entry.length();
    }
    long entriesBytes = withEntries - before;
    long matcherBytes = withMatcher - withEntries;
    System.out.println(matcher + ", entries " + count + ", mean length " + div(chars, count));
    System.out.println("entries (String[] + Strings): " + mib(entriesBytes) + " MiB, "
        + div(entriesBytes, count) + " bytes/entry");
    System.out.println("matcher on top:               " + mib(matcherBytes) + " MiB, "
        + div(matcherBytes, count) + " bytes/entry");
    long logical = 16 + 4L * count + 16 + 4L * Integer.parseInt(
        matcher.toString().replaceAll(".*capacity=(\\d+).*", "$1"));
    System.out.println("matcher arrays, computed:     " + mib(logical) + " MiB, "
        + div(logical, count) + " bytes/entry (String[] copy + int[] slots, compressed oops)");
    System.out.println("cold build (first call, interpreted/C1): "
        + String.format(Locale.ROOT, "%.1f", coldBuildNanos / 1e6) + " ms");
    Reference.reachabilityFence(entries);
    Reference.reachabilityFence(matcher);
  }

  private static long usedAfterGc(MemoryMXBean memory) {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  private static String div(long bytes, int count) {
    return String.format(Locale.ROOT, "%.2f", (double) bytes / count);
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
  }
}
