#!/usr/bin/env bash
# Browser test: builds the app, starts the sandbox and the backend (serving the built app, examples on SQLite),
# then drives Debian's Chromium with playwright-core and saves screenshots to docs/screenshots/.
# Expects the toolchain and dependencies from scripts/test.sh (or scripts/start.sh) to be installed.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
source "$MLOPS_ROOT/scripts/lib/processes.sh"
source "$MLOPS_ROOT/scripts/lib/prometheus.sh"
cd "$MLOPS_ROOT"
trap mlops_stop_all EXIT

mkdir -p "$MLOPS_ROOT/.run"
echo "==> building the app"
yarn workspace app build >"$MLOPS_ROOT/.run/app-build.log" 2>&1 || { tail -n 40 "$MLOPS_ROOT/.run/app-build.log"; exit 1; }

SANDBOX_PORT=7011 mlops_spawn e2e-sandbox yarn workspace @mlops-portal/sandbox start
mlops_sandbox_prometheus e2e-prometheus 127.0.0.1:9092 127.0.0.1:7011 1s
mlops_spawn e2e-backend yarn workspace backend start \
  --config ../../app-config.yaml --config ../../test/e2e/app-config.e2e.yaml
mlops_wait_for http://127.0.0.1:7011/mlflow/health 30 e2e-sandbox
mlops_wait_for http://localhost:7017/.backstage/health/v1/readiness 120 e2e-backend

MLOPS_E2E_BASE_URL=http://localhost:7017 node --require @backstage/cli/config/nodeTransform.cjs \
  --test --test-concurrency=1 --test-reporter=spec test/e2e/*.e2e.ts
