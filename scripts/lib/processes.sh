# Starting and stopping the portal's processes from scripts, with logs under .run/.
MLOPS_PIDS=()

mlops_spawn() {
  local name="$1"
  shift
  mkdir -p "$MLOPS_ROOT/.run"
  echo "==> starting $name (log: .run/$name.log)"
  setsid "$@" >"$MLOPS_ROOT/.run/$name.log" 2>&1 &
  MLOPS_PIDS+=("$!")
}

mlops_stop_all() {
  for pid in "${MLOPS_PIDS[@]}"; do
    kill -- "-$pid" 2>/dev/null || true
  done
}

# Waits until a URL answers 2xx, or fails after $2 seconds showing the named log.
mlops_wait_for() {
  local url="$1" seconds="$2" log="$3"
  for _ in $(seq "$seconds"); do
    if curl -fsS -o /dev/null "$url" 2>/dev/null; then
      return 0
    fi
    sleep 1
  done
  echo "!! $url did not answer within ${seconds}s; last lines of .run/$log.log:" >&2
  tail -n 40 "$MLOPS_ROOT/.run/$log.log" >&2
  return 1
}
