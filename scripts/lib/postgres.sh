# Starts a throwaway PostgreSQL (Debian's package) on 127.0.0.1 for the test suite and exports the connection
# string Backstage's TestDatabases reads. Stopped by mlops_postgres_stop.
mlops_postgres_start() {
  local port="${MLOPS_PG_PORT:-55432}"
  local pgbin
  pgbin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "$pgbin" ] || [ ! -x "$pgbin/initdb" ]; then
    mlops_apt_install /nonexistent/initdb postgresql
    pgbin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  fi
  MLOPS_PG_DIR="$(mktemp -d /tmp/mlops-pg.XXXXXX)"
  chmod 755 "$MLOPS_PG_DIR"
  local runas=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$MLOPS_PG_DIR"
    runas=(runuser -u postgres --)
  fi
  echo "==> PostgreSQL ($("$pgbin/postgres" --version)) on 127.0.0.1:$port"
  "${runas[@]}" "$pgbin/initdb" -D "$MLOPS_PG_DIR/data" --auth=trust -U postgres >/dev/null
  "${runas[@]}" "$pgbin/pg_ctl" -D "$MLOPS_PG_DIR/data" -l "$MLOPS_PG_DIR/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $MLOPS_PG_DIR" start >/dev/null
  MLOPS_PG_CTL=("${runas[@]}" "$pgbin/pg_ctl" -D "$MLOPS_PG_DIR/data")
  local major
  major="$("$pgbin/postgres" --version | sed -E 's/.* ([0-9]+)\..*/\1/')"
  export "BACKSTAGE_TEST_DATABASE_POSTGRES${major}_CONNECTION_STRING=postgresql://postgres@127.0.0.1:$port"
  export MLOPS_REQUIRE_POSTGRES=1
  export MLOPS_PG_URL="postgresql://postgres@127.0.0.1:$port"
}

mlops_postgres_stop() {
  [ -n "${MLOPS_PG_DIR:-}" ] || return 0
  "${MLOPS_PG_CTL[@]}" stop -m fast >/dev/null 2>&1
  rm -rf "$MLOPS_PG_DIR"
}
