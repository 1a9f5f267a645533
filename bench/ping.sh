#!/usr/bin/env bash
# bench/ping.sh [REQUESTS=20000] [CONCURRENCY=16] — /ping/<token> throughput on the real daemon.
#
# batond serves its HTTP listener on a free loopback port with one heartbeat integration. ApacheBench
# (ab, keep-alive) then sends, from one source address:
#   right   POST /ping/<right token>: never rate limited, each one records a heartbeat;
#   guess   POST /ping/<wrong token>: the first 10 are answered 404 (and counted), every later one
#           429 with Retry-After, before any token is compared: the limited path;
#   healthz GET /healthz: the listener without /ping, as a baseline.
# Prints requests per second for each, how many of the guesses were answered 404 (evaluated) and 429
# (refused by the limit), and batond's CPU per 1,000 requests. Loopback only; stops what it started
# by PID.
set -euo pipefail
REQUESTS=${1:-20000}; CONCURRENCY=${2:-16}
HERE=$(cd "$(dirname "$0")" && pwd); ROOT=$(cd "$HERE/.." && pwd)
log() { echo "[ping $(date +%T)] $*" >&2; }

"$ROOT/scripts/ensure-deps.sh"
if ! command -v ab >/dev/null; then
    log "installing apache2-utils (ab)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends apache2-utils >/dev/null 2>&1 ||
        { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends apache2-utils >/dev/null; }
fi
(cd "$ROOT" && swift build -c release --product batond >&2)
BIN=$(cd "$ROOT" && swift build -c release --show-bin-path)

WORK=$(mktemp -d /tmp/baton-ping.XXXXXX)
DAEMON_PID=""
cleanup() {
    [[ -n $DAEMON_PID ]] && kill -TERM "$DAEMON_PID" 2>/dev/null && wait "$DAEMON_PID" 2>/dev/null || true
    if [[ ${KEEP_TMP:-0} == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
TOKEN=bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
cat >"$WORK/baton.yaml" <<EOF
daemon: { http: "127.0.0.1:$PORT" }
teams:
  data: { name: Data team, channels: [] }
integrations:
  - id: nightly-export
    name: Nightly export
    owner: data
    heartbeat: { token: "$TOKEN", period: 1d, grace: 1h }
EOF
"$BIN/batond" --config "$WORK/baton.yaml" --state-dir "$WORK/state" --socket "$WORK/baton.sock" 2>"$WORK/batond.log" &
DAEMON_PID=$!
for _ in $(seq 1 200); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null && break; sleep 0.05; done
curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" || { log "batond did not listen; see $WORK/batond.log"; KEEP_TMP=1; exit 1; }

HZ=$(getconf CLK_TCK)
cpu_ticks() { awk '{sub(/^.*\) /, ""); print $12 + $13}' "/proc/$1/stat"; }
# run NAME METHOD PATH: ab's figures as NAME_rps, NAME_non2xx, NAME_cpu_ms_per_1k.
run() {
    local name=$1 method=$2 path=$3 before after out
    before=$(cpu_ticks "$DAEMON_PID")
    out=$(ab -q -k -n "$REQUESTS" -c "$CONCURRENCY" -m "$method" "http://127.0.0.1:$PORT$path" 2>&1)
    after=$(cpu_ticks "$DAEMON_PID")
    local rps non2xx failed
    rps=$(awk '/^Requests per second:/ {print $4}' <<<"$out")
    non2xx=$(awk '/^Non-2xx responses:/ {print $3}' <<<"$out"); non2xx=${non2xx:-0}
    failed=$(awk '/^Failed requests:/ {print $3}' <<<"$out"); failed=${failed:-0}
    local cpu_ms=$(( (after - before) * 1000 / HZ ))
    echo "${name}_rps=$rps ${name}_non2xx=$non2xx ${name}_failed=$failed ${name}_cpu_ms_per_1k=$(awk -v c="$cpu_ms" -v n="$REQUESTS" 'BEGIN { printf "%.1f", c * 1000 / n }')"
}
metric() { curl -fsS "http://127.0.0.1:$PORT/metrics" | awk -v want="$1" '$1 == want {print $2}'; }

log "$REQUESTS requests per run, $CONCURRENCY connections, batond pid $DAEMON_PID on port $PORT"
HEALTHZ=$(run healthz GET /healthz)
RIGHT=$(run right POST "/ping/$TOKEN")
GUESS=$(run guess POST "/ping/wrong-$TOKEN")
UNKNOWN=$(metric 'baton_ping_rejected_total{reason="unknown_token"}')
LIMITED=$(metric 'baton_ping_rejected_total{reason="rate_limited"}')
RSS_KB=$(awk '/^VmHWM:/ {print $2}' "/proc/$DAEMON_PID/status")
echo "tool=baton-ping requests=$REQUESTS concurrency=$CONCURRENCY $HEALTHZ $RIGHT $GUESS guesses_evaluated=${UNKNOWN:-0} guesses_refused=${LIMITED:-0} peak_rss_kb=$RSS_KB"
