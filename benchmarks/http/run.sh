#!/usr/bin/env bash
# HTTP benchmarks of issue 3, side by side with nginx in one run (see ../README.md).
#   benchmarks/http/run.sh [ENTRIES] [SECONDS] [ROUNDS]
# Starts nginx (fixed 80-byte JSON), a bare Netty HTTP server (NettyFloor.java, the same answer)
# and blocklist (with ENTRIES names, default 1,000,000) on loopback, runs wrk against each ROUNDS
# times (default 3) for SECONDS (default 10), interleaved, and prints medians of requests/s, p99
# and server CPU per request (user + system time of the server's processes over the run, divided
# by the requests: unlike requests/s it does not depend on what else the shared cores are doing).
# nginx and the floor are sent exactly the requests blocklist gets (same wrk scripts, so the
# client costs the same); nginx answering plain "GET /" is reported as well. Everything it
# starts is stopped on exit. With BASELINE_JAR=path/to/older/blocklist.jar,
# that build serves a copy of the same data and is measured in the same rounds (lookup-baseline),
# so a change is compared against the build before it on the same noisy machine.
# SERVER_JAVA_OPTS and FLOOR_JAVA_OPTS are passed to blocklist's and the floor's JVMs (e.g. a
# JFR recording or async-profiler as an agent).
set -euo pipefail
cd "$(dirname "$0")/../.."
ENTRIES=${1:-1000000}
SECONDS_PER_RUN=${2:-10}
ROUNDS=${3:-3}
THREADS=2
CONNECTIONS=64
WORK=$(mktemp -d /tmp/blocklist-httpbench.XXXXXX)
SERVER_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  [ -n "${FLOOR_PID:-}" ] && kill "$FLOOR_PID" 2>/dev/null || true
  [ -n "${BASE_PID:-}" ] && kill "$BASE_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "needs wrk: apt-get install wrk" >&2; exit 2; }
command -v nginx >/dev/null || { echo "needs nginx: apt-get install nginx-light" >&2; exit 2; }
[ -f target/blocklist.jar ] || mvn -q -B package -DskipTests

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
# requests/s and p99 (ms) out of wrk --latency output
rps() { awk '/Requests\/sec/ {print $2}'; }
p99() { awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}'; }

echo "== machine"; nproc; lscpu | grep 'Model name' || true; java -version 2>&1 | head -1; wrk -v 2>&1 | head -1 || true
echo "== preparing $ENTRIES entries"
python3 benchmarks/http/names.py entries "$ENTRIES" "$WORK/entries.txt"
python3 benchmarks/http/names.py queries 100000 "$WORK/entries.txt" "$WORK/queries.txt"

NGINX_PORT=$(free_port)
sed -e "s#PORT#$NGINX_PORT#" -e "s#PIDFILE#$WORK/nginx.pid#" -e "s#ERRLOG#$WORK/nginx.err#" \
  benchmarks/http/nginx.conf > "$WORK/nginx.conf"
nginx -c "$WORK/nginx.conf" -p "$WORK"

FLOOR_PORT=$(free_port)
# shellcheck disable=SC2086
java ${FLOOR_JAVA_OPTS:-} -cp target/blocklist.jar benchmarks/http/NettyFloor.java "$FLOOR_PORT" > "$WORK/floor.log" 2>&1 &
FLOOR_PID=$!

PORT=$(free_port)
# shellcheck disable=SC2086 # SERVER_JAVA_OPTS holds several words, e.g. a JFR recording
java ${SERVER_JAVA_OPTS:-} -jar target/blocklist.jar serve --config benchmarks/http/bench-config.yaml --data "$WORK/data" \
  --http-port "$PORT" > "$WORK/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
API="http://127.0.0.1:$PORT"
token() { java -jar target/blocklist.jar principal add --data "$WORK/data" --role "$1" --name "$2" | tail -1; }
POLICE=$(token police bench-police); JUDGE=$(token prosecutor bench-judge); ISP=$(token isp bench-isp)

echo "== loading $ENTRIES entries in one requisition"
python3 - "$WORK/entries.txt" > "$WORK/req.json" <<'PY'
import json, sys
print(json.dumps({"action": "block", "domains": open(sys.argv[1]).read().split(),
                  "legalBasis": "court-decision", "caseReference": "BENCH-HTTP"}))
