#!/usr/bin/env bash
# verify benchmark: `blocklist verify` of a large history (issue 8: 1,000 versions and 1,000,000
# entries in under 10 s and under 1 GiB), online against a running server and offline from the
# archive that the first online run writes.
# Usage: benchmarks/run-verify-bench.sh           (from anywhere; runs from the repository root)
# Environment (defaults in brackets):
#   ENTRIES [1000000]  PER_REQ [1000] names per requisition (so ENTRIES/PER_REQ versions)
#   RUNS [5] timed runs of each kind  VERIFY_OPTS [-Xmx1g] the verifier's JVM flags
#   SERVER_OPTS [] the server's JVM flags  JAR [target/blocklist.jar] the build measured
#   KEEP_DATA [] a directory: the server's data (and an auditor token) are kept there and reused
#   by the next run with the same KEEP_DATA (the preload of 1,000,000 entries takes minutes)
# Each run is `/usr/bin/time -v java $VERIFY_OPTS -jar $JAR verify ...`: wall time, CPU time
# (user + system: less dependent on what else the shared cores run) and the process's peak RSS;
# the run must exit 0. The server listens on 127.0.0.1 on free ports; it is
# stopped, and the temporary directory deleted, on exit (normal or not).
set -euo pipefail
cd "$(dirname "$0")/.."

ENTRIES=${ENTRIES:-1000000}
PER_REQ=${PER_REQ:-1000}
RUNS=${RUNS:-5}
VERIFY_OPTS=${VERIFY_OPTS:--Xmx1g}
SERVER_OPTS=${SERVER_OPTS:-}
JAR=${JAR:-target/blocklist.jar}
CONFIG=benchmarks/bench-config.yaml
BENCH=benchmarks/LedgerBench.java

WORK=$(mktemp -d "${TMPDIR:-/tmp}/verify-bench.XXXXXX")
STATE=${KEEP_DATA:-$WORK/state}
DATA=$STATE/data
mkdir -p "$STATE"
SERVER_PID=""

cleanup() {
  local rc=$?
  if [[ -n "$SERVER_PID" ]]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
principal() { # ROLE NAME -> token
  timeout 120 java -jar "$JAR" principal add --data "$DATA" --role "$1" --name "$2" | tail -1
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

if [[ ! -f "$JAR" ]]; then
  if [[ "$JAR" != target/blocklist.jar ]]; then log "JAR=$JAR: no such file"; exit 2; fi
  log "building $JAR"
  mvn -q -B -o package -DskipTests -Dspotless.check.skip
fi

HTTP=$(free_port)
URL="http://127.0.0.1:$HTTP"
# shellcheck disable=SC2086
java $SERVER_OPTS -jar "$JAR" serve --config "$CONFIG" --data "$DATA" --http-port "$HTTP" \
  --stop-port "$(free_port)" --dns-port "$(free_port)" >>"$WORK/server.log" 2>&1 &
SERVER_PID=$!
until curl -sf -o /dev/null --max-time 1 "$URL/healthz"; do
  kill -0 "$SERVER_PID" 2>/dev/null || { log "server exited:"; tail -20 "$WORK/server.log" >&2; exit 1; }
  sleep 0.1
done

VERSION=$(curl -sf "$URL/v1/checkpoint" | sed -n 2p)
if ((VERSION == 0)); then
  log "preloading $ENTRIES entries in $((ENTRIES / PER_REQ)) versions"
  POLICE=$(principal police bench-police)
  PROSECUTOR=$(principal prosecutor bench-prosecutor)
  java "$BENCH" preload --url "$URL" --police "$POLICE" --prosecutor "$PROSECUTOR" \
    --entries "$ENTRIES" --per-requisition "$PER_REQ" --seed 3 >&2
fi
TOKEN_FILE=$STATE/auditor.token
if [[ ! -s "$TOKEN_FILE" ]]; then
  principal auditor "bench-auditor-$(date +%s)" >"$TOKEN_FILE"
fi
AUDITOR=$(cat "$TOKEN_FILE")
curl -sf "$URL/v1/keys" | python3 -c 'import json,sys; print(json.load(sys.stdin)["verifierKey"])' \
  >"$WORK/trust"
CHECKPOINT=$(curl -sf "$URL/v1/checkpoint" | head -3 | tr '\n' ' ')

echo "# verify benchmark, $(date -u +%F)"
echo
echo '```'
echo "date:        $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "git:         $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "jar:         $JAR (sha256 $(sha256sum <"$JAR" | cut -c1-12))"
echo "nproc:       $(nproc)"
echo "cpu:         $(lscpu | grep 'Model name' | sed 's/Model name: *//')"
free -h | sed 's/^/memory:      /'
java -version 2>&1 | sed 's/^/java:        /'
echo "history:     $CHECKPOINT($ENTRIES entries preloaded in requisitions of $PER_REQ)"
echo "verifier:    java $VERIFY_OPTS -jar $JAR verify ..."
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo '```'
echo

run() { # KIND ARGS... -> one table row; fails unless verify exits 0
  local kind=$1 i=$2; shift 2
  local out=$WORK/run.out timing=$WORK/run.time
  # shellcheck disable=SC2086
  if ! /usr/bin/time -v -o "$timing" java $VERIFY_OPTS -jar "$JAR" verify "$@" >"$out" 2>"$WORK/run.err"; then
    log "verify failed:"; cat "$out" "$WORK/run.err" >&2; exit 1
  fi
  local wall rss cpu
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(k=1;k<=n;k++) s=s*60+t[k]; print s}' "$timing")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%d", $2/1024}' "$timing")
  cpu=$(awk -F': ' '/User time|System time/ {s+=$2} END {printf "%.1f", s}' "$timing")
  echo "$kind $wall $rss $cpu" >>"$WORK/results"
  echo "| $kind | $i | $wall | $cpu | $rss | $(cut -d' ' -f1 /proc/loadavg) |"
}

echo "Runs: \`archive\` is the first, online run that also writes the archive (one fsync per file);"
echo "\`online\` verifies against the server (which serves on the same two cores), \`offline\` the archive."
echo
echo "| run | # | wall s | CPU s (user + system) | peak RSS MiB | load (1 min) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
run archive 0 --server "$URL" --token "$AUDITOR" --trust "$WORK/trust" --archive "$WORK/archive"
cp "$WORK/run.out" "$WORK/report.txt"
for ((i = 1; i <= RUNS; i++)); do
  run online "$i" --server "$URL" --token "$AUDITOR" --trust "$WORK/trust"
  run offline "$i" --archive "$WORK/archive" --trust "$WORK/trust"
done
echo
for kind in online offline; do
  w=$(awk -v k="$kind" '$1 == k {print $2}' "$WORK/results" | median)
  r=$(awk -v k="$kind" '$1 == k {print $3}' "$WORK/results" | median)
  c=$(awk -v k="$kind" '$1 == k {print $4}' "$WORK/results" | median)
  echo "- $kind: median of $RUNS runs: **$w s** wall, $c s of CPU, peak RSS **$r MiB**"
done
echo
echo "Report of the first run:"
echo
echo '```'
cat "$WORK/report.txt"
echo '```'
echo
echo "Archive: $(du -sh "$WORK/archive" | cut -f1), $(find "$WORK/archive" -type f | wc -l) files."
echo "Load after: $(cut -d' ' -f1-3 /proc/loadavg)"
