#!/usr/bin/env bash
# Installs what the test suite needs and the machine lacks (Debian packages; run as root).
# Idempotent: a machine that has everything installs nothing.
set -euo pipefail

need=()
command -v java >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || need+=(maven)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
command -v sqlite3 >/dev/null 2>&1 || need+=(sqlite3)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -d /usr/share/fonts/truetype/dejavu ] || need+=(fonts-dejavu-core)
# The DNS tests: dig, and three real resolvers as secondaries of the RPZ zone.
command -v dig >/dev/null 2>&1 || need+=(bind9-dnsutils)
[ -x /usr/sbin/unbound ] || need+=(unbound)
[ -x /usr/sbin/named ] || need+=(bind9)
[ -x /usr/sbin/pdns_recursor ] || need+=(pdns-recursor)
command -v named-checkzone >/dev/null 2>&1 || need+=(bind9-utils)      # BIND's check of the sync agent's RPZ file
command -v fiu-run >/dev/null 2>&1 || need+=(fiu-utils)               # FsyncFaultIT: a failed fsync (libfiu)

if [ "${#need[@]}" -gt 0 ]; then
  echo "installing: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
if [ ! -d ../shared/testdata ]; then
  echo "warning: ../shared/testdata is missing: the reference-vector tests will fail" >&2
fi
