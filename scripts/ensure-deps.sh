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
    # The file-drop tests: sshd (sftp) and ssh-keygen for its host and client keys.
    packages+=(openssh-server openssh-client)
fi

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
install_python_packages() {
    [[ ${1:-} == --test ]] || return 0
    # Python modules the tests use, as module=package. find_spec looks without importing, so a
    # warm machine spends half a second here: the reference Prometheus text parser (/metrics), and
    # for the file-drop tests an S3 server (moto's server mode, set up with boto3) and an FTP
    # server with explicit TLS (pyftpdlib, whose TLS handler needs pyOpenSSL).
    local wanted=(prometheus_client=prometheus-client 'moto=moto[server]' 'flask=moto[server]' 'flask_cors=moto[server]'
        boto3=boto3 pyftpdlib=pyftpdlib OpenSSL=pyopenssl)
    local needed=()
    read -ra needed <<<"$(python3 - "${wanted[@]}" <<'PY'
import importlib.util, sys
packages = {spec.split("=", 1)[1] for spec in sys.argv[1:] if importlib.util.find_spec(spec.split("=", 1)[0]) is None}
print(" ".join(sorted(packages)))
PY
)"
    [[ ${#needed[@]} -gt 0 ]] || return 0
    echo "installing ${needed[*]} (pip)" >&2
    python3 -m pip install -q "${needed[@]}" >/dev/null 2>&1 ||
        python3 -m pip install -q --break-system-packages "${needed[@]}" >/dev/null
}
if [[ ${#missing[@]} -eq 0 ]]; then
    install_python_packages "${1:-}"
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
install_python_packages "${1:-}"
