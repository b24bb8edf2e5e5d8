#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers for the store tests, and prints its
# connection string. Uses $OPSREADY_TEST_POSTGRES_URL when set; otherwise
# PostgreSQL on 127.0.0.1:5432 as user postgres - started if it is installed
# and down, installed from Debian's packages if absent. Idempotent.
set -euo pipefail

url="${OPSREADY_TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"

answers() { psql "$1" -tAc 'select 1' >/dev/null 2>&1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

if command -v psql >/dev/null 2>&1 && answers "$url"; then
  echo "$url"
  exit 0
fi
if [ -n "${OPSREADY_TEST_POSTGRES_URL:-}" ]; then
  echo "PostgreSQL at OPSREADY_TEST_POSTGRES_URL does not answer" >&2
  exit 1
fi

installed_here=false
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "==> Installing PostgreSQL from Debian's packages" >&2
  as_root apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  installed_here=true
fi

version="$(ls /etc/postgresql | sort -V | tail -n1)"
if ! pg_lsclusters -h 2>/dev/null | awk '{print $4}' | grep -q online; then
  echo "==> Starting PostgreSQL $version" >&2
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2
fi
for _ in $(seq 1 30); do
  pg_isready -h 127.0.0.1 -p 5432 -q && break
  sleep 1
done

if answers "$url"; then
  echo "$url"
  exit 0
fi
# A cluster installed just now asks for a password over TCP: give the
# postgres user a known one, as it is a server for tests only.
if [ "$installed_here" = true ]; then
  as_root su postgres -c "psql -qc \"ALTER USER postgres PASSWORD 'postgres'\"" >&2
  url="postgresql://postgres:postgres@127.0.0.1:5432/postgres"
  if answers "$url"; then
    echo "$url"
    exit 0
  fi
fi
echo "PostgreSQL on 127.0.0.1:5432 does not accept user postgres; set OPSREADY_TEST_POSTGRES_URL" >&2
exit 1
