#!/usr/bin/env bash
# CPU time of an offline `blocklist verify` by thread (hashing threads, JIT compilers, main).
# Usage: benchmarks/verify-thread-cpu.sh JAR ARCHIVE TRUST [extra JVM flags...]
# (ARCHIVE: a directory written by `verify --archive`, e.g. by run-verify-bench.sh with a kept
# archive; TRUST: the verifier key file.) Samples /proc/PID/task/*/stat every 0.2 s until the
# verifier exits; prints the 8 busiest threads, CPU in clock ticks (usually 1/100 s).
set -euo pipefail
JAR=$1 ARCHIVE=$2 TRUST=$3; shift 3
java -Xmx1g "$@" -jar "$JAR" verify --archive "$ARCHIVE" --trust "$TRUST" >/dev/null 2>&1 &
P=$!
declare -A CPU
while kill -0 "$P" 2>/dev/null; do
  for t in /proc/$P/task/*; do
    s=$(cat "$t/stat" 2>/dev/null) || continue
    name=$(cat "$t/comm" 2>/dev/null) || continue
    read -r -a f <<<"${s##*) }"
    CPU["$name:${t##*/}"]=$((f[11] + f[12]))
  done
  sleep 0.2
done
wait "$P" && echo "verify: exit 0" || echo "verify: exit $?"
for k in "${!CPU[@]}"; do echo "${CPU[$k]} $k"; done | sort -rn | head -8
