# Installs Debian packages the tests need when their command (or, for an absolute path, file) is missing:
# PostgreSQL, Prometheus, Chromium, SciPy.
mlops_apt_install() {
  local missing=()
  while [ $# -gt 0 ]; do
    local command="$1" package="$2"
    shift 2
    { [[ "$command" == /* ]] && [ -e "$command" ]; } || command -v "$command" >/dev/null 2>&1 || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "==> apt-get install ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
