#!/usr/bin/env bash
# Soak test (issue 10): MINUTES of mixed load against the real jar over HTTPS, Netty leak detection
# at paranoid, sampling the server's heap after a full GC, RSS, open file descriptors and threads
# every SAMPLE seconds and logging every GC pause (-Xlog:gc).
#   benchmarks/soak/run.sh [MINUTES] [SAMPLE_SECONDS]      (defaults 30 and 60; JAR=... to pick a jar)
# Load, all at once, for the whole run:
#   - approvals: police submit and a prosecutor approves, alternately a block and an unblock of the
#     same names (so the list stays at 10,000 + a few entries while versions keep growing);
#   - 4 ISP long-polls: GET /v1/delta?from=<latest>&wait=20 in a loop (woken by each approval);
#   - lookups: wrk -t1 -c4 paced at about 800/s over a mix of listed and unlisted names;
#   - snapshots every 2 s, auditor reads (audit events, versions, checkpoint) every second;
#   - new TLS connections: curl makes a new connection (and handshake) for each of those calls.
# Fails (exit 1) on: any "LEAK:" in the server's log; any error status other than 429; heap after GC
# growing (least-squares slope over the samples after the first fifth, projected over the run, more
# than max(16 MiB, 20 % of its median)); file descriptors growing by more than 20; the server dying.
# Prints one line per sample and a summary; loopback only; stops what it starts.
set -euo pipefail
cd "$(dirname "$0")/../.."
MINUTES=${1:-30}
SAMPLE=${2:-60}
JAR=${JAR:-target/blocklist.jar}
WORK=$(mktemp -d /tmp/blocklist-soak.XXXXXX)
PIDS=()
SERVER_PID=""
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null
  wait 2>/dev/null || true
  [ -n "${KEEP:-}" ] || rm -rf "$WORK"
}
trap cleanup EXIT
for tool in wrk curl jcmd python3; do command -v $tool >/dev/null || { echo "needs $tool" >&2; exit 2; }; done
[ -f "$JAR" ] || mvn -q -B package -DskipTests

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
java -jar "$JAR" cert dev --out "$WORK/tls" >/dev/null
token() { java -jar "$JAR" principal add --data "$WORK/data" --role "$1" --name "$2" | tail -1; }
POLICE=$(token police officer-1); JUDGE=$(token prosecutor magistrate-1)
ISP=$(token isp isp-a); AUDITOR=$(token auditor auditor-1)
cat > "$WORK/config.yaml" <<YAML
http:
  tls: { certificate: $WORK/tls/server.pem, key: $WORK/tls/server-key.pem }
stopPage: { port: 0 }
dns: { port: 0 }
limits: { requisitionDomains: 10000, bodyBytes: 4194304, requestsPerSecond: { police: 0, prosecutor: 0, auditor: 0 } }
YAML
java -Dio.netty.leakDetection.level=paranoid -Xmx512m \
  "-Xlog:gc:file=$WORK/gc.log:uptime,level,tags" \
  -jar "$JAR" serve --config "$WORK/config.yaml" --data "$WORK/data" --http-port "$PORT" > "$WORK/serve.log" 2>&1 &
SERVER_PID=$!
API="https://localhost:$PORT"
C=(curl -sS --cacert "$WORK/tls/ca.pem" -o /dev/null -w '%{http_code} %{time_total}\n')
for _ in $(seq 1 300); do curl -sf --cacert "$WORK/tls/ca.pem" "$API/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
python3 -c 'import json; print(json.dumps({"action":"block","domains":["n%d.example" % i for i in range(10000)],"legalBasis":"ccp-39bis","caseReference":"SOAK-1"}))' > "$WORK/req.json"
curl -sf --cacert "$WORK/tls/ca.pem" -o /dev/null -H "Authorization: Bearer $POLICE" -X POST "$API/v1/requisitions" --data-binary @"$WORK/req.json"
curl -sf --cacert "$WORK/tls/ca.pem" -o /dev/null -H "Authorization: Bearer $JUDGE" -X POST "$API/v1/requisitions/1/approve" -d '{}'
END=$(( $(date +%s) + MINUTES * 60 ))
STATUS="$WORK/status.txt"; : > "$STATUS"

