#!/usr/bin/env bash
# HTTP benchmarks of issue 3, side by side with nginx in one run (see ../README.md).
#   benchmarks/http/run.sh [ENTRIES] [SECONDS] [ROUNDS]
# Starts nginx (fixed 80-byte JSON; for delta requests a static file with the bytes of
# blocklist's delta answer), a bare Netty HTTP server (NettyFloor.java, the 80-byte answer) and
# blocklist (with ENTRIES names, default 1,000,000) on loopback, runs wrk against each ROUNDS
# times (default 3) for SECONDS (default 10), interleaved, and prints medians of requests/s, p99
# and server CPU per request (user + system time of the server's processes over the run, divided
# by the requests: unlike requests/s it does not depend on what else the shared cores are doing).
# Two lookup series: "cached" (100,000 Zipf-skewed requests over 50,000 names, which the server's
# 100,000-answer cache holds after warm-up) and "miss" (MISS_NAMES distinct names, default
# 2,000,000, 10 % listed, each asked at most once per run, so almost every answer is computed).
# nginx and the floor are sent exactly the requests blocklist gets (same wrk scripts, so the
# client costs the same); nginx answering plain "GET /" is reported as well. Ratios are taken per
# round (blocklist and nginx measured minutes apart in the same round), then the median of those
# per-round ratios is reported with every round's ratio. A run with a wrk error or a non-2xx
# answer is discarded and listed with its reason. Everything it starts is stopped on exit.
# JAR=path (default target/blocklist.jar) is the build measured; with BASELINE_JAR=path/to/older.jar
# that build serves a copy of the same data and is measured in the same rounds on every blocklist
# series (*-baseline), with current / baseline per round.
# SERVER_JAVA_OPTS and FLOOR_JAVA_OPTS are passed to blocklist's and the floor's JVMs (e.g. a
# JFR recording or async-profiler as an agent).
set -euo pipefail
cd "$(dirname "$0")/../.."
ENTRIES=${1:-1000000}
SECONDS_PER_RUN=${2:-10}
ROUNDS=${3:-3}
MISS_NAMES=${MISS_NAMES:-2000000}
JAR=${JAR:-target/blocklist.jar}
THREADS=2
CONNECTIONS=64
WORK=$(mktemp -d /tmp/blocklist-httpbench.XXXXXX)
SERVER_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  [ -n "${FLOOR_PID:-}" ] && kill "$FLOOR_PID" 2>/dev/null || true
  [ -n "${BASE_PID:-}" ] && kill "$BASE_PID" 2>/dev/null && wait "$BASE_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "needs wrk: apt-get install wrk" >&2; exit 2; }
command -v nginx >/dev/null || { echo "needs nginx: apt-get install nginx-light" >&2; exit 2; }
if [ ! -f "$JAR" ]; then
  [ "$JAR" = target/blocklist.jar ] || { echo "JAR=$JAR: no such file" >&2; exit 2; }
  mvn -q -B package -DskipTests
fi
[ -z "${BASELINE_JAR:-}" ] || [ -f "$BASELINE_JAR" ] || { echo "BASELINE_JAR=$BASELINE_JAR: no such file" >&2; exit 2; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR == 0) print "-"; else print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
# requests/s and p99 (ms) out of wrk --latency output
rps() { awk '/Requests\/sec/ {print $2}'; }
p99() { awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}'; }
wait_healthy() { # port pid log
  for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$1/healthz" >/dev/null && return 0
    kill -0 "$2" 2>/dev/null || { echo "server exited during start-up:" >&2; tail -20 "$3" >&2; return 1; }
    sleep 0.1
  done
  echo "server on port $1 not healthy after 60 s" >&2; return 1
}

echo "== machine"; nproc; lscpu | grep 'Model name' || true; java -version 2>&1 | head -1; wrk -v 2>&1 | head -1 || true
nginx -v 2>&1 | head -1
echo "== date $(date -u +%Y-%m-%dT%H:%M:%SZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== jar $JAR (sha256 $(sha256sum < "$JAR" | cut -c1-12))${BASELINE_JAR:+; baseline $BASELINE_JAR (sha256 $(sha256sum < "$BASELINE_JAR" | cut -c1-12))}"
echo "== preparing $ENTRIES entries, 100000 cached-series queries, $MISS_NAMES mostly-missing names"
python3 benchmarks/http/names.py entries "$ENTRIES" "$WORK/entries.txt"
python3 benchmarks/http/names.py queries 100000 "$WORK/entries.txt" "$WORK/queries.txt"
python3 benchmarks/http/names.py misses "$MISS_NAMES" "$WORK/entries.txt" "$WORK/misses.txt"
# one file per wrk thread (line k goes to thread k mod THREADS): no two threads ask the same name
for ((t = 0; t < THREADS; t++)); do awk -v t=$t -v n=$THREADS 'NR % n == t' "$WORK/misses.txt" > "$WORK/misses.txt.$t"; done

