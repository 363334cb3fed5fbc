#!/usr/bin/env bash
# Builds and runs the DomainMatcher benchmarks (MatcherBenchmark, BuildBenchmark) and the
# Footprint program, and writes the results with machine information to
# benchmarks/results/jmh-matcher-<date>.md.
#
# Settings for a 2-core machine shared with other work: one fork, 3 warm-up and 5 measured
# iterations of 2 s, the gc profiler (bytes allocated per operation). Override with JMH_ARGS.
# Usage: benchmarks/jmh/run.sh [output.md]
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
date="$(date +%F)"
out="${1:-$root/benchmarks/results/jmh-$date.md}"
jmh_args="${JMH_ARGS:--f 1 -wi 3 -i 5 -w 2s -r 2s -prof gc}"
work="$here/target/run"

echo "== installing the root artifact (shaded jar) ==" >&2
(cd "$root" && mvn -q -B install -DskipTests -Dspotless.check.skip)
echo "== building benchmarks.jar ==" >&2
(cd "$here" && mvn -q -B package)
mkdir -p "$work" "$(dirname "$out")"

jar="$here/target/benchmarks.jar"
matcher_cmd="java -jar benchmarks/jmh/target/benchmarks.jar MatcherBenchmark $jmh_args"
build_cmd="java -jar benchmarks/jmh/target/benchmarks.jar BuildBenchmark $jmh_args"
delta_cmd="java -jar benchmarks/jmh/target/benchmarks.jar DeltaBenchmark $jmh_args"
footprint_cmd="java -Xms2g -Xmx2g -cp benchmarks/jmh/target/benchmarks.jar org.blocklist.benchmarks.Footprint"

echo "== $matcher_cmd ==" >&2
# shellcheck disable=SC2086
java -jar "$jar" MatcherBenchmark $jmh_args -rf json -rff "$work/matcher.json" | tee "$work/matcher.txt" >&2
echo "== $build_cmd ==" >&2
# shellcheck disable=SC2086
java -jar "$jar" BuildBenchmark $jmh_args -rf json -rff "$work/build.json" | tee "$work/build.txt" >&2
echo "== $delta_cmd ==" >&2
# shellcheck disable=SC2086
java -jar "$jar" DeltaBenchmark $jmh_args -rf json -rff "$work/delta.json" | tee "$work/delta.txt" >&2
echo "== $footprint_cmd ==" >&2
java -Xms2g -Xmx2g -cp "$jar" org.blocklist.benchmarks.Footprint | tee "$work/footprint.txt" >&2

summary() {
  python3 - "$@" <<'PY'
import json, statistics, sys
print("| benchmark | mode | median | mean ± error | per iteration | alloc B/op (median) |")
print("| --- | --- | --- | --- | --- | --- |")
for path in sys.argv[1:]:
    for r in json.load(open(path)):
        m = r["primaryMetric"]
        raw = [x for fork in m["rawData"] for x in fork]
        alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
        alloc_s = "n/a"
        if alloc:
            a = [x for fork in alloc["rawData"] for x in fork]
            alloc_s = "%.3f" % statistics.median(a)
        print("| %s | %s | %.3f %s | %.3f ± %.3f | %s | %s |" % (
            r["benchmark"].rsplit(".", 2)[-2] + "." + r["benchmark"].rsplit(".", 1)[-1],
            r["mode"], statistics.median(raw), m["scoreUnit"], m["score"], m["scoreError"],
            ", ".join("%.2f" % x for x in raw), alloc_s))
PY
}

{
  echo "# Matcher and delta benchmarks, $date"
  echo
  echo "Produced by \`benchmarks/jmh/run.sh\` at commit \`$(cd "$root" && git rev-parse --short HEAD)\`."
  echo
  echo "## Machine"
  echo
  echo '```'
  echo "nproc: $(nproc)"
  lscpu | grep -E '^(Model name|Architecture|CPU\(s\)|Thread|Core|Socket|L2|L3)' || true
  echo "memory: $(free -h | awk '/^Mem:/ {print $2 " total, " $7 " available"}')"
  echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  java -version 2>&1
  echo '```'
  echo
  echo "## Commands"
  echo
  echo '```'
  echo "$matcher_cmd"
  echo "$build_cmd"
  echo "$delta_cmd"
  echo "$footprint_cmd"
  echo '```'
  echo
  echo "## Summary"
  echo
  echo "Median of the measured iterations (JMH's own score is the mean ± 99.9% error)."
  echo
  summary "$work/matcher.json" "$work/build.json" "$work/delta.json"
  echo
  echo "## Footprint"
  echo
  echo '```'
  cat "$work/footprint.txt"
  echo '```'
  echo
  echo "## JMH output: MatcherBenchmark"
  echo
  echo '```'
  cat "$work/matcher.txt"
  echo '```'
  echo
  echo "## JMH output: BuildBenchmark"
  echo
  echo '```'
  cat "$work/build.txt"
  echo '```'
  echo
  echo "## JMH output: DeltaBenchmark"
  echo
  echo '```'
  cat "$work/delta.txt"
  echo '```'
} > "$out"
echo "wrote $out" >&2
