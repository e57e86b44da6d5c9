# Starts Debian's Prometheus scraping the sandbox's model metrics and evaluating the sandbox's demo alert rules.
#   mlops_sandbox_prometheus <name> <listen host:port> <sandbox host:port> <scrape interval>
# Returns 1 (and says how to install it) when Prometheus is not installed.
mlops_sandbox_prometheus() {
  local name="$1" listen="$2" sandbox="$3" interval="$4"
  if [ ! -x /usr/bin/prometheus ]; then
    echo "!! Prometheus is not installed: canary analysis and model health have nothing to read."
    echo "   Install Debian's package (sudo apt-get install prometheus) and run this script again."
    return 1
  fi
  local dir="$MLOPS_ROOT/.run/$name"
  rm -rf "$dir/data"
  mkdir -p "$dir"
  cat >"$dir/prometheus.yml" <<YAML
global: { scrape_interval: $interval, evaluation_interval: $interval }
rule_files: ['$MLOPS_ROOT/packages/sandbox/prometheus/sandbox-rules.yml']
scrape_configs:
  - job_name: sandbox-models
    metrics_path: /model-metrics/metrics
    static_configs: [{ targets: ['$sandbox'] }]
YAML
  mlops_spawn "$name" /usr/bin/prometheus --config.file="$dir/prometheus.yml" \
    --storage.tsdb.path="$dir/data" --web.listen-address="$listen"
}
