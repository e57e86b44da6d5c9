#!/usr/bin/env bash
# Sets up a fresh machine and runs the whole MLOps Portal test suite:
# type check, lint, formatting, versions on the Backstage release, API reports, unit/component/integration tests
# (SQLite and a real PostgreSQL), two real backend replicas on one PostgreSQL, the packages installed into a separate
# Backstage app from a local registry, then the browser test.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
source "$MLOPS_ROOT/scripts/lib/apt.sh"
source "$MLOPS_ROOT/scripts/lib/postgres.sh"
source "$MLOPS_ROOT/scripts/lib/processes.sh"
source "$MLOPS_ROOT/scripts/lib/production.sh"
cd "$MLOPS_ROOT"

# Each step's start, in seconds since the run began, so a slow step shows in CI's log.
step() { echo "==> [${SECONDS}s] $*"; }

step "install"
# Debian's packages (the browser, Prometheus, PostgreSQL, SciPy, the template's Python stack, TechDocs' mkdocs) come in
# one apt-get run in the background while yarn installs from the npm registry: on a fresh machine both mostly
# download and unpack, and one after the other they took minutes more.
mkdir -p "$MLOPS_ROOT/.run"
# The drift statistics are checked against SciPy: the python3 on PATH if it has it, else Debian's.
scipy=()
if ! python3 -c 'import scipy' 2>/dev/null; then
  scipy=(/usr/lib/python3/dist-packages/scipy/__init__.py python3-scipy)
  export MLOPS_PYTHON=/usr/bin/python3
fi
initdb="$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | head -n 1 || true)"
# The ML service template's generated repository runs its own pytest suite on Debian's scikit-learn and XGBoost;
# TechDocs' generator and the template's docs check run Debian's mkdocs and its material theme.
mlops_apt_install chromium chromium /usr/bin/prometheus prometheus "${initdb:-/nonexistent/initdb}" postgresql \
  "${scipy[@]}" \
  /usr/lib/python3/dist-packages/sklearn/__init__.py python3-sklearn \
  /usr/lib/python3/dist-packages/pandas/__init__.py python3-pandas \
  /usr/lib/python3/dist-packages/xgboost/__init__.py python3-xgboost \
  /usr/lib/python3/dist-packages/pytest/__init__.py python3-pytest \
  /usr/lib/python3/dist-packages/yaml/__init__.py python3-yaml \
  mkdocs mkdocs /usr/share/mkdocs/themes/material/main.html mkdocs-material \
  >"$MLOPS_ROOT/.run/apt.log" 2>&1 &
apt=$!
mlops_install
wait "$apt" || {
  cat "$MLOPS_ROOT/.run/apt.log"
  exit 1
}
cat "$MLOPS_ROOT/.run/apt.log"
export MLOPS_ML_PYTHON=/usr/bin/python3
mlops_postgres_start
trap mlops_postgres_stop EXIT

step "yarn tsc, lint, prettier, versions, API reports"
# The type check and the lint each use one core.
yarn tsc &
tsc=$!
yarn backstage-cli repo lint
wait "$tsc"
yarn prettier --check . >/dev/null
yarn versions:check
mkdir -p "$MLOPS_ROOT/.run"
yarn api-reports:check >.run/api-reports.log 2>&1 || { grep -v '^Skipping\|^## \|^Analysis' .run/api-reports.log; exit 1; }
# `yarn changeset version` turns the pending changesets into versions and changelogs (in a throwaway clone: it
# rewrites package.json and CHANGELOG.md files).
rm -rf .run/changesets && git clone -q "$MLOPS_ROOT" .run/changesets && cp .changeset/*.md .run/changesets/.changeset/
ln -s "$MLOPS_ROOT/node_modules" .run/changesets/node_modules
(cd .run/changesets && node node_modules/@changesets/cli/bin.js version >/dev/null 2>&1) || {
  echo "!! yarn changeset version failed" >&2
  exit 1
}

step "unit, component and integration tests (and, meanwhile, the production build for the browser test)"
# The production build (backend bundle with the app, then the Dockerfile's steps) needs only the CPU, and the unit
# tests leave much of it idle while they wait on Prometheus and rollout steps, so it runs beside them.
# The install test's first phase (pack the packages, install the separate app as create-app left it) follows it
# there: it builds the packages the backend build also builds, so not at once.
(
  mlops_production_build "$MLOPS_ROOT/.run/production" &&
    bash "$MLOPS_ROOT/scripts/install-test.sh" prepare
) >"$MLOPS_ROOT/.run/production-build-all.log" 2>&1 &
production_build=$!
# TestDatabases: no Docker here; PostgreSQL comes from the server started above. The longest test files wait on
# Prometheus scrapes and rollout steps rather than the CPU, so a third worker on 2 cores uses that idle time
# (measured: 8.1 min with two workers, 5.8 with three).
# The slowest files start first (scripts/jest/slowFirstSequencer.cjs): a clean clone has no timings of its own.
BACKSTAGE_TEST_DISABLE_DOCKER=1 CI=true yarn backstage-cli repo test --maxWorkers=3 \
  --testSequencer="$MLOPS_ROOT/scripts/jest/slowFirstSequencer.cjs"

if ! wait "$production_build"; then
  cat "$MLOPS_ROOT/.run/production-build-all.log"
  exit 1
fi

step "browser test; beside it, two backend replicas on one PostgreSQL (one killed mid-canary), then the packages installed into a separate Backstage app"
# The three last tests mostly wait (the browser on pages and rollout steps, the replicas on startups, the canary's
# steps and the failover they time, the install test's `yarn add` on the npm registry), so they share this phase:
# the browser test in front; beside it the replicas while the install test adds our packages, then the install
# test's last phase (tsc, the app's frontend build, its backend and its own browser check). They use their own
# ports, PostgreSQL servers and processes. The install test is niced: the other two measure time.
(
  nice -n 10 bash "$MLOPS_ROOT/scripts/install-test.sh" add >"$MLOPS_ROOT/.run/install-add.log" 2>&1 &
  install_add=$!
  replicas_status=0
  bash "$MLOPS_ROOT/scripts/replicas.sh" >"$MLOPS_ROOT/.run/replicas-test.log" 2>&1 || replicas_status=$?
  wait "$install_add" || exit_add=$?
  [ "${exit_add:-0}" = 0 ] || { echo "!! the install test's add phase failed (exit $exit_add)"; exit "$exit_add"; }
  nice -n 10 bash "$MLOPS_ROOT/scripts/install-test.sh" run >"$MLOPS_ROOT/.run/install-test.log" 2>&1 ||
    { status=$?; echo "!! the install test failed (exit $status)"; exit "$status"; }
  [ "$replicas_status" = 0 ] || { echo "!! the two-replica test failed (exit $replicas_status)"; exit "$replicas_status"; }
) >"$MLOPS_ROOT/.run/beside-e2e.log" 2>&1 &
beside=$!
e2e_status=0
MLOPS_PRODUCTION_BUILT=1 bash "$MLOPS_ROOT/scripts/e2e.sh" || e2e_status=$?
beside_status=0
wait "$beside" || beside_status=$?
for log in replicas-test install-add install-test beside-e2e; do
  [ -s "$MLOPS_ROOT/.run/$log.log" ] || continue
  echo "==> .run/$log.log"
  cat "$MLOPS_ROOT/.run/$log.log"
done
[ "$e2e_status" = 0 ] || exit "$e2e_status"
[ "$beside_status" = 0 ] || exit "$beside_status"
step "done"
