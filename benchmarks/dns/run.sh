#!/usr/bin/env bash
# DNS benchmark (issue 9): at ENTRIES entries, the time from an approval returning to Unbound
# enforcing it, AXFR time, bytes and server memory, IXFR of a one-name change, SOA queries per
# second. Prints a Markdown report on stdout, progress on stderr.
# Usage: benchmarks/dns/run.sh > benchmarks/results/dns-$(date +%F).md      (from anywhere)
# Environment (defaults in brackets): ENTRIES [1000000] PER_REQ [1000] APPROVALS [20]
#   IXFRS [20] IXFR_REPEAT [10] AXFRS [3] SOA_SECONDS [10] SOA_ROUNDS [3] JAR [target/blocklist.jar]
#   JAVA_OPTS [] server JVM flags
# Needs: java 17, python3, curl, unbound, dnsperf (Debian: apt-get install unbound dnsperf).
# The server and Unbound listen on free loopback ports with fresh temporary directories; both
# are stopped, by their process ids, and the directory deleted on exit (normal or not).
set -euo pipefail
cd "$(dirname "$0")/../.."

ENTRIES=${ENTRIES:-1000000}
PER_REQ=${PER_REQ:-1000}
APPROVALS=${APPROVALS:-20}
IXFRS=${IXFRS:-20}
IXFR_REPEAT=${IXFR_REPEAT:-10}
AXFRS=${AXFRS:-3}
SOA_SECONDS=${SOA_SECONDS:-10}
SOA_ROUNDS=${SOA_ROUNDS:-3}
JAR=${JAR:-target/blocklist.jar}
JAVA_OPTS=${JAVA_OPTS:-}
BENCH=benchmarks/dns/DnsBench.java

WORK=$(mktemp -d "${TMPDIR:-/tmp}/dns-bench.XXXXXX")
SERVER_PID=""
UNBOUND_PID=""

cleanup() {
  local rc=$?
  [[ -n "$UNBOUND_PID" ]] && kill "$UNBOUND_PID" 2>/dev/null || true
  [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null || true
  wait 2>/dev/null || true
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
status_kib() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }
metric() { curl -sf "$URL/metrics" | awk -v m="$1" '$1 == m {print $2}'; }
for tool in java python3 curl unbound dnsperf; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done
[[ -f "$JAR" ]] || { log "building $JAR"; mvn -q -B package -DskipTests; }

HTTP=$(free_port); STOP=$(free_port); DNS=$(free_port); UNBOUND=$(free_port)
URL="http://127.0.0.1:$HTTP"
cat > "$WORK/config.yaml" <<YAML
origin: blocklist.example/bench-dns
protectedDomains: /nonexistent
http: { port: $HTTP }
stopPage: { port: $STOP }
dns:
  port: $DNS
  queriesPerSecondPerAddress: 0
  notify: ["127.0.0.1:$UNBOUND"]
  transfers:
    - { isp: isp-bench, addresses: ["127.0.0.1/32"] }
limits:
  requisitionDomains: 1000000
  bodyBytes: 67108864
  requestsPerSecond: { police: 0, prosecutor: 0, auditor: 0, admin: 0, isp: 0 }
  requestsPerSecondPerAddress: 0
YAML
principal() { java -jar "$JAR" principal add --data "$WORK/data" --role "$1" --name "$2" | tail -1; }
POLICE=$(principal police officer-bench)
JUDGE=$(principal prosecutor magistrate-bench)
principal isp isp-bench >/dev/null

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
log "server: API $URL, DNS 127.0.0.1:$DNS; Unbound on $UNBOUND"
start_server() {
  # shellcheck disable=SC2086
  java $JAVA_OPTS -jar "$JAR" serve --config "$WORK/config.yaml" --data "$WORK/data" \
    >>"$WORK/serve.log" 2>&1 &
  SERVER_PID=$!
  until curl -sf -o /dev/null --max-time 1 "$URL/healthz"; do
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -20 "$WORK/serve.log" >&2; exit 1; }
    sleep 0.1
  done
}
start_server

