#!/usr/bin/env bash
# Two real backend processes of one portal on one PostgreSQL (test/replicas/twoBackends.replicas.ts): starts a
# throwaway PostgreSQL, the sandbox (:7012) and its Prometheus (:9093); the test starts both backends (:7021,
# :7022), kills one mid-canary and checks the other finishes it, each change made once. Prints the failover time.
# Expects the toolchain and dependencies from scripts/test.sh (or scripts/start.sh) to be installed.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
source "$MLOPS_ROOT/scripts/lib/apt.sh"
source "$MLOPS_ROOT/scripts/lib/postgres.sh"
source "$MLOPS_ROOT/scripts/lib/processes.sh"
source "$MLOPS_ROOT/scripts/lib/prometheus.sh"
cd "$MLOPS_ROOT"

pg_port="${MLOPS_REPLICAS_PG_PORT:-55435}"
# Another backend, sandbox or server on these ports would answer in place of ours.
for port in 7012 9093 7021 7022 "$pg_port"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "!! port $port is in use; the two-replica test needs 7012, 9093, 7021, 7022 and $pg_port free" >&2
    exit 1
  fi
done

cleanup() {
  mlops_stop_all
  mlops_postgres_stop
}
trap cleanup EXIT
MLOPS_PG_PORT="$pg_port" mlops_postgres_start

SANDBOX_PORT=7012 mlops_spawn replicas-sandbox yarn workspace @mlops-portal/sandbox start
mlops_sandbox_prometheus replicas-prometheus 127.0.0.1:9093 127.0.0.1:7012 1s
mlops_wait_for http://127.0.0.1:7012/mlflow/health 60 replicas-sandbox
mlops_wait_for http://127.0.0.1:9093/-/ready 30 replicas-prometheus

echo "==> two backend replicas (logs: .run/replica-1.log, .run/replica-2.log)"
# In a session of its own, so the trap also stops the backends the test starts if the test is interrupted.
setsid node --require @backstage/cli/config/nodeTransform.cjs \
  --test --test-concurrency=1 --test-reporter=spec test/replicas/*.replicas.ts &
MLOPS_PIDS+=("$!")
status=0
wait "$!" || status=$?
if [ "$status" -ne 0 ]; then
  for name in replica-1 replica-2; do
    [ -f ".run/$name.log" ] && { echo "--- last lines of .run/$name.log"; tail -n 40 ".run/$name.log"; }
  done
fi
exit "$status"
