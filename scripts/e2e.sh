#!/usr/bin/env bash
# Browser test, against the portal as production runs it: builds the backend bundle and runs the Dockerfile's steps
# on the host (scripts/lib/production.sh), starts a throwaway PostgreSQL, the sandbox and its Prometheus, and the
# backend (NODE_ENV=production, app-config.production.yaml plus test/e2e/app-config.e2e.yaml, serving the built
# app), then drives Debian's Chromium with playwright-core and saves screenshots to docs/screenshots/.
# Expects the toolchain and dependencies from scripts/test.sh (or scripts/start.sh) to be installed.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
source "$MLOPS_ROOT/scripts/lib/apt.sh"
source "$MLOPS_ROOT/scripts/lib/postgres.sh"
source "$MLOPS_ROOT/scripts/lib/processes.sh"
source "$MLOPS_ROOT/scripts/lib/prometheus.sh"
source "$MLOPS_ROOT/scripts/lib/production.sh"
cd "$MLOPS_ROOT"

pg_port="${MLOPS_E2E_PG_PORT:-55436}"
cleanup() {
  mlops_stop_all
  mlops_postgres_stop
}
trap cleanup EXIT

# The portal's TechDocs run Debian's mkdocs (app-config.production.yaml: techdocs); before the production build,
# whose Dockerfile installs them only where they are missing. scripts/test.sh has installed them already.
mlops_apt_install mkdocs mkdocs /usr/share/mkdocs/themes/material/main.html mkdocs-material
# scripts/test.sh has built it already, beside the unit tests.
if [ "${MLOPS_PRODUCTION_BUILT:-}" != 1 ]; then
  mlops_production_build "$MLOPS_ROOT/.run/production"
fi
MLOPS_PG_PORT="$pg_port" mlops_postgres_start

SANDBOX_PORT=7011 mlops_spawn e2e-sandbox yarn workspace @mlops-portal/sandbox start
mlops_sandbox_prometheus e2e-prometheus 127.0.0.1:9092 127.0.0.1:7011 1s
POSTGRES_HOST=127.0.0.1 POSTGRES_PORT="$pg_port" POSTGRES_USER=postgres POSTGRES_PASSWORD='' \
  mlops_production_spawn e2e-backend "$MLOPS_ROOT/.run/production" \
  --config "$MLOPS_ROOT/test/e2e/app-config.e2e.yaml"
mlops_wait_for http://127.0.0.1:7011/mlflow/health 30 e2e-sandbox
mlops_wait_for http://localhost:7017/.backstage/health/v1/readiness 120 e2e-backend

MLOPS_E2E_BASE_URL=http://localhost:7017 node --require @backstage/cli/config/nodeTransform.cjs \
  --test --test-concurrency=1 --test-reporter=spec ${MLOPS_E2E_TESTS:-test/e2e/*.e2e.ts}
