#!/usr/bin/env bash
# Starts a backend for the ingest benchmark on a port of its own (:7031; the
# demo Kubernetes API's address points at :7039, where nothing listens),
# against a PostgreSQL database it creates empty, runs bench/ingest/measure.ts
# against it, and afterwards stops the backend and drops the database
# whatever happens (KEEP_DATABASE=1 keeps it, and reuses one kept before).
#
#   bash bench/ingest/run.sh
#   PHASES=write BATCH=10 bash bench/ingest/run.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/env.sh"
cd "$OPSREADY_ROOT"

admin_url="$("$OPSREADY_ROOT/scripts/ensure-postgres.sh")"
# BENCH_DATABASE names another database, e.g. to keep one per checkout
# when comparing two versions of the code side by side.
database="${BENCH_DATABASE:-opsready_bench_ingest}"
export BENCH_INGEST_DATABASE_URL="${admin_url%/*}/$database"
export BENCH_BACKEND_URL=http://localhost:7031
export PLANS_FILE="$OPSREADY_ROOT/.data/bench-ingest-plans.txt"
export OPSREADY_DEMO_KUBERNETES_PORT=7039
export BACKEND_NODE_ARGS="${BACKEND_NODE_ARGS:-}"

mkdir -p .data
log=.data/bench-ingest-backend.log
pidfile=.data/bench-ingest-backend.pid

# The write side's 200 services (ingest-load-000 to -199) in the catalog:
# ingest refuses events for an entity the catalog does not have.
for i in $(seq 0 199); do
  printf -- '---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ingest-load-%03d\nspec:\n  type: service\n  lifecycle: production\n  owner: group:default/ingest-bench\n' "$i"
done >.data/bench-ingest-load-services.yaml
rm -f "$pidfile"
# KEEP_DATABASE=1 keeps the database of an earlier run too: the read side
# then skips its fill (the write side counts only its own run's rows).
if [ "${KEEP_DATABASE:-}" = 1 ] &&
  psql -X -q -d "$admin_url" -tAc "SELECT 1 FROM pg_database WHERE datname = '$database'" | grep -q 1; then
  echo "==> Reusing the database $database of an earlier run" >&2
else
  psql -X -q -v ON_ERROR_STOP=1 -d "$admin_url" \
    -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" \
    -c "CREATE DATABASE $database"
fi

# Stops the backend and drops the database, however the run ends.
cleanup() {
  local backend
  backend="$(cat "$pidfile" 2>/dev/null || true)"
  if [ -n "$backend" ]; then
    kill -- "-$backend" 2>/dev/null || true
    # The backend closes its connections on SIGTERM; it gets 30 s.
    for _ in $(seq 1 60); do
      kill -0 "$backend" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL -- "-$backend" 2>/dev/null || true
  fi
  rm -f "$pidfile"
  if [ "${KEEP_DATABASE:-}" != 1 ]; then
    psql -X -q -d "$admin_url" -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" || true
  fi
}
trap cleanup EXIT

# Run the backend as `backstage-cli package start` does (Node with the CLI's
# TypeScript transform), but without its file watcher: an edit anywhere in
# the tree during a run would otherwise restart the backend under load. In
# a process group of its own (setsid), so that stopping it leaves no orphan
# on the port; the group's leader writes its pid, which is the group's id.
# BACKEND_NODE_ARGS adds Node options, e.g. `--cpu-prof --cpu-prof-dir=DIR`
# to profile the backend under load (the profile is written on its exit).
setsid bash -c 'echo $$ >"$0"; cd packages/backend; exec node --enable-source-maps \
    $BACKEND_NODE_ARGS --require @backstage/cli-node/config/nodeTransform.cjs src/index.ts "$@"' \
  "$pidfile" \
  --config "$OPSREADY_ROOT/app-config.yaml" \
  --config "$OPSREADY_ROOT/bench/ingest/app-config.bench.yaml" \
  >"$log" 2>&1 &
for _ in $(seq 1 50); do
  [ -s "$pidfile" ] && break
  sleep 0.1
done
backend="$(cat "$pidfile")"

# Polls with the reader's token: the read API needs one.
wait_for() {
  wait_for_url "$1" "$backend" "$log" 420 \
    -H 'Authorization: Bearer bench-ingest-reader-token'
}
echo "==> Starting a backend for the ingest benchmark on PostgreSQL ($database), log in $log" >&2
wait_for "$BENCH_BACKEND_URL/.backstage/health/v1/readiness"
# The read API answers 404 until the catalog has read its services.
wait_for "$BENCH_BACKEND_URL/api/opsready/entities/component/default/ingest-bench-service/deployments?limit=1"
wait_for "$BENCH_BACKEND_URL/api/opsready/entities/component/default/ingest-load-199/deployments?limit=1"

yarn workspace @opsready/bench ingest
