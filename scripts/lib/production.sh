# The portal as its image runs it, without Docker: builds the backend bundle on the host (Backstage's host build),
# then runs packages/backend/Dockerfile's own steps into a directory (scripts/run-dockerfile.mjs) and starts its CMD.
# Sourced after env.sh.
MLOPS_DOCKERFILE="$MLOPS_ROOT/packages/backend/Dockerfile"

# Builds into $1 (default .run/production): the host build the Dockerfile expects, then its COPY/ENV/RUN steps.
mlops_production_build() {
  local dir="${1:-$MLOPS_ROOT/.run/production}"
  (
    cd "$MLOPS_ROOT"
    # The bundle's packages carry the type declarations `yarn tsc` writes to dist-types.
    [ -d dist-types ] || yarn tsc
    echo "==> yarn build:backend (log: .run/build-backend.log)"
    mkdir -p .run
    yarn build:backend >.run/build-backend.log 2>&1 || { tail -n 40 .run/build-backend.log; exit 1; }
    echo "==> the Dockerfile's steps into ${dir#"$MLOPS_ROOT"/} (log: .run/production-build.log)"
    node scripts/run-dockerfile.mjs build "$MLOPS_DOCKERFILE" "$MLOPS_ROOT" "$dir" >.run/production-build.log 2>&1 ||
      { tail -n 40 .run/production-build.log; exit 1; }
  )
}

# Starts the Dockerfile's CMD in $2 (default .run/production) as process $1, with extra arguments (--config ...).
mlops_production_spawn() {
  local name="$1" dir="${2:-$MLOPS_ROOT/.run/production}"
  shift 2
  mlops_spawn "$name" node "$MLOPS_ROOT/scripts/run-dockerfile.mjs" start "$MLOPS_DOCKERFILE" "$dir" "$@"
}
