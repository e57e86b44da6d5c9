#!/usr/bin/env bash
# Sets up a fresh machine and starts the MLOps Portal on http://localhost:3000 (backend :7007, SQLite, the
# example organisation) together with the sandbox on :7010, a DEMO STAND-IN for MLflow, Kubeflow Pipelines,
# Kubernetes/Seldon, Feast and model metrics, and Debian's Prometheus on :9091 when installed. Ctrl-C stops
# everything.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
source "$MLOPS_ROOT/scripts/lib/processes.sh"
cd "$MLOPS_ROOT"
trap mlops_stop_all EXIT

mlops_install
mlops_spawn sandbox yarn workspace @mlops-portal/sandbox start
mlops_wait_for http://127.0.0.1:7010/ 30 sandbox
if [ -x /usr/bin/prometheus ]; then
  # A real Prometheus scraping the sandbox's Seldon metrics, for canary analysis (app-config: mlops.prometheus).
  mkdir -p "$MLOPS_ROOT/.run/prometheus"
  cat >"$MLOPS_ROOT/.run/prometheus/prometheus.yml" <<'YAML'
global: { scrape_interval: 5s }
scrape_configs:
  - job_name: sandbox-models
    metrics_path: /model-metrics/metrics
    static_configs: [{ targets: ['127.0.0.1:7010'] }]
YAML
  mlops_spawn prometheus /usr/bin/prometheus --config.file="$MLOPS_ROOT/.run/prometheus/prometheus.yml" \
    --storage.tsdb.path="$MLOPS_ROOT/.run/prometheus/data" --web.listen-address=127.0.0.1:9091
else
  echo "!! Prometheus is not installed, so canary analysis has nothing to measure and rollouts will pause."
  echo "   Install Debian's package (sudo apt-get install prometheus) and run this script again."
fi
echo "==> starting the portal: http://localhost:3000 (first page takes ~30 s while the bundle builds)"
yarn start
