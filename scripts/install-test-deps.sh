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
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)   # the console's browser tests (Selenium)
[ -d /usr/share/fonts/truetype/dejavu ] || need+=(fonts-dejavu-core)
# The DNS tests: dig, and three real resolvers as secondaries of the RPZ zone.
command -v dig >/dev/null 2>&1 || need+=(bind9-dnsutils)
[ -x /usr/sbin/unbound ] || need+=(unbound)
[ -x /usr/sbin/named ] || need+=(bind9)
[ -x /usr/sbin/pdns_recursor ] || need+=(pdns-recursor)
command -v named-checkzone >/dev/null 2>&1 || need+=(bind9-utils)      # BIND's check of the sync agent's RPZ file
command -v fiu-run >/dev/null 2>&1 || need+=(fiu-utils)               # FsyncFaultIT: a failed fsync (libfiu)
# The PostgreSQL store: a real server 15 that the tests start themselves (testing.Postgres), and psql.
if [ ! -x /usr/lib/postgresql/15/bin/initdb ]; then
  need+=(postgresql-15)
  # no system cluster on port 5432: the tests start their own server in a temporary directory
  mkdir -p /etc/postgresql-common
  [ -f /etc/postgresql-common/createcluster.conf ] || echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.conf
fi
command -v psql >/dev/null 2>&1 || need+=(postgresql-client-15)

if [ "${#need[@]}" -gt 0 ]; then
  echo "installing: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
# axe-core, the accessibility checker the console's browser tests run in Chromium: the npm
# registry's tarball (npm checks its integrity), unpacked where the tests look for it.
AXE_VERSION=4.11.0
AXE_DIR=/usr/local/share/blocklist-test/axe-core-$AXE_VERSION
if [ ! -f "$AXE_DIR/axe.min.js" ]; then
  command -v npm >/dev/null 2>&1 || { export DEBIAN_FRONTEND=noninteractive; apt-get update -qq; apt-get install -y -qq --no-install-recommends npm; }
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "axe-core@$AXE_VERSION" >/dev/null && tar -xzf "axe-core-$AXE_VERSION.tgz")
  mkdir -p "$AXE_DIR"
  cp "$tmp/package/axe.min.js" "$tmp/package/LICENSE" "$AXE_DIR/"
  rm -rf "$tmp"
  echo "installed axe-core $AXE_VERSION in $AXE_DIR"
fi
if [ ! -d ../shared/testdata ]; then
  echo "warning: ../shared/testdata is missing: the reference-vector tests will fail" >&2
fi
