#!/usr/bin/env bash
# The adopter's install, end to end: builds and packs the ten @mlops-portal/* packages, publishes them to a local
# npm registry (Verdaccio from the npm registry, on 127.0.0.1), and installs them by name into test/install: a
# separate Backstage 1.55 app (new frontend system, new backend system) that is not a workspace of this repository,
# with the README's own `yarn add` lines. Then type-checks that app, builds its frontend, starts its backend on
# SQLite with the example entities and the sandbox as its upstreams, checks the catalog and /api/mlops/v1, and opens
# the Model page in Chromium. Any package that needs this monorepo (a workspace: range, a private package, a missing
# file, a second copy of a @backstage/* package) fails it.
# Three phases, so CI can run each beside something that leaves it room:
#   prepare  builds and packs the packages, installs Verdaccio, and installs the app as create-app left it (its
#            committed yarn.lock: Backstage 1.55, nothing of ours yet) — beside the unit tests;
#   add      publishes the packages to Verdaccio and adds them to the app as the README says (mostly waiting on the
#            npm registry for our dependencies) — beside the two-replica test, which mostly waits too;
#   run      type-checks the app, builds its frontend, starts it and checks it — beside the browser test.
#   all      (the default) all three.
# Expects the toolchain and this repository's dependencies from scripts/test.sh; `yarn tsc` must have written
# dist-types (the packages' type declarations come from there). MLOPS_INSTALL_REUSE_TARBALLS=1 keeps the tarballs
# of an earlier run (when iterating on the app side only).
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
source "$MLOPS_ROOT/scripts/lib/processes.sh"
cd "$MLOPS_ROOT"

work="$MLOPS_ROOT/.run/install"
registry_port=4873
registry="http://127.0.0.1:$registry_port"
sandbox_port=7031
app_url=http://localhost:7037
step() { echo "==> [install test ${SECONDS}s] $*"; }
trap mlops_stop_all EXIT
phase="${1:-all}"

prepare() {
  step "build and pack the published packages"
  mkdir -p "$work/tarballs"
  if [ "${MLOPS_INSTALL_REUSE_TARBALLS:-}" != 1 ]; then
    rm -f "$work/tarballs"/*.tgz
    [ -d dist-types ] || yarn tsc
    yarn workspaces foreach --all --no-private --parallel --jobs 2 run build >"$work/build-packages.log" 2>&1 ||
      { tail -n 40 "$work/build-packages.log"; exit 1; }
    yarn workspaces foreach --all --no-private --parallel --jobs 2 pack --out "$work/tarballs/%s-%v.tgz" \
      >"$work/pack.log" 2>&1 || { tail -n 40 "$work/pack.log"; exit 1; }
  fi
  node scripts/install/checkTarballs.mjs "$work/tarballs"/*.tgz

  step "Verdaccio, from the npm registry"
  if [ ! -x "$MLOPS_ROOT/.tools/verdaccio/node_modules/.bin/verdaccio" ]; then
    mkdir -p "$MLOPS_ROOT/.tools/verdaccio"
    cp scripts/install/verdaccio.package.json "$MLOPS_ROOT/.tools/verdaccio/package.json"
    (cd "$MLOPS_ROOT/.tools/verdaccio" && npm install --no-audit --no-fund --loglevel=error)
  fi

  step "the separate app, as create-app left it"
  rm -rf "$work/app"
  cp -r test/install "$work/app"
  cat >>"$work/app/.yarnrc.yml" <<YARNRC
# Added by scripts/install-test.sh: @mlops-portal/* come from the local registry, published seconds ago.
npmScopes:
  mlops-portal:
    npmRegistryServer: "$registry"
unsafeHttpWhitelist: [127.0.0.1]
# CI time: no install scripts. The one the app needs, better-sqlite3's native build, is the one this repository's
# install compiled for the same Node (copied below when the versions match, built here otherwise); the rest
# (esbuild, @swc/core, protobufjs, core-js, keytar) check or advertise and are not needed to run.
enableScripts: false
YARNRC
  sed -i "s|^  - '@backstage/\\*'|&\\n  - '@mlops-portal/*'|" "$work/app/.yarnrc.yml"
  (cd "$work/app" && yarn install --immutable >"$work/yarn-install.log" 2>&1) ||
    { tail -n 40 "$work/yarn-install.log"; exit 1; }
  local sqlite="$work/app/node_modules/better-sqlite3" ours="$MLOPS_ROOT/node_modules/better-sqlite3"
  if [ "$(node -p "require('$sqlite/package.json').version")" = "$(node -p "require('$ours/package.json').version")" ]; then
    cp -r "$ours/build" "$sqlite/build"
  else
    (cd "$sqlite" && node "$work/app/node_modules/node-gyp/bin/node-gyp.js" rebuild --release >/dev/null)
  fi
  touch "$work/prepared"
}

# Publishes the packages to a local registry and adds them to the app as the README says (mostly waiting on the
# npm registry for our dependencies).
add() {
  step "a local npm registry (Verdaccio) serving the packages"
  rm -rf "$work/registry"
  mkdir -p "$work/registry"
  sed "s|STORAGE|$work/registry/storage|" scripts/install/verdaccio.yaml >"$work/registry/config.yaml"
  if curl -fsS -o /dev/null "$registry/-/ping" 2>/dev/null; then
    echo "!! something already listens on $registry; stop it first" >&2
    exit 1
  fi
  mlops_spawn install-registry "$MLOPS_ROOT/.tools/verdaccio/node_modules/.bin/verdaccio" \
    --config "$work/registry/config.yaml" --listen "127.0.0.1:$registry_port"
  mlops_wait_for "$registry/-/ping" 30 install-registry
  for tarball in "$work/tarballs"/*.tgz; do
    npm publish "$tarball" --registry "$registry" "--//127.0.0.1:$registry_port/:_authToken=install-test" \
      --loglevel=error >/dev/null
  done

  step "the separate app installs them by name, as the README says"
  # Yarn's global cache keys a package by name and version, not content: a 0.1.0 an earlier run cached would be
  # installed instead of the one just published (it was: a Model schema without spec.modelCard). Drop ours.
  rm -f "$(cd "$work/app" && yarn config get cacheFolder)"/@mlops-portal-*
  (
    cd "$work/app"
    node "$MLOPS_ROOT/scripts/install/readmeSteps.mjs" commands "$MLOPS_ROOT/README.md" | while read -r command; do
      echo "    \$ $command"
      eval "$command" >"$work/yarn-add.log" 2>&1 || { tail -n 40 "$work/yarn-add.log"; exit 1; }
    done
  )
  # packages/app-legacy, the legacy-frontend-system page, imports the frontend package the README's line installed
  # for packages/app (in a legacy adopter's app, that line's packages/app is the legacy app): a third `yarn add` would
  # cost CI 25 s and check nothing more.
  # The search collator module needs Backstage's search backend, which this app does not run; its own tests run it in
  # a real search backend (plugins/search-backend-module-mlops/src/module.test.ts).
  node scripts/install/readmeSteps.mjs check-app "$work/app" \
    $(ls plugins/*/README.md | grep -v '^plugins/search-backend-module-mlops/')
  node scripts/install/checkInstalledApp.mjs "$work/app"
  node scripts/versions/check.mjs "--root=$work/app"

  mlops_stop_all
  touch "$work/added"
}

