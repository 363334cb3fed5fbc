#!/usr/bin/env bash
# Ledger benchmark: approval latency at two list sizes, start-up time and RSS at the large one.
# Usage: benchmarks/run-ledger-bench.sh [a|b|all]     (from anywhere; runs from the repo root)
# Environment (defaults in brackets):
#   SMALL_ENTRIES [10000]  LARGE_ENTRIES [1000000]  PER_REQ [1000] domains per preload requisition
#   APPROVALS [200] per round  ROUNDS [3]  WARMUP [20]  RESTARTS [5]  JAVA_OPTS [] server JVM flags
#   CLIENT [socket] (or httpclient)  PRELOAD_TIMEOUT [7200] s  KEEP_LOGS [] dir to copy server logs to
#   JAR [target/blocklist.jar] the build measured (built with Maven only if it is the default and
#   missing); to compare two builds, run the script once per JAR back to back (A B A B) and compare
#   the medians of each pair
# Every server listens on 127.0.0.1 on free ports, uses a fresh temp data directory and is killed,
# and the directory deleted, on exit (normal or not).
set -euo pipefail
cd "$(dirname "$0")/.."

SCENARIO=${1:-all}
SMALL_ENTRIES=${SMALL_ENTRIES:-10000}
LARGE_ENTRIES=${LARGE_ENTRIES:-1000000}
PER_REQ=${PER_REQ:-1000}
APPROVALS=${APPROVALS:-200}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-20}
RESTARTS=${RESTARTS:-5}
CLIENT=${CLIENT:-socket}
PRELOAD_TIMEOUT=${PRELOAD_TIMEOUT:-7200}
JAVA_OPTS=${JAVA_OPTS:-}
CONFIG=benchmarks/bench-config.yaml
JAR=${JAR:-target/blocklist.jar}
BENCH=benchmarks/LedgerBench.java

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ledger-bench.XXXXXX")
SERVER_PID=""

