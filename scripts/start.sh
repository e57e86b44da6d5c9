#!/usr/bin/env bash
# Sets up a fresh machine and starts the MLOps Portal on http://localhost:3000 (backend :7007, SQLite, the
# example organisation) together with the sandbox on :7010, a DEMO STAND-IN for MLflow, Kubeflow Pipelines,
# Kubernetes/Seldon, Feast and model metrics, and Debian's Prometheus on :9091 when installed. Ctrl-C stops
# everything.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
source "$MLOPS_ROOT/scripts/lib/processes.sh"
source "$MLOPS_ROOT/scripts/lib/prometheus.sh"
cd "$MLOPS_ROOT"
trap mlops_stop_all EXIT

mlops_install
mlops_spawn sandbox yarn workspace @mlops-portal/sandbox start
mlops_wait_for http://127.0.0.1:7010/ 30 sandbox
# A real Prometheus scraping the sandbox, for canary analysis and model health (app-config: mlops.prometheus).
mlops_sandbox_prometheus prometheus 127.0.0.1:9091 127.0.0.1:7010 5s || true
echo "==> starting the portal: http://localhost:3000 (first page takes ~30 s while the bundle builds)"
yarn start