FLOOR_PORT=$(free_port)
# shellcheck disable=SC2086
java ${FLOOR_JAVA_OPTS:-} -cp "$JAR" benchmarks/http/NettyFloor.java "$FLOOR_PORT" > "$WORK/floor.log" 2>&1 &
FLOOR_PID=$!

PORT=$(free_port)
# shellcheck disable=SC2086 # SERVER_JAVA_OPTS holds several words, e.g. a JFR recording
java ${SERVER_JAVA_OPTS:-} -jar "$JAR" serve --config benchmarks/http/bench-config.yaml --data "$WORK/data" \
  --http-port "$PORT" > "$WORK/serve.log" 2>&1 &
SERVER_PID=$!
wait_healthy "$PORT" "$SERVER_PID" "$WORK/serve.log"
API="http://127.0.0.1:$PORT"
token() { java -jar "$JAR" principal add --data "$WORK/data" --role "$1" --name "$2" | tail -1; }
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
  wait_healthy "$BASE_PORT" "$BASE_PID" "$WORK/baseline.log"
  BASE="http://127.0.0.1:$BASE_PORT"
fi

# The delta answer nginx serves: blocklist's own answer to the request the delta series sends,
# saved as a file, so nginx sends a body of exactly the same bytes (and size).
curl -sf -D "$WORK/delta.headers" -o "$WORK/delta.json" -H "Authorization: Bearer $ISP" "$API/v1/delta?from=1"
DELTA_BYTES=$(wc -c < "$WORK/delta.json")
for _ in 1 2; do # the answer is cached per (from, to): check that its size does not change
  n=$(curl -sf -H "Authorization: Bearer $ISP" "$API/v1/delta?from=1" | wc -c)
  [ "$n" = "$DELTA_BYTES" ] || echo "warning: delta answer size changed between requests: $DELTA_BYTES then $n bytes" >&2
done
# nginx's workers run as nobody: the file goes to a directory they may read ($WORK: traverse only)
chmod 711 "$WORK"; mkdir -p "$WORK/www"; cp "$WORK/delta.json" "$WORK/www/delta.json"; chmod -R a+rX "$WORK/www"
echo "== delta answer (GET /v1/delta?from=1): $DELTA_BYTES bytes of body; nginx serves the same bytes for the delta series"
if [ -n "${BASE_PID:-}" ]; then
  echo "   baseline's delta answer: $(curl -sf -H "Authorization: Bearer $ISP" "$BASE/v1/delta?from=1" | wc -c) bytes"
fi

NGINX_PORT=$(free_port)
python3 - benchmarks/http/nginx.conf "$WORK" "$NGINX_PORT" > "$WORK/nginx.conf" <<'PY'
import sys
conf, work, port = open(sys.argv[1]).read(), sys.argv[2], sys.argv[3]
body = open(work + "/www/delta.json", "rb").read().decode("latin-1")  # bytes kept as they are
if "$" not in body:  # nginx reads "$" in return text as a variable, and cannot escape it
    quoted = body.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\r", "\\r")
    answer = "return 200 '" + quoted + "';"
    print("nginx delta answer: return 200 '...' (inline)", file=sys.stderr)
else:
    answer = "etag off; alias " + work + "/www/delta.json;"
    print("nginx delta answer: static file (the body has a '$')", file=sys.stderr)
conf = conf.replace("PIDFILE", work + "/nginx.pid").replace("ERRLOG", work + "/nginx.err")
sys.stdout.buffer.write(conf.replace("PORT", port).replace("DELTA_ANSWER", answer).encode("latin-1"))
PY
nginx -c "$WORK/nginx.conf" -p "$WORK"
for _ in $(seq 1 50); do [ -s "$WORK/nginx.pid" ] && break; sleep 0.1; done
NGINX="http://127.0.0.1:$NGINX_PORT"
curl -sf -o "$WORK/nginx-delta.json" "$NGINX/v1/delta?from=1" || true
n=$(wc -c < "$WORK/nginx-delta.json")
cmp -s "$WORK/nginx-delta.json" "$WORK/delta.json" || { echo "nginx's delta body ($n bytes) is not blocklist's ($DELTA_BYTES bytes)" >&2; exit 1; }
echo "   nginx's delta body: $n bytes, the same bytes ($(grep -q 'alias /' "$WORK/nginx.conf" && echo 'static file' || echo 'inline return')); lookup body: $(curl -sf "$NGINX/v1/lookup?domain=a.example" | wc -c) bytes"

