#!/usr/bin/env bash
# Installs the Debian packages Baton needs to build (and, with --test, to test) when missing.
# apt's package lists can be empty on a fresh machine: update them once, only if something is missing.
set -euo pipefail

packages=(libcurl4-openssl-dev libsqlite3-dev pkg-config)
if [[ ${1:-} == --test ]]; then
    packages+=(openssl curl python3 passwd util-linux)
    # The status page test renders it in headless Chromium.
    packages+=(chromium)
    # The packaging tests: systemd-analyze (verify, security), and make and dpkg-shlibdeps for `make deb`.
    packages+=(systemd dpkg-dev make)
    # The store and high-availability tests run PostgreSQL 15 from Debian, started by the tests.
    packages+=(postgresql)
fi

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
install_python_parser() {
    # The reference Prometheus text parser, to check /metrics in the tests.
    if [[ ${1:-} == --test ]] && ! python3 -c "import prometheus_client" 2>/dev/null; then
        echo "installing prometheus-client (pip)" >&2
        python3 -m pip install -q prometheus-client >/dev/null 2>&1 || python3 -m pip install -q --break-system-packages prometheus-client >/dev/null
    fi
}
if [[ ${#missing[@]} -eq 0 ]]; then
    install_python_parser "${1:-}"
    exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
    sudo=sudo
fi
echo "installing ${missing[*]} (apt)" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null 2>&1 ||
    { $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null; }
install_python_parser "${1:-}"
