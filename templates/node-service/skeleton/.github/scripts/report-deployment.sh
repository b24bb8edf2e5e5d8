#!/usr/bin/env bash
# Reports this workflow run's deployment to OpsReady (POST
# /api/opsready/deployments). Called once with "started" and once with how it
# ended: both calls carry the same externalId, so OpsReady updates one
# deployment rather than recording two. Never fails the workflow: a portal
# that is down must not block a release.
set -uo pipefail

status="$1"
now="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
if [ -z "${OPSREADY_STARTED_AT:-}" ]; then
  OPSREADY_STARTED_AT="$now"
  echo "OPSREADY_STARTED_AT=$now" >> "$GITHUB_ENV"
fi
finished=""
if [ "$status" != "started" ]; then
  finished="\"finishedAt\": \"$now\","
fi

body=$(cat <<JSON
{
  "entityRef": "component:default/$SERVICE",
  "environment": "production",
  "version": "$GITHUB_SHA",
  "status": "$status",
  "startedAt": "$OPSREADY_STARTED_AT",
  $finished
  "commitSha": "$GITHUB_SHA",
  "actor": "$GITHUB_ACTOR",
  "url": "$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID",
  "source": "github-actions",
  "externalId": "$GITHUB_REPOSITORY/$GITHUB_RUN_ID/$GITHUB_RUN_ATTEMPT"
}
JSON
)

if ! curl --fail-with-body --silent --show-error --max-time 15 \
  --request POST "$OPSREADY_URL/api/opsready/deployments" \
  --header "Authorization: Bearer $OPSREADY_TOKEN" \
  --header 'Content-Type: application/json' \
  --data "$body"; then
  echo "::warning::Could not report the deployment to OpsReady"
fi
