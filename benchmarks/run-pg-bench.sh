#!/usr/bin/env bash
# PostgreSQL store and replicas (issue 12): approval latency on PostgreSQL against SQLite in the
# same run, replica lag (approval on the writer to the version served by another replica), and
# failover time (writer killed with SIGKILL to the first acknowledged approval on the new writer).
# Usage: benchmarks/run-pg-bench.sh [approvals|lag|failover|all]   (as root or a user; from anywhere)
# Environment (defaults in brackets):
#   ENTRIES [100000] list size for the approval comparison   PER_REQ [1000] domains per preload requisition
#   APPROVALS [200] per round  ROUNDS [3]  WARMUP [20]  LAG [200] lag samples
#   LAG_ENTRIES [0] entries preloaded before the lag samples  FAILOVERS [20]
#   FAILOVER_SECONDS [10] cluster.failoverSeconds   JAR [target/blocklist.jar]
# Everything listens on 127.0.0.1 on free ports: a PostgreSQL 15 of its own (initdb in a temp dir,
# fsync and synchronous_commit on, as nobody when root), the servers; all are killed and the temp
# directory deleted on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

SCENARIO=${1:-all}
ENTRIES=${ENTRIES:-100000}
PER_REQ=${PER_REQ:-1000}
APPROVALS=${APPROVALS:-200}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-20}
LAG=${LAG:-200}
LAG_ENTRIES=${LAG_ENTRIES:-0}
FAILOVERS=${FAILOVERS:-20}
FAILOVER_SECONDS=${FAILOVER_SECONDS:-10}
JAR=${JAR:-target/blocklist.jar}
PGBIN=/usr/lib/postgresql/15/bin
WORK=$(mktemp -d "${TMPDIR:-/tmp}/pg-bench.XXXXXX")
chmod 755 "$WORK"
PIDS=()
AS=()
[[ $(id -u) == 0 ]] && AS=(runuser -u nobody --)

