#!/usr/bin/env bash
# bench/ping.sh [REQUESTS=20000] [CONCURRENCY=16] — /ping/<token> throughput on the real daemon.
#
# batond serves its HTTP listener on a free loopback port with one heartbeat integration. curl (one
# process, --parallel over CONCURRENCY reused HTTP/1.1 connections) then sends, from one source address:
#   right   POST /ping/<right token>: never rate limited, each one records a heartbeat;
#   guess   POST /ping/<wrong token>: the first 10 are answered 404 (and counted), every later one
#           429 with Retry-After, before any token is compared: the limited path;
#   healthz GET /healthz: the listener without /ping, as a baseline.
# Prints requests per second for each (client included: one curl process), the answers by status,
# how many guesses were answered 404 (evaluated) and 429 (refused by the limit), and batond's CPU
# per 1,000 requests. Loopback only; stops what it started
# by PID.
set -euo pipefail
REQUESTS=${1:-20000}; CONCURRENCY=${2:-16}
HERE=$(cd "$(dirname "$0")" && pwd); ROOT=$(cd "$HERE/.." && pwd)
log() { echo "[ping $(date +%T)] $*" >&2; }

"$ROOT/scripts/ensure-deps.sh"
command -v curl >/dev/null || { apt-get install -y -q curl >/dev/null; }
(cd "$ROOT" && swift build -c release --static-swift-stdlib --product batond >&2)
BIN=$(cd "$ROOT" && swift build -c release --static-swift-stdlib --show-bin-path)

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
# run NAME METHOD PATH: NAME_rps, NAME_status (answers per HTTP status) and NAME_cpu_ms_per_1k.
# ApacheBench is not used: it speaks HTTP/1.0 keep-alive, which an HTTP/1.1 server may answer by
# closing, and then ab waits for its timeout.
run() {
    local name=$1 method=$2 path=$3 before after start end
    local urls="$WORK/urls-$name"
    yes "url = \"http://127.0.0.1:$PORT$path\"
output = \"/dev/null\"" | head -n "$((2 * REQUESTS))" >"$urls"
    before=$(cpu_ticks "$DAEMON_PID"); start=$(date +%s.%N)
    curl -s -Z --parallel-max "$CONCURRENCY" -X "$method" -w '%{http_code}\n' --config "$urls" >"$WORK/codes-$name" || true
    end=$(date +%s.%N); after=$(cpu_ticks "$DAEMON_PID")
    local cpu_ms=$(( (after - before) * 1000 / HZ ))
    local statuses
    statuses=$(sort "$WORK/codes-$name" | uniq -c | awk '{printf "%s%s:%s", sep, $2, $1; sep=","}')
    awk -v name="$name" -v n="$REQUESTS" -v s="$start" -v e="$end" -v c="$cpu_ms" -v st="$statuses" \
        'BEGIN { printf "%s_rps=%.0f %s_status=%s %s_cpu_ms_per_1k=%.1f\n", name, n / (e - s), name, st, name, c * 1000 / n }'
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
