#!/usr/bin/env bash
# A longer fuzz run of every Jazzer target (issue 10), one after the other.
#   benchmarks/fuzz/run.sh [SECONDS_PER_TARGET]     (default 60)
# In mvn verify the same @FuzzTest methods only replay their corpora (src/test/resources/...Inputs);
# here JAZZER_FUZZ=1 makes Jazzer mutate for SECONDS_PER_TARGET each. A finding fails the target,
# and Jazzer writes the input that triggers it into the target's Inputs directory, where it then
# stays as a regression test. The generated corpus goes to .cifuzz-corpus/ (ignored by git).
# Prints, per target: executions, executions/s, coverage (libFuzzer's cov/ft), findings.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_TARGET=${1:-60}
TARGETS=(
  "org.blocklist.domain.DomainCanonicalizerFuzzTest#canonicalize_givesACanonicalNameOrARefusal"
  "org.blocklist.http.RequisitionJsonFuzzTest#submitBody_isReadOrRefusedWithAPlainMessage"
  "org.blocklist.signing.SignedNoteFuzzTest#parse_roundTripsOrRefuses"
  "org.blocklist.log.LogTextsFuzzTest#checkpointBody_isExactlyWhatItWritesOrRefused"
  "org.blocklist.log.LogTextsFuzzTest#manifest_isExactlyWhatItWritesOrRefused"
  "org.blocklist.config.ConfigLoaderFuzzTest#load_givesAConfigOrAConfigException"
  "org.blocklist.sync.DeltaParserFuzzTest#parse_givesTheContractsShapeOrAFeedException"
  "org.blocklist.rpz.RpzMessageJazzerTest#anyMessage_isDroppedOrAnsweredWell"
)
echo "== $(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), ${SECONDS_PER_TARGET}s per target"
mvn -q -B -o test-compile -Dspotless.check.skip=true
status=0
for target in "${TARGETS[@]}"; do
  log=$(mktemp /tmp/blocklist-fuzz.XXXXXX)
  if JAZZER_FUZZ=1 JAZZER_MAX_DURATION="${SECONDS_PER_TARGET}s" mvn -B -o surefire:test \
      -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1; then
    result=ok
  else
    result="FINDING (see $log)"
    status=1
  fi
  done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 || true)
  execs=$(echo "$done_line" | sed -E 's/^#([0-9]+).*/\1/')
  rate=$(echo "$done_line" | sed -E 's/.*exec\/s: ([0-9]+).*/\1/')
  cov=$(echo "$done_line" | sed -E 's/.*cov: ([0-9]+) ft: ([0-9]+).*/cov \1 ft \2/')
  printf '%-95s %12s execs %8s/s  %-16s %s\n' "$target" "${execs:--}" "${rate:--}" "${cov:--}" "$result"
  [ "$result" = ok ] && rm -f "$log"
done
exit $status