cleanup() {
  local rc=$?
  stop_server KILL || true
  if [[ -n "${KEEP_LOGS:-}" ]]; then
    mkdir -p "$KEEP_LOGS" && cp "$WORK"/*.log "$KEEP_LOGS"/ 2>/dev/null || true
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

now_ms() { date +%s%3N; }

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

# start_server DATA_DIR LOG -> sets SERVER_PID, URL, STARTUP_MS (launch until /healthz is 200)
start_server() {
  local data=$1 logfile=$2 http stop dns t0 deadline
  http=$(free_port); stop=$(free_port); dns=$(free_port)
  URL="http://127.0.0.1:$http"
  t0=$(now_ms)
  # shellcheck disable=SC2086
  java $JAVA_OPTS -jar "$JAR" serve --config "$CONFIG" --data "$data" \
    --http-port "$http" --stop-port "$stop" --dns-port "$dns" >>"$logfile" 2>&1 &
  SERVER_PID=$!
  deadline=$((t0 + 300000))
  until curl -sf -o /dev/null --max-time 1 "$URL/healthz"; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      log "server exited during start-up; log:"; tail -20 "$logfile" >&2; SERVER_PID=""; return 1
    fi
    if (($(now_ms) > deadline)); then log "server not up after 300 s"; return 1; fi
    sleep 0.05
  done
  STARTUP_MS=$(($(now_ms) - t0))
}

# stop_server [TERM|KILL]: signal the server, wait at most 60 s, then SIGKILL.
stop_server() {
  local sig=${1:-TERM} i
  [[ -z "$SERVER_PID" ]] && return 0
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -s "$sig" "$SERVER_PID" 2>/dev/null || true
    for ((i = 0; i < 600; i++)); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$SERVER_PID" 2>/dev/null && kill -s KILL "$SERVER_PID" 2>/dev/null || true
  fi
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

principal() { # DATA ROLE NAME -> token
  timeout 120 java -jar "$JAR" principal add --data "$1" --role "$2" --name "$3" | tail -1
}

bench() { # MODE ARGS...
  local mode=$1; shift
  timeout "$PRELOAD_TIMEOUT" java "$BENCH" "$mode" --url "$URL" --police "$POLICE" \
    --prosecutor "$PROSECUTOR" --client "$CLIENT" "$@"
}

# approvals LABEL SEED
approvals() {
  bench approvals --count "$APPROVALS" --warmup "$WARMUP" --rounds "$ROUNDS" --seed "$2" \
    --label "$1" | grep -v '^samples_ms'
}

verify_line() { grep -o 'verified version [0-9]* ([0-9]* entries) in [0-9]* ms' "$1" | tail -1; }

if [[ ! -f "$JAR" ]]; then
  if [[ "$JAR" != target/blocklist.jar ]]; then log "JAR=$JAR: no such file"; exit 2; fi
  log "building $JAR"
  mvn -q -B -o package -DskipTests -Dspotless.check.skip
fi

echo "## Environment"
echo
echo '```'
echo "date:        $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "git:         $(git rev-parse --short HEAD 2>/dev/null || echo '?') (the scripts' checkout; the server is the jar below)"
echo "jar:         $JAR (sha256 $(sha256sum <"$JAR" | cut -c1-12))"
echo "nproc:       $(nproc)"
echo "cpu:         $(lscpu | grep 'Model name' | sed 's/Model name: *//')"
free -h | sed 's/^/memory:      /'
java -version 2>&1 | sed 's/^/java:        /'
echo "server JVM:  java ${JAVA_OPTS:-(no flags: default heap)} -jar $JAR serve --config $CONFIG"
java $JAVA_OPTS -XX:+PrintCommandLineFlags -version 2>&1 | head -1 | sed 's/^/JVM flags:   /'
echo "client:      $CLIENT; $APPROVALS approvals x $ROUNDS rounds after $WARMUP warm-up"
echo '```'
echo

scenario_a() {
  local data=$WORK/a-data logfile=$WORK/a-server.log
  echo "## (a) $SMALL_ENTRIES entries ($((SMALL_ENTRIES / PER_REQ)) requisitions x $PER_REQ)"
  echo
  start_server "$data" "$logfile"
  POLICE=$(principal "$data" police bench-police)
  PROSECUTOR=$(principal "$data" prosecutor bench-prosecutor)
  echo '```'
  bench preload --entries "$SMALL_ENTRIES" --per-requisition "$PER_REQ" --seed 1
  echo '```'
  approvals "a: $SMALL_ENTRIES entries" 101
  echo "RSS after the approvals: $(($(rss_kib "$SERVER_PID") / 1024)) MiB"
  echo
  stop_server TERM
  rm -rf "$data"
}

scenario_b() {
  local data=$WORK/b-data logfile=$WORK/b-server.log i ms=() rss=() verify=()
  echo "## (b) $LARGE_ENTRIES entries ($((LARGE_ENTRIES / PER_REQ)) requisitions x $PER_REQ)"
  echo
  start_server "$data" "$logfile"
  POLICE=$(principal "$data" police bench-police)
  PROSECUTOR=$(principal "$data" prosecutor bench-prosecutor)
  echo '```'
  bench preload --entries "$LARGE_ENTRIES" --per-requisition "$PER_REQ" --seed 2
  echo '```'
  echo "RSS of the preloading server at the end of the preload: $(($(rss_kib "$SERVER_PID") / 1024)) MiB"
  echo
  stop_server TERM
  echo "## (c) start-up at $LARGE_ENTRIES entries, $((LARGE_ENTRIES / PER_REQ)) versions"
  echo
  echo "blocklist.db: $(du -h "$data/blocklist.db" | cut -f1) ($(stat -c %s "$data/blocklist.db") bytes);" \
    "data dir: $(du -sh "$data" | cut -f1)"
  echo
  echo "| restart | start-up ms (launch to /healthz 200) | server log | RSS after start-up MiB |"
  echo "| ---: | ---: | --- | ---: |"
  for ((i = 1; i <= RESTARTS; i++)); do
    : >"$WORK/c-$i.log"
    start_server "$data" "$WORK/c-$i.log"
    ms+=("$STARTUP_MS")
    rss+=($(($(rss_kib "$SERVER_PID") / 1024)))
    echo "| $i | $STARTUP_MS | $(verify_line "$WORK/c-$i.log") | ${rss[-1]} |"
    if ((i < RESTARTS)); then stop_server TERM; fi
  done
  echo
  echo "start-up median: $(printf '%s\n' "${ms[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}') ms;" \
    "RSS after start-up median: $(printf '%s\n' "${rss[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}') MiB"
  echo
  echo "Approvals on the last restarted server:"
  echo
  approvals "b: $LARGE_ENTRIES entries" 202
  echo "RSS after the approvals: $(($(rss_kib "$SERVER_PID") / 1024)) MiB"
  echo
  stop_server TERM
  rm -rf "$data"
}

case "$SCENARIO" in
  a) scenario_a ;;
  b) scenario_b ;;
  all) scenario_a; scenario_b ;;
  *) echo "usage: $0 [a|b|all]" >&2; exit 2 ;;
esac