if [ "$phase" = prepare ] || [ "$phase" = all ]; then
  rm -f "$work/prepared" "$work/added"
  prepare
  [ "$phase" = prepare ] && exit 0
fi
[ -f "$work/prepared" ] || { echo "!! run scripts/install-test.sh prepare first" >&2; exit 1; }
if [ "$phase" = add ] || [ "$phase" = all ]; then
  rm -f "$work/added"
  add
  [ "$phase" = add ] && exit 0
fi
[ -f "$work/added" ] || { echo "!! run scripts/install-test.sh add first" >&2; exit 1; }

step "type-check the app"
(cd "$work/app" && yarn tsc)

step "build its frontend"
(cd "$work/app" && yarn build:app >"$work/build-app.log" 2>&1) || { tail -n 40 "$work/build-app.log"; exit 1; }

step "start its backend on SQLite, with the sandbox as the upstreams"
cat >"$work/app/app-config.local.yaml" <<CONFIG
catalog:
  locations:
    - { type: file, target: $MLOPS_ROOT/examples/fraud-detection.yaml }
    - { type: file, target: $MLOPS_ROOT/examples/org.yaml, rules: [{ allow: [User, Group] }] }
    - { type: file, target: $MLOPS_ROOT/templates/ml-service/template.yaml, rules: [{ allow: [Template] }] }
CONFIG
SANDBOX_PORT=$sandbox_port mlops_spawn install-sandbox yarn workspace @mlops-portal/sandbox start
mlops_spawn install-backend bash -c "cd '$work/app/packages/backend' && exec yarn start \
  --config ../../app-config.yaml --config ../../app-config.local.yaml"
mlops_wait_for "http://127.0.0.1:$sandbox_port/mlflow/health" 30 install-sandbox
mlops_wait_for "$app_url/.backstage/health/v1/readiness" 120 install-backend

step "the catalog, /api/mlops/v1 and the Model page in Chromium"
MLOPS_INSTALL_APP_URL="$app_url" node --require @backstage/cli/config/nodeTransform.cjs \
  --test --test-concurrency=1 --test-reporter=spec test/e2e/install/*.e2e.ts
step "done"
