#!/usr/bin/env bash
# Starts a portal for the UI benchmark on ports of its own (backend :7021,
# the dev app on :3021, the demo Kubernetes API's address on :7121, where
# nothing listens), with an empty SQLite database, runs bench/ui/measure.ts
# against it, and stops that portal afterwards whatever happens.
#
#   bash bench/ui/run.sh                # the dev bundle, as `yarn start` serves it
#   bash bench/ui/run.sh --production   # `yarn workspace app build`, served by the backend
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/env.sh"
cd "$OPSREADY_ROOT"

mode=dev
if [ "${1:-}" = "--production" ]; then
  mode=production
fi

"$OPSREADY_ROOT/scripts/ensure-chromium.sh"

rm -rf .data/bench-ui-sqlite
mkdir -p .data/bench-ui-sqlite
log=.data/bench-ui-portal.log
export OPSREADY_DEMO_KUBERNETES_PORT=7121
configs=(--config "$OPSREADY_ROOT/app-config.yaml" --config "$OPSREADY_ROOT/app-config.demo.yaml" --config "$OPSREADY_ROOT/bench/ui/app-config.bench.yaml")

# A production build this script made is removed afterwards; one that was
# there before is rebuilt but kept.
remove_dist=false
if [ "$mode" = production ] && [ ! -e packages/app/dist ]; then
  remove_dist=true
fi

if [ "$mode" = production ]; then
  echo "==> Building the app for production" >&2
  yarn workspace app build "${configs[@]}" >.data/bench-ui-build.log 2>&1
  # The backend serves the built app itself, on its own address.
  export APP_CONFIG_app_baseUrl=http://localhost:7021
  export BENCH_APP_URL=http://localhost:7021
  # Its own process group, so that stopping it leaves no orphan on a port.
  setsid yarn workspace backend start "${configs[@]}" >"$log" 2>&1 &
else
  export BENCH_APP_URL=http://localhost:3021
  setsid yarn backstage-cli repo start "${configs[@]}" >"$log" 2>&1 &
fi
portal=$!
stop_portal() {
  kill -- "-$portal" 2>/dev/null || true
  wait "$portal" 2>/dev/null || true
  if [ "$remove_dist" = true ]; then
    rm -rf packages/app/dist
  fi
}
trap stop_portal EXIT

echo "==> Starting a portal for the UI benchmark ($mode bundle)" >&2
wait_for_url http://localhost:7021/.backstage/health/v1/readiness "$portal" "$log" 420
wait_for_url "$BENCH_APP_URL" "$portal" "$log" 420

yarn workspace @opsready/bench ui