cleanup() {
  local rc=$? p
  for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  "${AS[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# --- PostgreSQL of our own -------------------------------------------------------------------
PGPORT=$(free_port)
PGPASS="bench-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
mkdir -p "$WORK/pg" && echo "$PGPASS" >"$WORK/pg/pw"
[[ ${#AS[@]} -gt 0 ]] && chown -R nobody "$WORK/pg"
"${AS[@]}" "$PGBIN/initdb" -D "$WORK/pg/data" -U blocklist --pwfile="$WORK/pg/pw" -A scram-sha-256 \
  -E UTF8 --locale=C.UTF-8 >/dev/null
"${AS[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$PGPORT -c unix_socket_directories=$WORK/pg -c shared_buffers=256MB" \
  start >/dev/null
install -m 0600 /dev/null "$WORK/password" && echo "$PGPASS" >"$WORK/password"
newdb() { PGPASSWORD=$PGPASS psql -q -h 127.0.0.1 -p "$PGPORT" -U blocklist -d postgres -c "CREATE DATABASE $1"; echo "jdbc:postgresql://127.0.0.1:$PGPORT/$1"; }

# config FILE [STORE_URL [ADVERTISE]]
config() {
  cp benchmarks/bench-config.yaml "$1"
  if [[ -n "${2:-}" ]]; then
    printf 'store: { kind: postgresql, url: "%s", user: blocklist, passwordFile: "%s" }\n' "$2" "$WORK/password" >>"$1"
  fi
  if [[ -n "${3:-}" ]]; then
    printf 'cluster: { advertise: "%s", failoverSeconds: %s }\n' "$3" "$FAILOVER_SECONDS" >>"$1"
  fi
}

# start NAME CONFIG DATA HTTP_PORT -> PID in $LAST_PID
start() {
  local name=$1 cfg=$2 data=$3 http=$4 t0
  java -jar "$JAR" serve --config "$cfg" --data "$data" --http-port "$http" \
    --stop-port "$(free_port)" --dns-port "$(free_port)" >>"$WORK/$name.log" 2>&1 &
  LAST_PID=$!
  PIDS+=("$LAST_PID")
  t0=$(now_ms)
  until curl -sf -o /dev/null --max-time 1 "http://127.0.0.1:$http/healthz"; do
    kill -0 "$LAST_PID" 2>/dev/null || { log "$name exited:"; tail -20 "$WORK/$name.log" >&2; return 1; }
    (($(now_ms) - t0 < 600000)) || { log "$name not up"; return 1; }
    sleep 0.05
  done
}
principal() { java -jar "$JAR" principal add --config "$1" --data "$2" --role "$3" --name "$4" | tail -1; }
role() { curl -sf --max-time 2 "$1/healthz" | sed -n 's/.*"role":"\([a-z]*\)".*/\1/p'; }

echo "## Environment"
echo
echo '```'
echo "date:        $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "git:         $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "nproc:       $(nproc); $(lscpu | grep 'Model name' | sed 's/Model name: *//')"
echo "postgresql:  $("$PGBIN/postgres" --version) on 127.0.0.1, fsync=on, synchronous_commit=on"
java -version 2>&1 | head -1 | sed 's/^/java:        /'
echo '```'
echo

approvals_for() { # KIND LABEL
  local kind=$1 data=$WORK/$1-data cfg=$WORK/$1.yaml http url
  http=$(free_port)
  if [[ $kind == postgresql ]]; then config "$cfg" "$(newdb "approvals_$RANDOM")"; else config "$cfg"; fi
  start "$kind" "$cfg" "$data" "$http"
  url="http://127.0.0.1:$http"
  local police prosecutor
  police=$(principal "$cfg" "$data" police bench-police)
  prosecutor=$(principal "$cfg" "$data" prosecutor bench-prosecutor)
  java benchmarks/LedgerBench.java preload --url "$url" --police "$police" --prosecutor "$prosecutor" \
    --entries "$ENTRIES" --per-requisition "$PER_REQ" --seed 1 | tail -1
  java benchmarks/LedgerBench.java approvals --url "$url" --police "$police" --prosecutor "$prosecutor" \
    --count "$APPROVALS" --warmup "$WARMUP" --rounds "$ROUNDS" --seed 7 --label "$kind, $ENTRIES entries" \
    | grep -v '^samples_ms'
  kill "$LAST_PID"; wait "$LAST_PID" 2>/dev/null || true
}

scenario_approvals() {
  echo "## Approval latency at $ENTRIES entries: SQLite and PostgreSQL in the same run"
  echo
  echo '```'
  approvals_for sqlite
  approvals_for postgresql
  echo '```'
  echo
}

# two replicas on one new database, keys shared; sets A B (URLs), PIDA PIDB, tokens
two_replicas() {
  local db pa pb
  db=$(newdb "replicas_$RANDOM")
  pa=$(free_port); pb=$(free_port)
  A="http://127.0.0.1:$pa"; B="http://127.0.0.1:$pb"
  config "$WORK/a.yaml" "$db" "$A"; config "$WORK/b.yaml" "$db" "$B"
  start a "$WORK/a.yaml" "$WORK/a-data" "$pa"; PIDA=$LAST_PID; PA=$pa
  mkdir -m 0700 -p "$WORK/b-data"
  cp -p "$WORK/a-data/signing-key.pem" "$WORK/a-data/signing-key.pub.pem" "$WORK/b-data/"
  start b "$WORK/b.yaml" "$WORK/b-data" "$pb"; PIDB=$LAST_PID; PB=$pb
  POLICE=$(principal "$WORK/a.yaml" "$WORK/a-data" police bench-police)
  PROSECUTOR=$(principal "$WORK/a.yaml" "$WORK/a-data" prosecutor bench-prosecutor)
  ISP=$(principal "$WORK/a.yaml" "$WORK/a-data" isp bench-isp)
}

scenario_lag() {
  echo "## Replica lag at $LAG_ENTRIES entries: approval acknowledged by the writer to the version served by the other replica"
  echo
  two_replicas
  local w=$A r=$B
  [[ $(role "$A") == writer ]] || { w=$B; r=$A; }
  echo '```'
  if ((LAG_ENTRIES > 0)); then
    java benchmarks/LedgerBench.java preload --url "$w" --police "$POLICE" --prosecutor "$PROSECUTOR" \
      --entries "$LAG_ENTRIES" --per-requisition "$PER_REQ" --seed 2 | tail -1
  fi
  java benchmarks/PgBench.java lag --writer "$w" --replica "$r" --police "$POLICE" \
    --prosecutor "$PROSECUTOR" --isp "$ISP" --count 20 --seed 0 >/dev/null   # warm-up
  java benchmarks/PgBench.java lag --writer "$w" --replica "$r" --police "$POLICE" \
    --prosecutor "$PROSECUTOR" --isp "$ISP" --count "$LAG" --seed 1
  echo '```'
  echo
}

submit() { # URL DOMAIN -> id
  curl -sf --max-time 10 -H "Authorization: Bearer $POLICE" -H 'Content-Type: application/json' \
    -d "{\"action\":\"block\",\"domains\":[\"$2\"],\"legalBasis\":\"ccp-39bis\",\"caseReference\":\"bench\"}" \
    "$1/v1/requisitions" | sed -n 's/.*"id":\([0-9]*\).*/\1/p'
}

scenario_failover() {
  echo "## Failover: writer killed (SIGKILL) to the first acknowledged approval through the other replica"
  echo
  echo "cluster.failoverSeconds: $FAILOVER_SECONDS; each run approves through the survivor every ~20 ms until a 200"
  echo
  [[ -n "${A:-}" ]] || two_replicas
  local i w s wpid id t0 code times=()
  echo "| run | killed | ms to the first acknowledged approval | refusals meanwhile |"
  echo "| ---: | --- | ---: | ---: |"
  for ((i = 1; i <= FAILOVERS; i++)); do
    if [[ $(role "$A") == writer ]]; then w=a; s=$B; wpid=$PIDA; else w=b; s=$A; wpid=$PIDB; fi
    id=$(submit "$s" "failover-$i-$RANDOM.example")
    [[ -n "$id" ]] || { log "submission failed"; return 1; }
    t0=$(now_ms)
    kill -9 "$wpid"; wait "$wpid" 2>/dev/null || true
    local refused=0
    while true; do
      code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H "Authorization: Bearer $PROSECUTOR" \
        -H 'Content-Type: application/json' -d '{}' "$s/v1/requisitions/$id/approve" || true)
      [[ $code == 200 ]] && break
      refused=$((refused + 1))
      (($(now_ms) - t0 < 120000)) || { log "no failover in 120 s"; return 1; }
      sleep 0.02
    done
    times+=($(($(now_ms) - t0)))
    echo "| $i | $w | ${times[-1]} | $refused |"
    if [[ $w == a ]]; then start a "$WORK/a.yaml" "$WORK/a-data" "$PA"; PIDA=$LAST_PID
    else start b "$WORK/b.yaml" "$WORK/b-data" "$PB"; PIDB=$LAST_PID; fi
  done
  echo
  echo "failover median $(printf '%s\n' "${times[@]}" | median) ms, max $(printf '%s\n' "${times[@]}" | sort -n | tail -1) ms over $FAILOVERS runs"
  echo
}

case "$SCENARIO" in
  approvals) scenario_approvals ;;
  lag) scenario_lag ;;
  failover) scenario_failover ;;
  all) scenario_approvals; scenario_lag; scenario_failover ;;
  *) echo "usage: $0 [approvals|lag|failover|all]" >&2; exit 2 ;;
esac