PY
start=$(date +%s.%N)
curl -sf -o /dev/null -H "Authorization: Bearer $POLICE" -X POST "$API/v1/requisitions" --data-binary @"$WORK/req.json"
curl -sf -o /dev/null -H "Authorization: Bearer $JUDGE" -X POST "$API/v1/requisitions/1/approve" -d '{}'
echo "submitted and approved in $(echo "$(date +%s.%N) - $start" | bc) s"
printf '{"action":"block","domains":["one-more-name.example"],"legalBasis":"court-decision","caseReference":"BENCH-2"}' \
  | curl -sf -o /dev/null -H "Authorization: Bearer $POLICE" -X POST "$API/v1/requisitions" --data-binary @-
curl -sf -o /dev/null -H "Authorization: Bearer $JUDGE" -X POST "$API/v1/requisitions/2/approve" -d '{}'
RSS_KB=$(awk '/VmRSS/ {print $2}' "/proc/$SERVER_PID/status")
if [ -n "${BASELINE_JAR:-}" ]; then
  cp -r "$WORK/data" "$WORK/data-baseline"; rm -f "$WORK/data-baseline/serve.lock"
  BASE_PORT=$(free_port)
  java -jar "$BASELINE_JAR" serve --config benchmarks/http/bench-config.yaml --data "$WORK/data-baseline" \
    --http-port "$BASE_PORT" > "$WORK/baseline.log" 2>&1 &
  BASE_PID=$!
  for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$BASE_PORT/healthz" >/dev/null && break; sleep 0.1; done
fi

# CPU time (clock ticks, user + system) used so far by these processes, all their threads included
cpu_ticks() { for p in "$@"; do awk '{print $14 + $15}' "/proc/$p/stat"; done | paste -sd+ | bc; }
TICK_US=$((1000000 / $(getconf CLK_TCK)))
one_run() { # name url script "pids" env...: one measured run, appending rps, p99 and server CPU per request
  local name=$1 url=$2 script=$3 pids=$4; shift 4
  local out="$WORK/$name" before after
  # shellcheck disable=SC2086 # pids is a list
  before=$(cpu_ticks $pids)
  env "$@" wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_PER_RUN}s --latency ${script:+-s "$script"} "$url" > "$out.last"
  # shellcheck disable=SC2086
  after=$(cpu_ticks $pids)
  if grep -qE 'Non-2xx|Socket errors' "$out.last"; then
    echo "$name: wrk saw errors, not counted:" >&2; cat "$out.last" >&2; return
  fi
  rps < "$out.last" >> "$out.rps"; p99 < "$out.last" >> "$out.p99"
  awk -v t="$((after - before))" -v us="$TICK_US" '/requests in/ {printf "%.2f\n", t * us / $1}' "$out.last" >> "$out.cpu"
}
report() { echo "$1: rps median $(median < "$WORK/$1.rps") (runs: $(tr '\n' ' ' < "$WORK/$1.rps")) p99 median $(median < "$WORK/$1.p99") ms, server CPU median $(median < "$WORK/$1.cpu") us/request (runs: $(tr '\n' ' ' < "$WORK/$1.cpu"))"; }

echo "== wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_PER_RUN}s, $ROUNDS interleaved rounds (medians)"
SERIES="nginx nginx-lookup nginx-delta netty-floor lookup delta lookup-baseline"
for series in $SERIES; do
  : > "$WORK/$series.rps"; : > "$WORK/$series.p99"; : > "$WORK/$series.cpu"
