#!/usr/bin/env bash
# Fairness under a flooding ISP (issue 10, "Rate limits and fairness").
#   benchmarks/fairness/run.sh [SECONDS] [ROUNDS]     (defaults 10 and 3)
# Starts the jar (target/blocklist.jar, or JAR=...) with the default per-principal limits
# (isp: 2,000 requests/s, burst 5 s), two ISP principals and 10,000 entries, then, each round:
#   1. quiet: isp-b alone, wrk -t1 -c4 of lookups paced under its limit (~1,000/s), SECONDS long;
#   2. flood: the same isp-b run while isp-a floods with wrk -t2 -c64 of lookups at once.
# Reports isp-b's requests/s and p99 in both, the ratio flood/quiet per round and its median, and how
# isp-a's flood was answered (requests/s, share of 429). Loopback only; stops what it starts.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN=${1:-10}
ROUNDS=${2:-3}
JAR=${JAR:-target/blocklist.jar}
WORK=$(mktemp -d /tmp/blocklist-fairness.XXXXXX)
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
command -v wrk >/dev/null || { echo "needs wrk: apt-get install wrk" >&2; exit 2; }
[ -f "$JAR" ] || mvn -q -B package -DskipTests

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
token() { java -jar "$JAR" principal add --data "$WORK/data" --role "$1" --name "$2" | tail -1; }
POLICE=$(token police officer-1); JUDGE=$(token prosecutor magistrate-1)
ISP_A=$(token isp isp-a); ISP_B=$(token isp isp-b)
printf 'stopPage: { port: 0 }\ndns: { port: 0 }\nlimits: { requisitionDomains: 10000, bodyBytes: 4194304, requestsPerSecond: { police: 0, prosecutor: 0 } }\n' > "$WORK/config.yaml"
java -jar "$JAR" serve --config "$WORK/config.yaml" --data "$WORK/data" --http-port "$PORT" > "$WORK/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
API="http://127.0.0.1:$PORT"
python3 -c 'import json; print(json.dumps({"action":"block","domains":["n%d.example" % i for i in range(10000)],"legalBasis":"ccp-39bis","caseReference":"FAIR-1"}))' > "$WORK/req.json"
curl -sf -o /dev/null -H "Authorization: Bearer $POLICE" -X POST "$API/v1/requisitions" --data-binary @"$WORK/req.json"
curl -sf -o /dev/null -H "Authorization: Bearer $JUDGE" -X POST "$API/v1/requisitions/1/approve" -d '{}'

cat > "$WORK/status.lua" <<'LUA'
-- Counts answers by status across wrk's threads (each thread has its own Lua state).
local threads = {}
setup = function(thread) table.insert(threads, thread) end
init = function(args) ok = 0; limited = 0; other = 0 end
response = function(status, headers, body)
  if status == 200 then ok = ok + 1 elseif status == 429 then limited = limited + 1 else other = other + 1 end
end
done = function(summary, latency, requests)
  local o, l, x = 0, 0, 0
  for _, t in ipairs(threads) do o = o + t:get("ok"); l = l + t:get("limited"); x = x + t:get("other") end
  io.write(string.format("status 200 %d\nstatus 429 %d\nstatus other %d\n", o, l, x))
end
LUA
# isp-b paced under its limit: 4 connections, one request each every 4 ms (about 1,000/s of 2,000).
sed 's/^init = function(args) /delay = function() return 4 end\ninit = function(args) /' "$WORK/status.lua" > "$WORK/paced.lua"
p99() { awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}'; }
rps() { awk '/Requests\/sec/ {print $2}'; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
B="wrk -t1 -c4 -d${SECONDS_PER_RUN}s --latency -s '$WORK/paced.lua' -H 'Authorization: Bearer $ISP_B' '$API/v1/lookup?domain=www.n42.example'"
echo "== $(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); jar $JAR"
ratios=(); quiet_p99=(); flood_p99=()
for r in $(seq 1 "$ROUNDS"); do
  eval "$B" > "$WORK/quiet.txt"
  wrk -t2 -c64 -d$((SECONDS_PER_RUN + 2))s -s "$WORK/status.lua" -H "Authorization: Bearer $ISP_A" \
    "$API/v1/lookup?domain=www.n7.example" > "$WORK/flood.txt" &
  FLOOD=$!; sleep 1
  eval "$B" > "$WORK/during.txt"
  wait "$FLOOD"
  q=$(p99 < "$WORK/quiet.txt"); f=$(p99 < "$WORK/during.txt")
  qr=$(rps < "$WORK/quiet.txt"); fr=$(rps < "$WORK/during.txt")
  ar=$(rps < "$WORK/flood.txt")
  ok=$(awk '$1=="status" && $2==200 {print $3}' "$WORK/flood.txt"); ok=${ok:-0}
  limited=$(awk '$1=="status" && $2==429 {print $3}' "$WORK/flood.txt"); limited=${limited:-0}
  ratio=$(awk -v a="$f" -v b="$q" 'BEGIN {printf "%.2f", a/b}')
  ratios+=("$ratio"); quiet_p99+=("$q"); flood_p99+=("$f")
  bq=$(awk '$1=="status" && $2==429 {print $3}' "$WORK/quiet.txt"); bf=$(awk '$1=="status" && $2==429 {print $3}' "$WORK/during.txt")
  echo "round $r: isp-b quiet ${qr} req/s p99 ${q} ms (429: ${bq}); during isp-a's flood ${fr} req/s p99 ${f} ms (429: ${bf}) (x${ratio}); isp-a ${ar} req/s answered, 200: ${ok}, 429: ${limited}"
done
echo "isp-b p99 median: quiet $(printf '%s\n' "${quiet_p99[@]}" | median) ms, during the flood $(printf '%s\n' "${flood_p99[@]}" | median) ms; flood/quiet per round ${ratios[*]}, median $(printf '%s\n' "${ratios[@]}" | median)"
