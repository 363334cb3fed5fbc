#!/bin/sh
# The IXFR of a one-name change on a 1,000,000-entry zone, in process (AgentIxfrProbe.java).
# Usage: benchmarks/dns/run-ixfr-probe.sh [ROUNDS]   (after mvn -B -o package -DskipTests)
set -eu
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mvn -B -o -q dependency:build-classpath -Dmdep.outputFile="$out/cp.txt" >/dev/null
cp="target/classes:$(cat "$out/cp.txt")"
javac -d "$out" -cp "$cp" benchmarks/dns/AgentIxfrProbe.java
java -Xmx2g -cp "$out:$cp" org.blocklist.sync.AgentIxfrProbe "${1:-2000}" 2>&1 | grep -v ' INFO '
javac -d "$out" -cp "$cp" benchmarks/dns/IxfrAnswerProbe.java
java -Xmx2g -cp "$out:$cp" org.blocklist.rpz.IxfrAnswerProbe 20000 2>&1 | grep -v ' INFO '