# CPU time (clock ticks, user + system) used so far by these processes, all their threads included
cpu_ticks() { for p in "$@"; do awk '{print $14 + $15}' "/proc/$p/stat"; done | paste -sd+ | bc; }
TICK_US=$((1000000 / $(getconf CLK_TCK)))
# lookups answered from blocklist's answer cache so far (Micrometer's Caffeine metrics on /metrics);
# empty if /metrics did not answer (three tries)
cache_gets() { # url result
  local t body
  for t in 1 2 3; do
    if body=$(curl -sf --max-time 10 "$1/metrics"); then
      echo "$body" | awk -v r="$2" '/^cache_gets_total/ && /cache="lookup"/ && $0 ~ "result=\"" r "\"" {s += $NF} END {printf "%d\n", s}'
      return
    fi
    sleep 0.5
  done
}
# one_run name round url script "pids" cache-url env...: one measured run. Counted runs append
# "round rps p99 cpu-us-per-request" to $name.runs; discarded ones "round reason" to $name.discarded.
# With a cache-url (blocklist), the share of lookups answered from the answer cache goes to $name.hits.
one_run() {
  local name=$1 round=$2 url=$3 script=$4 pids=$5 cache=$6; shift 6
  local out="$WORK/$name" before after h0="" m0="" h1 m1 rc=0 reason=""
  [ -n "$cache" ] && { h0=$(cache_gets "$cache" hit); m0=$(cache_gets "$cache" miss); }
  # shellcheck disable=SC2086 # pids is a list
  before=$(cpu_ticks $pids)
  env "$@" THREADS=$THREADS wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_PER_RUN}s --latency ${script:+-s "$script"} "$url" > "$out.last" 2>&1 || rc=$?
  # shellcheck disable=SC2086
  after=$(cpu_ticks $pids)
  cat "$out.last" >> "$out.wrk"
  [ "$rc" = 0 ] || reason="wrk exit status $rc"
  grep -q 'Socket errors' "$out.last" && reason="${reason:+$reason; }$(grep 'Socket errors' "$out.last" | sed 's/^ *//')"
  grep -q 'Non-2xx' "$out.last" && reason="${reason:+$reason; }$(grep 'Non-2xx' "$out.last" | sed 's/^ *//')"
  grep -q 'Requests/sec' "$out.last" || reason="${reason:-no Requests/sec in wrk output}"
  if [ -n "$reason" ]; then
    echo "round $round: $reason" >> "$out.discarded"
    echo "$name, round $round: discarded ($reason)" >&2
    return
  fi
  echo "$round $(rps < "$out.last") $(p99 < "$out.last") $(awk -v t="$((after - before))" -v us="$TICK_US" \
    '/requests in/ {printf "%.2f\n", t * us / $1}' "$out.last")" >> "$out.runs"
  if [ -n "$cache" ]; then
    h1=$(cache_gets "$cache" hit); m1=$(cache_gets "$cache" miss)
    if [ -n "$h0" ] && [ -n "$m0" ] && [ -n "$h1" ] && [ -n "$m1" ] && [ $((h1 + m1 - h0 - m0)) -gt 0 ]; then
      awk -v h=$((h1 - h0)) -v m=$((m1 - m0)) 'BEGIN {printf "%.3f\n", h / (h + m)}' >> "$out.hits"
    else
      echo "$name, round $round: answer-cache share not known (/metrics did not answer)" >&2
    fi
  fi
}
col() { awk -v c="$2" '{print $c}' "$WORK/$1.runs"; } # series column (2 rps, 3 p99, 4 cpu)
report() {
  local s=$1 hits=""
  [ -s "$WORK/$s.hits" ] && hits=", answer-cache hits median $(median < "$WORK/$s.hits") (runs: $(tr '\n' ' ' < "$WORK/$s.hits"))"
  echo "$s: rps median $(col "$s" 2 | median) (runs: $(col "$s" 2 | tr '\n' ' ')) p99 median $(col "$s" 3 | median) ms," \
    "server CPU median $(col "$s" 4 | median) us/request (runs: $(col "$s" 4 | tr '\n' ' '))$hits;" \
    "counted $(wc -l < "$WORK/$s.runs") of $ROUNDS, discarded $(wc -l < "$WORK/$s.discarded")"
}
# paired A B COLUMN LABEL: A/B within each round (both measured in it), then the median of those
paired() {
  local a=$1 b=$2 c=$3 label=$4 per
  per=$(awk -v c="$c" -v A="$WORK/$a.runs" 'FILENAME == A {v[$1] = $c; next} {w[$1] = $c}
    END {for (r = 1; r <= R; r++) printf "%s ", (r in v && r in w && w[r] > 0) ? sprintf("%.2f", v[r] / w[r]) : "-"}' \
    R="$ROUNDS" "$WORK/$a.runs" "$WORK/$b.runs")
  echo "$label $a / $b = $(echo "$per" | tr ' ' '\n' | grep -v -e '^-$' -e '^$' | median) (per round: $per)"
}

CACHED=(benchmarks/http/lookup.lua TOKEN="$ISP" QUERIES="$WORK/queries.txt")
MISSES=(benchmarks/http/lookup.lua TOKEN="$ISP" QUERIES="$WORK/misses.txt" SPLIT=1)
DELTAS=(benchmarks/http/delta.lua TOKEN="$ISP" FROM=1)
SERIES="nginx-lookup netty-floor lookup${BASE_PID:+ lookup-baseline}"
SERIES="$SERIES nginx-lookup-miss netty-floor-miss lookup-miss${BASE_PID:+ lookup-miss-baseline}"
SERIES="$SERIES nginx-delta delta${BASE_PID:+ delta-baseline} nginx"
for series in $SERIES; do : > "$WORK/$series.runs"; : > "$WORK/$series.discarded"; : > "$WORK/$series.hits"; done
NGINX_PIDS="$(cat "$WORK/nginx.pid") $(pgrep -P "$(cat "$WORK/nginx.pid")" | tr '\n' ' ')"
warm() { # seconds url wrk-script-and-env...
  local d=$1 url=$2 script=$3; shift 3
  env "$@" THREADS=$THREADS START=0.9 wrk -t$THREADS -c$CONNECTIONS -d"${d}s" -s "$script" "$url" > /dev/null
}
echo "== warm-up (not counted)"
wrk -t$THREADS -c$CONNECTIONS -d5s "$NGINX/" > /dev/null
warm 15 "http://127.0.0.1:$FLOOR_PORT" "${CACHED[@]}"
warm 20 "$API" "${CACHED[@]}"
warm 10 "$API" "${MISSES[@]}"
warm 15 "$API" "${DELTAS[@]}"
if [ -n "${BASE_PID:-}" ]; then
  warm 20 "$BASE" "${CACHED[@]}"; warm 10 "$BASE" "${MISSES[@]}"; warm 15 "$BASE" "${DELTAS[@]}"
fi
echo "== wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_PER_RUN}s, $ROUNDS rounds; in each round every series once, in this order: $SERIES"
for r in $(seq 1 "$ROUNDS"); do
  # the mostly-missing series starts each round at another point of each thread's names (the same
  # point for every server in the round); a run asks at most a few hundred thousand of them
  start=$(awk -v r="$r" 'BEGIN {x = r * 0.37; printf "%.2f", x - int(x)}')
  one_run nginx-lookup "$r" "$NGINX" "${CACHED[0]}" "$NGINX_PIDS" "" "${CACHED[@]:1}"
  one_run netty-floor "$r" "http://127.0.0.1:$FLOOR_PORT" "${CACHED[0]}" "$FLOOR_PID" "" "${CACHED[@]:1}"
  one_run lookup "$r" "$API" "${CACHED[0]}" "$SERVER_PID" "$API" "${CACHED[@]:1}"
  [ -n "${BASE_PID:-}" ] && one_run lookup-baseline "$r" "$BASE" "${CACHED[0]}" "$BASE_PID" "$BASE" "${CACHED[@]:1}"
  one_run nginx-lookup-miss "$r" "$NGINX" "${MISSES[0]}" "$NGINX_PIDS" "" "${MISSES[@]:1}" START="$start"
  one_run netty-floor-miss "$r" "http://127.0.0.1:$FLOOR_PORT" "${MISSES[0]}" "$FLOOR_PID" "" "${MISSES[@]:1}" START="$start"
  one_run lookup-miss "$r" "$API" "${MISSES[0]}" "$SERVER_PID" "$API" "${MISSES[@]:1}" START="$start"
  [ -n "${BASE_PID:-}" ] && one_run lookup-miss-baseline "$r" "$BASE" "${MISSES[0]}" "$BASE_PID" "$BASE" "${MISSES[@]:1}" START="$start"
  one_run nginx-delta "$r" "$NGINX" "${DELTAS[0]}" "$NGINX_PIDS" "" "${DELTAS[@]:1}"
  one_run delta "$r" "$API" "${DELTAS[0]}" "$SERVER_PID" "" "${DELTAS[@]:1}"
  [ -n "${BASE_PID:-}" ] && one_run delta-baseline "$r" "$BASE" "${DELTAS[0]}" "$BASE_PID" "" "${DELTAS[@]:1}"
  one_run nginx "$r" "$NGINX/" "" "$NGINX_PIDS" ""
  echo "round $r done ($(date -u +%H:%M:%S), load average $(cut -d' ' -f1-3 /proc/loadavg))"
done
echo "== per series (medians over the counted rounds)"
for series in $SERIES; do report "$series"; done
echo "== discarded runs (wrk error or non-2xx answer)"
d=0
for series in $SERIES; do
  if [ -s "$WORK/$series.discarded" ]; then sed "s/^/$series, /" "$WORK/$series.discarded"; d=1; fi
done
[ "$d" = 0 ] && echo "none"
echo "== ratios per paired round (A and B measured in the same round; median of the per-round ratios, '-' = a run of that round discarded)"
echo "requests/s, the same requests to both:"
paired lookup nginx-lookup 2 "  cached lookups:       "
paired lookup-miss nginx-lookup-miss 2 "  mostly-missing lookups:"
paired delta nginx-delta 2 "  delta polls:          "
paired lookup netty-floor 2 "  cached lookups:       "
paired lookup-miss netty-floor-miss 2 "  mostly-missing lookups:"
paired lookup-miss lookup 2 "  cost of missing:      "
echo "requests/s, against nginx answering plain 'GET /' (cheapest client):"
paired lookup nginx 2 "  cached lookups:       "
paired lookup-miss nginx 2 "  mostly-missing lookups:"
paired delta nginx 2 "  delta polls:          "
echo "server CPU per request (higher = costlier), the same requests to both:"
paired lookup nginx-lookup 4 "  cached lookups:       "
paired lookup-miss nginx-lookup-miss 4 "  mostly-missing lookups:"
paired delta nginx-delta 4 "  delta polls:          "
paired lookup netty-floor 4 "  cached lookups:       "
paired lookup-miss netty-floor-miss 4 "  mostly-missing lookups:"
if [ -n "${BASE_PID:-}" ]; then
  echo "current ($JAR) / baseline ($BASELINE_JAR), requests/s:"
  paired lookup lookup-baseline 2 "  cached lookups:       "
  paired lookup-miss lookup-miss-baseline 2 "  mostly-missing lookups:"
  paired delta delta-baseline 2 "  delta polls:          "
  echo "current / baseline, server CPU per request:"
  paired lookup lookup-baseline 4 "  cached lookups:       "
  paired lookup-miss lookup-miss-baseline 4 "  mostly-missing lookups:"
  paired delta delta-baseline 4 "  delta polls:          "
  echo "baseline / nginx, requests/s, the same requests:"
  paired lookup-baseline nginx-lookup 2 "  cached lookups:       "
  paired lookup-miss-baseline nginx-lookup-miss 2 "  mostly-missing lookups:"
  paired delta-baseline nginx-delta 2 "  delta polls:          "
fi

echo "== full snapshot of the latest version ($ENTRIES + 1 entries): 5 downloads"
: > "$WORK/snap"
for r in 1 2 3 4 5; do
  curl -s -o "$WORK/snapshot.txt" -w '%{time_total}\n' -H "Authorization: Bearer $ISP" "$API/v1/snapshot" >> "$WORK/snap"
done
echo "snapshot: $(wc -c < "$WORK/snapshot.txt") bytes, median $(median < "$WORK/snap") s (runs: $(tr '\n' ' ' < "$WORK/snap"))"
LIST=$(curl -s "$API/v1/versions/2" | awk '$1=="list" {print $2}')
echo "snapshot sha256 matches manifest list: $([ "$(sha256sum < "$WORK/snapshot.txt" | cut -d' ' -f1)" = "$LIST" ] && echo yes || echo NO)"
echo "server RSS after loading: $((RSS_KB / 1024)) MiB; now: $(( $(awk '/VmRSS/ {print $2}' "/proc/$SERVER_PID/status") / 1024 )) MiB"
[ -n "${BASE_PID:-}" ] && echo "baseline RSS now: $(( $(awk '/VmRSS/ {print $2}' "/proc/$BASE_PID/status") / 1024 )) MiB"
if [ -n "${KEEP_WRK:-}" ]; then mkdir -p "$KEEP_WRK" && cp "$WORK"/*.wrk "$WORK"/*.runs "$WORK"/*.hits "$WORK/delta.headers" "$WORK/delta.json" "$WORK/nginx.conf" "$KEEP_WRK"/; fi
exit 0