approvals() {  # block then unblock soak-K.example, one approval a second or so
  local k=0 action id
  while [ "$(date +%s)" -lt "$END" ]; do
    action=block; [ $((k % 2)) -eq 1 ] && action=unblock
    id=$(curl -sS --cacert "$WORK/tls/ca.pem" -H "Authorization: Bearer $POLICE" -X POST "$API/v1/requisitions" \
      -d "{\"action\":\"$action\",\"domains\":[\"soak-$((k / 2)).example\"],\"legalBasis\":\"ccp-39bis\",\"caseReference\":\"SOAK-$k\"}" \
      | python3 -c 'import json,sys; print(json.load(sys.stdin).get("id",""))')
    if [ -n "$id" ]; then
      "${C[@]}" -H "Authorization: Bearer $JUDGE" -X POST "$API/v1/requisitions/$id/approve" -d '{}' | sed 's/^/approve /' >> "$STATUS"
    else
      echo "submit 000" >> "$STATUS"
    fi
    k=$((k + 1)); sleep 1
  done
}
longpoll() {
  local v
  while [ "$(date +%s)" -lt "$END" ]; do
    v=$(curl -sS --cacert "$WORK/tls/ca.pem" "$API/v1/checkpoint" 2>>"$WORK/curl.err" | sed -n 2p) || true
    "${C[@]}" -m 30 -H "Authorization: Bearer $ISP" "$API/v1/delta?from=$v&wait=20" | sed 's/^/delta /' >> "$STATUS"
  done
}
readers() {
  local n=0
  while [ "$(date +%s)" -lt "$END" ]; do
    "${C[@]}" -H "Authorization: Bearer $AUDITOR" "$API/v1/audit/events?from=$(( (n * 7) % 50 + 1 ))&limit=100" | sed 's/^/audit /' >> "$STATUS"
    "${C[@]}" "$API/v1/versions?from=1&limit=100" | sed 's/^/versions /' >> "$STATUS"
    if [ $((n % 2)) -eq 0 ]; then
      "${C[@]}" -H "Authorization: Bearer $ISP" "$API/v1/snapshot" | sed 's/^/snapshot /' >> "$STATUS"
    fi
    n=$((n + 1)); sleep 1
  done
}
cat > "$WORK/lookups.lua" <<'LUA'
local threads = {}
setup = function(thread) table.insert(threads, thread) end
delay = function() return 5 end
init = function(args) ok = 0; limited = 0; other = 0; i = 0 end
request = function()
  i = i + 1
  local name = (i % 3 == 0) and ("www.n" .. (i % 10000) .. ".example") or ("miss" .. i .. ".example.org")
  return wrk.format("GET", "/v1/lookup?domain=" .. name)
end
response = function(status, headers, body)
  if status == 200 then ok = ok + 1 elseif status == 429 then limited = limited + 1 else other = other + 1 end
