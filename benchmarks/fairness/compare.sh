#!/usr/bin/env bash
# Runs benchmarks/fairness/run.sh against two jars in the same session, alternating, so that the
# noise of a shared machine falls on both alike.
#   benchmarks/fairness/compare.sh BEFORE.jar AFTER.jar [SECONDS] [ROUNDS] [PASSES]   (10, 3, 1)
set -euo pipefail
cd "$(dirname "$0")/../.."
BEFORE=$1; AFTER=$2; S=${3:-10}; R=${4:-3}; P=${5:-1}
for pass in $(seq 1 "$P"); do
  echo "#### pass $pass: before ($BEFORE)"
  JAR="$BEFORE" benchmarks/fairness/run.sh "$S" "$R"
  echo "#### pass $pass: after ($AFTER)"
  JAR="$AFTER" benchmarks/fairness/run.sh "$S" "$R"
done
