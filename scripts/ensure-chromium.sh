#!/usr/bin/env bash
# Makes sure Debian's Chromium is there for the end-to-end tests (Playwright
# cannot download its own browsers here). Idempotent.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}
echo "==> Installing Chromium from Debian's packages" >&2
as_root apt-get update -qq >/dev/null
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
