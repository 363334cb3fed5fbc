#!/usr/bin/env bash
# Sync agent benchmark: time from an approval returning to a watching agent having renamed its new
# output, at 1,000,000 entries, and the agent's memory.
# Usage: benchmarks/run-sync-bench.sh > benchmarks/results/sync-$(date +%F).md   (from anywhere)
# Environment (defaults in brackets):
#   ENTRIES [1000000]  PER_REQ [100000] names per preload requisition  COUNT [50] approvals per
#   round  ROUNDS [3]  WARMUP [5]  FORMAT [text] (text|rpz|unbound|hosts)  AGENT_OPTS [] agent JVM
#   flags  SERVER_OPTS [] server JVM flags  JAR [target/blocklist.jar]
# Besides the latencies it prints the agent's CPU time per approval (less dependent on what else
# the shared cores run than the wall-clock latencies).
# The server and the agent listen on 127.0.0.1 (free ports), use fresh temporary directories, and
# are killed, and the directories deleted, on exit (normal or not).
set -euo pipefail
cd "$(dirname "$0")/.."

ENTRIES=${ENTRIES:-1000000}
PER_REQ=${PER_REQ:-100000}
COUNT=${COUNT:-50}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-5}
FORMAT=${FORMAT:-text}
AGENT_OPTS=${AGENT_OPTS:-}
SERVER_OPTS=${SERVER_OPTS:-}
JAR=${JAR:-target/blocklist.jar}
CONFIG=benchmarks/bench-config.yaml

WORK=$(mktemp -d "${TMPDIR:-/tmp}/sync-bench.XXXXXX")
SERVER_PID=""
AGENT_PID=""
cleanup() {
  local rc=$?
  for pid in "$AGENT_PID" "$SERVER_PID"; do
    [[ -n "$pid" ]] && kill -KILL "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  rm -rf "$WORK"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_mib() { awk '/^VmRSS:/ {print int($2 / 1024)}' "/proc/$1/status"; }
principal() { java -jar "$JAR" principal add --data "$WORK/data" --role "$1" --name "$2" | tail -1; }

if [[ ! -f "$JAR" ]]; then
  log "building $JAR"
  mvn -q -B -o package -DskipTests -Dspotless.check.skip
fi

HTTP=$(free_port)
URL="http://127.0.0.1:$HTTP"
# shellcheck disable=SC2086
java $SERVER_OPTS -jar "$JAR" serve --config "$CONFIG" --data "$WORK/data" --http-port "$HTTP" \
  --stop-port "$(free_port)" --dns-port "$(free_port)" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
until curl -sf -o /dev/null --max-time 1 "$URL/healthz"; do
  kill -0 "$SERVER_PID" 2>/dev/null || { log "server did not start"; tail "$WORK/server.log" >&2; exit 1; }
  sleep 0.1
done
POLICE=$(principal police bench-police)
PROSECUTOR=$(principal prosecutor bench-prosecutor)
ISP=$(principal isp bench-isp)

echo "# Sync agent benchmark, $(date -u +%F)"
echo
echo '```'
echo "date:      $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "git:       $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "jar:       $JAR (sha256 $(sha256sum <"$JAR" | cut -c1-12))"
echo "nproc:     $(nproc)"
echo "cpu:       $(lscpu | grep 'Model name' | sed 's/Model name: *//')"
echo "memory:    $(free -h | awk '/^Mem:/ {print $2}')"
echo "java:      $(java -version 2>&1 | head -1)"
echo "agent JVM: java ${AGENT_OPTS:-(no flags)} -jar $JAR sync --format $FORMAT"
echo "agent JVM flags: $(java $AGENT_OPTS -XX:+PrintCommandLineFlags -version 2>&1 | head -1)"
echo "command:   ENTRIES=$ENTRIES PER_REQ=$PER_REQ COUNT=$COUNT ROUNDS=$ROUNDS WARMUP=$WARMUP FORMAT=$FORMAT benchmarks/run-sync-bench.sh"
echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo '```'
echo

log "preloading $ENTRIES entries"
echo '```'
java benchmarks/LedgerBench.java preload --url "$URL" --police "$POLICE" --prosecutor "$PROSECUTOR" \
  --entries "$ENTRIES" --per-requisition "$PER_REQ" --seed 3 | grep -E 'preload: (done|[0-9 ]+%)' | tail -2
echo '```'
echo

curl -sf "$URL/v1/keys" | python3 -c 'import json,sys; print(json.load(sys.stdin)["verifierKey"])' >"$WORK/trust.key"
OUT="$WORK/state/$(case $FORMAT in text) echo blocklist.txt;; rpz) echo blocklist.rpz;; unbound) echo blocklist.unbound.conf;; hosts) echo blocklist.hosts;; esac)"
T0=$(date +%s%3N)
# shellcheck disable=SC2086
java $AGENT_OPTS -jar "$JAR" sync --server "$URL" --token "$ISP" --trust "$WORK/trust.key" \
  --state "$WORK/state" --format "$FORMAT" >"$WORK/agent.log" 2>&1 &
AGENT_PID=$!
until grep -q "applied version" "$WORK/agent.log" 2>/dev/null; do
  kill -0 "$AGENT_PID" 2>/dev/null || { log "agent stopped"; tail "$WORK/agent.log" >&2; exit 1; }
  sleep 0.1
done
T1=$(date +%s%3N)
echo "First sync (the whole list, from version 0): $((T1 - T0)) ms from launch to the output in place;" \
  "agent RSS then $(rss_mib "$AGENT_PID") MiB; output $(du -h "$OUT" | cut -f1)."
echo

CPU0=$(cpu_ticks "$AGENT_PID")
log "timing $ROUNDS rounds of $COUNT approvals"
echo "Rename of the agent's output after each approval returned ($FORMAT format):"
echo
java benchmarks/SyncBench.java --url "$URL" --police "$POLICE" --prosecutor "$PROSECUTOR" \
  --watch "$OUT" --count "$COUNT" --warmup "$WARMUP" --rounds "$ROUNDS"
CPU1=$(cpu_ticks "$AGENT_PID")
TICKS=$(getconf CLK_TCK)
echo
echo "Agent CPU (user + system) during the $((WARMUP + COUNT * ROUNDS)) approvals:" \
  "$(awk -v t=$((CPU1 - CPU0)) -v k="$TICKS" -v n=$((WARMUP + COUNT * ROUNDS)) \
    'BEGIN {printf "%.2f s, %.1f ms per approval (idle polls included)", t / k, 1000 * t / k / n}')."
echo
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
RSS=$(rss_mib "$AGENT_PID")
jcmd "$AGENT_PID" GC.run >/dev/null
HEAP=$(jcmd "$AGENT_PID" GC.heap_info | grep -oE 'used [0-9]+K' | head -1 | grep -oE '[0-9]+')
echo "Agent memory after the approvals: RSS $RSS MiB; heap used after a full GC $((HEAP / 1024)) MiB" \
  "($(jcmd "$AGENT_PID" GC.heap_info | sed -n 2p | sed "s/^ *//"))."
echo
echo "Agent log (last lines):"
echo
echo '```'
grep -E "applied version" "$WORK/agent.log" | tail -2 | cut -c1-200
echo '```'