done
NGINX_PIDS="$(cat "$WORK/nginx.pid") $(pgrep -P "$(cat "$WORK/nginx.pid")" | tr '\n' ' ')"
NGINX="http://127.0.0.1:$NGINX_PORT"
LOOKUPS=(benchmarks/http/lookup.lua TOKEN="$ISP" QUERIES="$WORK/queries.txt")
DELTAS=(benchmarks/http/delta.lua TOKEN="$ISP" FROM=1)
# warm-up, not counted: long enough for the servers' JIT (C2) to settle
wrk -t$THREADS -c$CONNECTIONS -d5s "$NGINX/" > /dev/null
TOKEN="$ISP" QUERIES="$WORK/queries.txt" wrk -t$THREADS -c$CONNECTIONS -d15s -s benchmarks/http/lookup.lua "http://127.0.0.1:$FLOOR_PORT" > /dev/null
TOKEN="$ISP" QUERIES="$WORK/queries.txt" wrk -t$THREADS -c$CONNECTIONS -d20s -s benchmarks/http/lookup.lua "$API" > /dev/null
TOKEN="$ISP" FROM=1 wrk -t$THREADS -c$CONNECTIONS -d15s -s benchmarks/http/delta.lua "$API" > /dev/null
[ -n "${BASE_PID:-}" ] && TOKEN="$ISP" QUERIES="$WORK/queries.txt" wrk -t$THREADS -c$CONNECTIONS -d20s -s benchmarks/http/lookup.lua "http://127.0.0.1:$BASE_PORT" > /dev/null
for r in $(seq 1 "$ROUNDS"); do
  one_run nginx "$NGINX/" "" "$NGINX_PIDS"
  one_run nginx-lookup "$NGINX" "${LOOKUPS[0]}" "$NGINX_PIDS" "${LOOKUPS[@]:1}"
  one_run nginx-delta "$NGINX" "${DELTAS[0]}" "$NGINX_PIDS" "${DELTAS[@]:1}"
  one_run netty-floor "http://127.0.0.1:$FLOOR_PORT" "${LOOKUPS[0]}" "$FLOOR_PID" "${LOOKUPS[@]:1}"
  one_run lookup "$API" "${LOOKUPS[0]}" "$SERVER_PID" "${LOOKUPS[@]:1}"
  one_run delta "$API" "${DELTAS[0]}" "$SERVER_PID" "${DELTAS[@]:1}"
  [ -n "${BASE_PID:-}" ] && one_run lookup-baseline "http://127.0.0.1:$BASE_PORT" "${LOOKUPS[0]}" "$BASE_PID" "${LOOKUPS[@]:1}"
done
for series in $SERIES; do [ -s "$WORK/$series.rps" ] && report "$series"; done
med() { median < "$WORK/$1.rps"; }
cpu() { median < "$WORK/$1.cpu"; }
ratio() { echo "scale=2; $1 / $2" | bc; }
echo "requests/s, same requests to both: lookup / nginx = $(ratio "$(med lookup)" "$(med nginx-lookup)")   delta / nginx = $(ratio "$(med delta)" "$(med nginx-delta)")   lookup / netty floor = $(ratio "$(med lookup)" "$(med netty-floor)")"
echo "requests/s, against nginx answering plain 'GET /' (cheapest client): lookup / nginx = $(ratio "$(med lookup)" "$(med nginx)")   delta / nginx = $(ratio "$(med delta)" "$(med nginx)")"
echo "server CPU per request: lookup / nginx = $(ratio "$(cpu lookup)" "$(cpu nginx-lookup)")   delta / nginx = $(ratio "$(cpu delta)" "$(cpu nginx-delta)")   lookup / netty floor = $(ratio "$(cpu lookup)" "$(cpu netty-floor)")"
[ -n "${BASE_PID:-}" ] && echo "lookup / lookup-baseline = $(ratio "$(med lookup)" "$(med lookup-baseline)") (requests/s), $(ratio "$(cpu lookup)" "$(cpu lookup-baseline)") (CPU per request)"

echo "== full snapshot of the latest version ($ENTRIES + 1 entries): 5 downloads"
: > "$WORK/snap"
for r in 1 2 3 4 5; do
  curl -s -o "$WORK/snapshot.txt" -w '%{time_total}\n' -H "Authorization: Bearer $ISP" "$API/v1/snapshot" >> "$WORK/snap"
done
echo "snapshot: $(wc -c < "$WORK/snapshot.txt") bytes, median $(median < "$WORK/snap") s (runs: $(tr '\n' ' ' < "$WORK/snap"))"
LIST=$(curl -s "$API/v1/versions/2" | awk '$1=="list" {print $2}')
echo "snapshot sha256 matches manifest list: $([ "$(sha256sum < "$WORK/snapshot.txt" | cut -d' ' -f1)" = "$LIST" ] && echo yes || echo NO)"
echo "server RSS after loading: $((RSS_KB / 1024)) MiB; now: $(( $(awk '/VmRSS/ {print $2}' "/proc/$SERVER_PID/status") / 1024 )) MiB"