end
done = function(summary, latency, requests)
  local o, l, x = 0, 0, 0
  for _, t in ipairs(threads) do o = o + t:get("ok"); l = l + t:get("limited"); x = x + t:get("other") end
  io.write(string.format("lookups 200 %d\nlookups 429 %d\nlookups other %d\n", o, l, x))
  io.write(string.format("lookup latency p50 %.2f ms p99 %.2f ms max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
LUA
approvals & PIDS+=($!)
for _ in 1 2 3 4; do longpoll & PIDS+=($!); done
readers & PIDS+=($!)
wrk -t1 -c4 -d$((MINUTES * 60))s -s "$WORK/lookups.lua" -H "Authorization: Bearer $ISP" "$API/" > "$WORK/wrk.txt" 2>&1 & PIDS+=($!)

echo "== soak $(date -u +%FT%TZ), $MINUTES min, sample every $SAMPLE s, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); jar $JAR ($(git rev-parse --short HEAD 2>/dev/null || echo '?'))"
echo "# min  heap-after-GC(MiB)  RSS(MiB)  fds  threads  approvals  versions  load"
SAMPLES="$WORK/samples.txt"; : > "$SAMPLES"
start=$(date +%s)
while true; do
  now=$(date +%s); [ "$now" -ge "$END" ] && break
  sleep $(( SAMPLE < END - now ? SAMPLE : END - now ))
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "RESULT FAIL: the server died"; tail -20 "$WORK/serve.log"; exit 1; }
  jcmd "$SERVER_PID" GC.run >/dev/null
  sleep 1
  heap=$( (grep -E 'Pause Full \((System.gc\(\)|Diagnostic Command)\)' "$WORK/gc.log" | tail -1 | sed -E 's/.* [0-9]+M->([0-9]+)M\(.*/\1/') || true)
  rss=$(awk '/VmRSS/ {printf "%d", $2/1024}' /proc/$SERVER_PID/status)
  threads=$(awk '/Threads/ {print $2}' /proc/$SERVER_PID/status)
  fds=$(ls /proc/$SERVER_PID/fd | wc -l)
  ver=$(curl -sS --cacert "$WORK/tls/ca.pem" "$API/v1/checkpoint" | sed -n 2p) || ver="?"
  appr=$(grep -c '^approve 200' "$STATUS" || true)
  min=$(awk -v s=$(( $(date +%s) - start )) 'BEGIN {printf "%.1f", s/60}')
  echo "$min $heap $rss $fds $threads $appr $ver $(cut -d' ' -f1 /proc/loadavg)" | tee -a "$SAMPLES" | awk '{printf "%6s  %18s  %8s  %4s  %7s  %9s  %8s  %s\n", $1,$2,$3,$4,$5,$6,$7,$8}'
done
for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
PIDS=()

echo "== summary"
cat "$WORK/wrk.txt" | grep -E '^lookup|Requests/sec' || true
awk '{print $1, $2}' "$STATUS" | sort | uniq -c | sort -k2 | awk '{printf "  %-9s %s: %d\n", $2, $3, $1}'
python3 - "$WORK/gc.log" <<'PY'
import re, sys
young, full = [], []
for line in open(sys.argv[1]):
    m = re.search(r'Pause (.*?) \d+M->\d+M\(\d+M\) ([0-9.]+)ms', line)
    if not m: continue
    (full if ('System.gc()' in m.group(1) or 'Diagnostic Command' in m.group(1)) else young).append(float(m.group(2)))
def q(v, p): v = sorted(v); return v[min(len(v) - 1, int(p * len(v)))] if v else 0
print("GC pauses (load): %d, p50 %.2f ms, p99 %.2f ms, max %.2f ms, total %.0f ms" % (len(young), q(young, .5), q(young, .99), max(young or [0]), sum(young)))
print("GC pauses (the sampler's full GCs): %d, p50 %.2f ms, max %.2f ms" % (len(full), q(full, .5), max(full or [0])))
PY
fail=()
leaks=$(grep -c 'LEAK:' "$WORK/serve.log" || true)
echo "LEAK reports in the server's log: $leaks"
[ "$leaks" -eq 0 ] || { fail+=("LEAK reports"); grep -m3 -A5 'LEAK:' "$WORK/serve.log"; }
bad=$(awk '$2 !~ /^(200|201|429)$/' "$STATUS" | wc -l)
echo "answers other than 200/201/429 (delta long-polls, approvals, reads): $bad"
[ "$bad" -eq 0 ] || { fail+=("error answers"); awk '$2 !~ /^(200|201|429)$/' "$STATUS" | sort | uniq -c | head; }
other=$(awk '$1=="lookups" && $2=="other" {print $3}' "$WORK/wrk.txt"); other=${other:-0}
[ "$other" -eq 0 ] || fail+=("lookups answered other than 200/429: $other")
trend=$(python3 - "$SAMPLES" "$MINUTES" <<'PY'
import sys, statistics
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
t = [float(r[0]) for r in rows]; heap = [float(r[1]) for r in rows]; rss = [float(r[2]) for r in rows]; fds = [int(r[3]) for r in rows]
skip = max(1, len(rows) // 5)
def slope(x, y):
    mx, my = statistics.mean(x), statistics.mean(y)
    d = sum((a - mx) ** 2 for a in x)
    return sum((a - mx) * (b - my) for a, b in zip(x, y)) / d if d else 0.0
if len(rows) - skip < 3:
    print("too few samples for a trend (%d after the warm-up)" % (len(rows) - skip)); print("FAIL"); sys.exit()
x, h, r, f = t[skip:], heap[skip:], rss[skip:], fds[skip:]
hs, rs = slope(x, h), slope(x, r)
minutes = float(sys.argv[2]); med = statistics.median(h)
proj = hs * minutes; allowed = max(16.0, 0.2 * med)
print("heap after GC (after the first %d samples): min %.0f, median %.0f, max %.0f MiB; slope %.3f MiB/min, over %d min %.1f MiB (allowed %.1f)" % (skip, min(h), med, max(h), hs, minutes, proj, allowed))
print("RSS: first %.0f, last %.0f, max %.0f MiB; slope %.3f MiB/min" % (r[0], r[-1], max(r), rs))
print("open file descriptors: first %d, last %d, max %d" % (f[0], f[-1], max(f)))
ok = proj <= allowed and max(f) - f[0] <= 20
print("ok" if ok else "FAIL")
PY
)
echo "$trend" | sed '$d'
[ "$(echo "$trend" | tail -1)" = ok ] || fail+=("growth trend (heap or file descriptors)")
if [ ${#fail[@]} -eq 0 ]; then echo "RESULT ok"; else echo "RESULT FAIL: ${fail[*]}"; exit 1; fi
