#!/usr/bin/env bash
# `npm start`: installs what is missing (Node 22 when the system Node is older,
# the dependencies from the committed lockfile) and starts the portal - the
# app on http://localhost:3000 and the backend on http://localhost:7007 - on
# the embedded SQLite database in .data/sqlite, with the demo fleet
# (packages/demo-fleet, loopback only) beside it. Debian's Prometheus is
# installed when root or sudo allows (never started as a service).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$OPSREADY_ROOT"

install_dependencies
mkdir -p .data/sqlite

# Debian's Prometheus (for SLOs from real metrics, and for its tests) is
# installed where root or sudo without a password allows; the portal does not
# need it to start.
if [ -x /usr/bin/prometheus ] || [ "$(id -u)" -eq 0 ] || sudo -n true 2>/dev/null; then
  "$OPSREADY_ROOT/scripts/ensure-prometheus.sh" ||
    echo "==> Prometheus could not be installed; starting without it" >&2
else
  echo "==> Prometheus is absent (installing it needs root or sudo); starting without it" >&2
fi

# The demo fleet runs in its own process group and stops with the portal.
setsid yarn workspace @opsready/demo-fleet start &
demo_fleet=$!
trap 'kill -- "-$demo_fleet" 2>/dev/null || true' EXIT

echo "==> Starting the portal: http://localhost:3000 (backend http://localhost:7007)" >&2
yarn backstage-cli repo start --config "$OPSREADY_ROOT/app-config.yaml" --config "$OPSREADY_ROOT/app-config.demo.yaml" "$@"