submit_approve() {  # one block requisition of the names given, approved
  local body id
  body=$(python3 -c 'import json,sys; print(json.dumps({"action":"block","domains":sys.argv[1:],"legalBasis":"ccp-39bis","caseReference":"BENCH-DNS"}))' "$@")
  id=$(curl -sf -H "Authorization: Bearer $POLICE" -X POST "$URL/v1/requisitions" -d "$body" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  curl -sf -H "Authorization: Bearer $JUDGE" -X POST "$URL/v1/requisitions/$id/approve" -d '{}' >/dev/null
}
submit_approve sentinel-dns-bench.example
log "preloading $ENTRIES entries in requisitions of $PER_REQ"
java benchmarks/LedgerBench.java preload --url "$URL" --police "$POLICE" --prosecutor "$JUDGE" \
  --entries "$ENTRIES" --per-requisition "$PER_REQ" >"$WORK/preload.log" 2>&1
VERSION=$(curl -sf "$URL/healthz" | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')
COUNT=$(curl -sf "$URL/v1/versions/$VERSION" | awk '$1 == "entries" {print $2}')
log "version $VERSION, $COUNT entries"

# Unbound: the test names resolve from a local zone with a wildcard, the RPZ from deploy/.
cat > "$WORK/example.zone" <<'ZONE'
$ORIGIN example.
$TTL 60
@ IN SOA ns.example. hostmaster.example. 1 3600 600 86400 60
@ IN NS ns.example.
ns IN A 192.0.2.1
* IN A 192.0.2.99
ZONE
sed -e "s/192.0.2.10@8053/127.0.0.1@$DNS/" -e "s/192.0.2.10/127.0.0.1/" \
  deploy/resolvers/unbound.conf > "$WORK/blocklist.conf"
cat > "$WORK/unbound.conf" <<CONF
server:
  interface: 127.0.0.1
  port: $UNBOUND
  do-daemonize: no
  username: ""
  chroot: ""
  directory: "$WORK"
  pidfile: "$WORK/unbound.pid"
  logfile: ""
  use-syslog: no
  verbosity: 1
  do-ip6: no
  access-control: 127.0.0.0/8 allow
  num-threads: 1
auth-zone:
  name: "example."
  zonefile: "$WORK/example.zone"
  for-downstream: yes
  for-upstream: yes
  fallback-enabled: no
remote-control:
  control-enable: no
include: "$WORK/blocklist.conf"
CONF
UNBOUND_T0=$(now_ms)
unbound -d -c "$WORK/unbound.conf" >"$WORK/unbound.log" 2>&1 &
UNBOUND_PID=$!
until dig @127.0.0.1 -p "$UNBOUND" +time=1 +tries=1 sentinel-dns-bench.example A 2>/dev/null | grep -q NXDOMAIN; do
  kill -0 "$UNBOUND_PID" 2>/dev/null || { tail -20 "$WORK/unbound.log" >&2; exit 1; }
  sleep 0.05
done
UNBOUND_LOAD_MS=$(($(now_ms) - UNBOUND_T0))
log "Unbound enforces the list after ${UNBOUND_LOAD_MS} ms (start, AXFR, load)"

log "enforcement: $APPROVALS approvals"
java -cp "$JAR" $BENCH enforce --url "$URL" --police "$POLICE" --prosecutor "$JUDGE" \
  --resolver "$UNBOUND" --count "$APPROVALS" --tag e >"$WORK/enforce.out"
log "IXFR: $IXFRS one-name changes, each transferred 1 + $IXFR_REPEAT times"
java -cp "$JAR" $BENCH ixfr --url "$URL" --police "$POLICE" --prosecutor "$JUDGE" \
  --dns "$DNS" --count "$IXFRS" --repeat "$IXFR_REPEAT" --tag i >"$WORK/ixfr.out"

VERSION=$(curl -sf "$URL/healthz" | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')
COUNT=$(curl -sf "$URL/v1/versions/$VERSION" | awk '$1 == "entries" {print $2}')
kill -STOP "$UNBOUND_PID"   # Unbound idle from here: nothing else asks the server
log "restarting the server, so that its memory is that of a start, not of the preload"
kill "$SERVER_PID"; wait "$SERVER_PID" || true
start_server
log "AXFR: $AXFRS transfers of $COUNT entries"
RSS_BEFORE=$(status_kib "$SERVER_PID" VmRSS)
ALLOC_BEFORE=$(metric jvm_gc_memory_allocated_bytes_total)
echo 5 > "/proc/$SERVER_PID/clear_refs"   # resets VmHWM to the current RSS
java -cp "$JAR" $BENCH axfr --dns "$DNS" --entries "$COUNT" --count "$AXFRS" >"$WORK/axfr.out"
HWM_AFTER=$(status_kib "$SERVER_PID" VmHWM)
ALLOC_AFTER=$(metric jvm_gc_memory_allocated_bytes_total)
RSS_AFTER=$(status_kib "$SERVER_PID" VmRSS)

log "SOA: $SOA_ROUNDS rounds of ${SOA_SECONDS} s of dnsperf"
echo "rpz.blocklist.example. SOA" > "$WORK/soa.txt"
: > "$WORK/soa.out"
for r in $(seq "$SOA_ROUNDS"); do
  dnsperf -s 127.0.0.1 -p "$DNS" -d "$WORK/soa.txt" -l "$SOA_SECONDS" -c 4 -q 200 >"$WORK/dnsperf-$r.out" 2>&1
  awk '/Queries per second/ {print $4}' "$WORK/dnsperf-$r.out" >> "$WORK/soa.out"
  grep -E "Queries (sent|completed|lost)|Average Latency" "$WORK/dnsperf-$r.out" | sed "s/^/round $r: /" >> "$WORK/soa-detail.out"
done
kill -CONT "$UNBOUND_PID"
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
cat <<REPORT
# DNS benchmark, $(date -u +%F)

Command: \`ENTRIES=$ENTRIES APPROVALS=$APPROVALS IXFRS=$IXFRS IXFR_REPEAT=$IXFR_REPEAT AXFRS=$AXFRS SOA_SECONDS=$SOA_SECONDS SOA_ROUNDS=$SOA_ROUNDS benchmarks/dns/run.sh\`
at commit \`$(git rev-parse --short HEAD 2>/dev/null || echo unknown)\`.

Machine: $(nproc) cores ($(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2; exit}')),
$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1),
Unbound $(unbound -V | awk 'NR == 1 {print $2}'), dnsperf $(dnsperf -h 2>&1 | awk '/Version/ {print $2; exit}').
Shared machine: load average $LOAD_START at the start, $LOAD_END at the end.

List: $COUNT entries at version $VERSION (preloaded in requisitions of $PER_REQ).
Unbound (deploy/resolvers/unbound.conf, no zonefile) enforced the list ${UNBOUND_LOAD_MS} ms after
it was started (its first AXFR and load of the zone).

## Approval to enforcement by Unbound (NOTIFY + IXFR)

\`\`\`
$(cat "$WORK/enforce.out")
\`\`\`

## IXFR of a one-name change

\`\`\`
$(cat "$WORK/ixfr.out")
\`\`\`

## AXFR of the whole zone

\`\`\`
$(cat "$WORK/axfr.out")
\`\`\`

Server memory (restarted just before; JVM flags: \`${JAVA_OPTS:-none}\`): RSS $((RSS_BEFORE / 1024)) MiB
before, peak $((HWM_AFTER / 1024)) MiB during the transfers (VmHWM, reset just before),
$((RSS_AFTER / 1024)) MiB after; the JVM allocated
$(python3 -c "print(f'{($ALLOC_AFTER - $ALLOC_BEFORE) / $AXFRS / 1e6:.0f}')") MB per transfer
(jvm_gc_memory_allocated_bytes_total, garbage collected as it goes).

## SOA queries per second (dnsperf, UDP, 4 clients, 200 outstanding)

Median of $SOA_ROUNDS rounds: **$(median < "$WORK/soa.out")** queries/s (rounds: $(paste -sd' ' "$WORK/soa.out")).

\`\`\`
$(cat "$WORK/soa-detail.out")
\`\`\`
REPORT
