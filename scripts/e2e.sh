#!/usr/bin/env bash
# Runs the Playwright tests in Debian's Chromium against a portal started for
# them (app on :3001, backend on :7008, an empty SQLite database and an empty
# directory for the repositories templates publish), and stops
# that portal afterwards whatever happens.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$OPSREADY_ROOT"

"$OPSREADY_ROOT/scripts/ensure-chromium.sh"
# The demo fleet's Prometheus and Alertmanager (SLOs from real metrics).
"$OPSREADY_ROOT/scripts/ensure-prometheus.sh"

rm -rf .data/e2e-sqlite .data/e2e-repositories
mkdir -p .data/e2e-sqlite .data/e2e-repositories
log=.data/e2e-portal.log

# The demo fleet on ports of its own too; the local app-config reads the
# Kubernetes API's port from this variable, e2e/app-config.e2e.yaml names
# the Prometheus port.
export OPSREADY_DEMO_KUBERNETES_PORT=7101
export OPSREADY_DEMO_PROMETHEUS_PORT=7191
export OPSREADY_DEMO_ALERTMANAGER_PORT=7194
OPSREADY_DEMO_REPOSITORIES_DIR="$OPSREADY_ROOT/.data/e2e-repositories" OPSREADY_BACKEND_URL=http://localhost:7008 setsid yarn workspace @opsready/demo-fleet start >.data/e2e-demo-fleet.log 2>&1 &
demo_fleet=$!

# Its own process group, so that stopping it stops the dev server and the
# backend it spawned, and no orphan keeps a port.
setsid yarn backstage-cli repo start --config "$OPSREADY_ROOT/app-config.yaml" --config "$OPSREADY_ROOT/app-config.demo.yaml" --config "$OPSREADY_ROOT/e2e/app-config.e2e.yaml" >"$log" 2>&1 &
portal=$!
stop_portal() {
  kill -- "-$portal" 2>/dev/null || true
  kill -- "-$demo_fleet" 2>/dev/null || true
  wait "$portal" "$demo_fleet" 2>/dev/null || true
}
trap stop_portal EXIT

echo "==> Starting a portal for the end-to-end tests" >&2
wait_for_url http://localhost:7008/.backstage/health/v1/readiness "$portal" "$log" 300
wait_for_url http://localhost:3001 "$portal" "$log" 300

echo "==> Running the end-to-end tests in Chromium" >&2
yarn playwright test "$@"
