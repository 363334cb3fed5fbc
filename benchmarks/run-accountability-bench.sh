#!/usr/bin/env bash
# Accountability benchmark (issue 13): GET /v1/transparency on a large history, and the expiry of
# a large share of the entries due at once, with the approval latency meanwhile. The service runs
# in the benchmark's own JVM (benchmarks/AccountabilityBench.java) on a wall clock it moves, so the
# expiry needs no waiting. Usage, from anywhere:
#   benchmarks/run-accountability-bench.sh [--entries N] [--versions V] [--bulk B] [--months M]
#                                          [--runs R] [--expiry-batch K] [--due D]
# Defaults: the issue's sizes, 1,000,000 entries in 10,000 versions (100 bulk versions, then
# one-name versions) over 24 months, then the first 100,000 due at once (batch 10,000 per version;
# they were approved two days before the rest, so the clock jump makes only them due).
# JAVA_OPTS [-Xmx3g] the JVM's flags. JAR [] a built blocklist.jar to measure instead of
# target/classes (so that a build during the run cannot change what is measured).
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_OPTS=${JAVA_OPTS:--Xmx3g}
if [[ -n "${JAR:-}" ]]; then
  CP=$JAR
else
  if [[ ! -d target/classes/org/blocklist ]]; then
    mvn -q -B -o compile -Dspotless.check.skip
  fi
  CP_FILE=$(mktemp)
  trap 'rm -f "$CP_FILE"' EXIT
  mvn -q -B -o dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=runtime >/dev/null
  CP="target/classes:$(cat "$CP_FILE")"
fi
echo "# accountability benchmark, $(date -u +%F)"
echo
echo '```'
echo "date:   $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "git:    $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "nproc:  $(nproc)"
echo "cpu:    $(lscpu | grep 'Model name' | sed 's/Model name: *//')"
echo "java:   $(java -version 2>&1 | head -1)"
echo "args:   $*"
echo "load:   $(cut -d' ' -f1-3 /proc/loadavg)"
echo '```'
echo
echo '```'
# shellcheck disable=SC2086
java $JAVA_OPTS -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" \
  benchmarks/AccountabilityBench.java "$@"
echo '```'
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
