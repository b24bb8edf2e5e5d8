#!/usr/bin/env bash
# Makes sure Debian's Prometheus (with promtool) and Alertmanager are there
# for the tests that run a real Prometheus. Idempotent. The system services
# are never started: the tests start their own processes on free ports, and
# a service on :9090 would only be in the way.
set -euo pipefail
if [ -x /usr/bin/prometheus ] && [ -x /usr/bin/promtool ] && [ -x /usr/bin/prometheus-alertmanager ]; then
  exit 0
fi
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}
echo "==> Installing Prometheus and Alertmanager from Debian's packages" >&2
# Debian's maintainer scripts start the services through invoke-rc.d, which
# asks policy-rc.d first: 101 means "not allowed". An existing policy-rc.d is
# put back afterwards.
policy=/usr/sbin/policy-rc.d
saved=""
if [ -e "$policy" ]; then
  saved="$(mktemp)"
  as_root cp -p "$policy" "$saved"
fi
restore_policy() {
  if [ -n "$saved" ]; then
    as_root cp -p "$saved" "$policy"
    rm -f "$saved"
  else
    as_root rm -f "$policy"
  fi
}
trap restore_policy EXIT
printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null
as_root chmod 755 "$policy"
as_root apt-get update -qq >/dev/null
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  prometheus prometheus-alertmanager >/dev/null
# Where systemd runs the services regardless of policy-rc.d, stop them.
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  as_root systemctl disable --now prometheus prometheus-alertmanager >/dev/null 2>&1 || true
fi
