#!/usr/bin/env bash
# Sets up a fresh machine and starts the MLOps Portal on http://localhost:3000 (backend :7007, SQLite, the
# example organisation) together with the sandbox on :7010, a DEMO STAND-IN for MLflow, Kubeflow Pipelines,
# Kubernetes/Seldon, Feast and model metrics, and Debian's Prometheus on :9091 when installed. Ctrl-C stops
# everything.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
source "$MLOPS_ROOT/scripts/lib/apt.sh"
source "$MLOPS_ROOT/scripts/lib/processes.sh"
source "$MLOPS_ROOT/scripts/lib/prometheus.sh"
cd "$MLOPS_ROOT"
trap mlops_stop_all EXIT

mlops_install
# TechDocs (the Docs tab) builds sites with Debian's mkdocs and its material theme (app-config.yaml: techdocs).
mlops_apt_install mkdocs mkdocs /usr/share/mkdocs/themes/material/main.html mkdocs-material
mlops_spawn sandbox yarn workspace @mlops-portal/sandbox start
mlops_wait_for http://127.0.0.1:7010/ 30 sandbox
# DEMO STAND-IN: the sandbox's MLflow sends its registry webhooks (alias moves, new versions), signed with this
# secret, to the portal's events ingress; app-config.yaml reads the same secret (mlops.mlflow.instances[].webhookSecret).
export MLFLOW_WEBHOOK_SECRET="${MLFLOW_WEBHOOK_SECRET:-sandbox-demo-webhook-secret}"
curl -fsS -X POST http://127.0.0.1:7010/mlflow/api/2.0/mlflow/webhooks -H 'Content-Type: application/json' \
  -d "{\"name\":\"mlops-portal\",\"url\":\"http://127.0.0.1:7007/api/events/http/mlflow.default\",\"secret\":\"$MLFLOW_WEBHOOK_SECRET\",\"events\":[{\"entity\":\"MODEL_VERSION\",\"action\":\"CREATED\"},{\"entity\":\"MODEL_VERSION_TAG\",\"action\":\"SET\"},{\"entity\":\"MODEL_VERSION_ALIAS\",\"action\":\"CREATED\"},{\"entity\":\"MODEL_VERSION_ALIAS\",\"action\":\"DELETED\"}]}" \
  >/dev/null
# A real Prometheus scraping the sandbox, for canary analysis and model health (app-config: mlops.prometheus).
mlops_sandbox_prometheus prometheus 127.0.0.1:9091 127.0.0.1:7010 5s || true
echo "==> starting the portal: http://localhost:3000 (first page takes ~30 s while the bundle builds)"
yarn start
