#!/usr/bin/env bash
# `npm test`: installs what the tests need (Node 22 when the system Node is
# older, the dependencies, PostgreSQL started or installed, Debian's
# Chromium and Prometheus) and runs, in order, the type check, the
# formatting check, the API reports check, the import-cycle check, the
# package metadata check, the linter, every unit and store test (the store
# tests on SQLite and on PostgreSQL, the Prometheus tests on a real
# Prometheus) and the end-to-end tests in Chromium. Stops at the first
# failure, non-zero.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$OPSREADY_ROOT"

install_dependencies
postgres_url="$("$OPSREADY_ROOT/scripts/ensure-postgres.sh")"
"$OPSREADY_ROOT/scripts/ensure-chromium.sh"
"$OPSREADY_ROOT/scripts/ensure-prometheus.sh"

# The store tests run on this PostgreSQL as well as on SQLite, and no test
# tries to start a database in Docker.
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="$postgres_url"
export BACKSTAGE_TEST_DISABLE_DOCKER=1
export CI=true

step() { echo; echo "==> $*" >&2; }

step "Type check"
# Not incremental: the API reports below are read from what this writes, and
# an incremental build can print the members of a union in another order.
yarn tsc --incremental false

step "Formatting"
yarn prettier --check .

step "API reports"
# Reads the declarations the type check just wrote; a changed public API
# fails here until `yarn build:api-reports` is run and its reports committed.
yarn api-reports --ci

step "Import cycles"
yarn check:cycles

step "Package metadata"
yarn backstage-cli repo fix --check

step "Lint"
yarn backstage-cli repo lint

step "Unit and store tests"
# Two workers: the machines this runs on have two cores.
yarn backstage-cli repo test --maxWorkers=2

step "End-to-end tests"
"$OPSREADY_ROOT/scripts/e2e.sh"
