#!/usr/bin/env bash
# Console benchmark (issue 11): time to first byte and weight of the prosecutor's queue with
# 1,000 pending requisitions and of the versions page at 1,000 versions (goal: under 50 ms and
# under 200 KB), against a baseline measured in the same run (GET /healthz and the JSON
# GET /v1/versions?limit=50 of the API).
# Usage: benchmarks/run-console-bench.sh       (from anywhere; runs from the repo root)
# Environment: VERSIONS [1000]  PENDING [1000]  RUNS [50] requests per page measured
#   JAR [target/blocklist.jar] (built with Maven if missing)
# The server listens on 127.0.0.1 on a free port with a fresh temp data directory, and is killed
# and the directory deleted on exit. Needs curl and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSIONS=${VERSIONS:-1000}
PENDING=${PENDING:-1000}
RUNS=${RUNS:-50}
JAR=${JAR:-target/blocklist.jar}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/console-bench.XXXXXX")
SERVER_PID=""
cleanup() {
  [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

[[ -f "$JAR" ]] || mvn -B -q package -DskipTests
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
DATA="$WORK/data"
add() { java -jar "$JAR" principal add --data "$DATA" --role "$1" --name "$2" | tail -1; }
POLICE=$(add police officer-1)
PROSECUTOR=$(add prosecutor magistrate-1)
AUDITOR=$(add auditor auditor-1)
java -jar "$JAR" serve --config benchmarks/bench-config.yaml --data "$DATA" --http-port "$PORT" \
  --stop-port 0 --dns-port 0 > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 100); do curl -fs "$BASE/healthz" >/dev/null 2>&1 && break; python3 -c 'import time; time.sleep(0.2)'; done

echo "loading $VERSIONS versions and $PENDING pending requisitions..."
python3 - "$BASE" "$POLICE" "$PROSECUTOR" "$VERSIONS" "$PENDING" <<'PY'
import json, sys, urllib.request
base, police, prosecutor, versions, pending = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
def call(path, token, body):
    r = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST",
        headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(r) as resp:
        return json.loads(resp.read())
def submit(i, tag):
    return call("/v1/requisitions", police, {"action": "block",
        "domains": ["%s-%05d-a.example" % (tag, i), "%s-%05d-b.example" % (tag, i)],
        "legalBasis": "ccp-39bis", "caseReference": "FCCU-2026-%05d" % i,
        "note": "Reported by the hotline; two mirrors of the same site."})["id"]
for i in range(versions):
    call("/v1/requisitions/%d/approve" % submit(i, "published"), prosecutor, {"note": "approved"})
for i in range(pending):
    submit(i, "waiting")
PY

# A console session per role, opened as a browser does (the sign-in form's CSRF cookie, then the token).
session() {
  local jar="$WORK/$1.cookies"
  local page csrf
  page=$(curl -fs -c "$jar" "$BASE/console/sign-in")
  csrf=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' <<<"$page" | head -1)
  curl -fs -b "$jar" -c "$jar" -o /dev/null --data-urlencode "csrf=$csrf" \
    --data-urlencode "token=$2" --data-urlencode "next=/console/" "$BASE/console/sign-in"
  echo "$jar"
}
PJAR=$(session prosecutor "$PROSECUTOR")
AJAR=$(session auditor "$AUDITOR")

# measure NAME CURL-ARGS...: RUNS requests after 10 warm-up ones; median and p90 of TTFB, and bytes
measure() {
  local name=$1; shift
  for _ in $(seq 10); do curl -fs -o /dev/null "$@"; done
  for _ in $(seq "$RUNS"); do curl -fs -o /dev/null -w '%{time_starttransfer} %{size_download}\n' "$@"; done \
    | python3 -c '
import sys, statistics
rows = [l.split() for l in sys.stdin if l.strip()]
t = sorted(float(r[0]) * 1000 for r in rows); b = int(rows[-1][1])
print("%-40s median %7.2f ms  p90 %7.2f ms  %8d bytes (%.1f KB)" % (sys.argv[1], statistics.median(t), t[int(len(t) * 0.9) - 1], b, b / 1024))' "$name"
}
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u +%FT%TZ)"
echo "runs: $RUNS per page (after 10 warm-up); versions $VERSIONS, pending $PENDING"
measure "baseline GET /healthz" "$BASE/healthz"
measure "baseline GET /v1/versions?limit=50" "$BASE/v1/versions?limit=50"
measure "console queue (first page)" -b "$PJAR" "$BASE/console/queue"
measure "console queue (page from id 1900)" -b "$PJAR" "$BASE/console/queue?from=1900"
measure "console versions (newest page)" -b "$AJAR" "$BASE/console/versions"
measure "console versions (oldest page)" -b "$AJAR" "$BASE/console/versions?at=50"
measure "console version 500" -b "$AJAR" "$BASE/console/versions/500"
