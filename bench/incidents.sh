#!/usr/bin/env bash
# bench/incidents.sh [N] [BREACHES] [INTERVAL] — incident figures on the real daemon.
#
# Serves N endpoints with baton-sim, runs a release batond on them (freshness rule, a three-step
# policy), waits until all are healthy, then makes BREACHES of them serve 3-hour-old data at once
# and waits until that many incidents are open. Prints the time from the probe that saw each
# breach to the stored notice (p50/p99/max, from the notice rows: created_ms is the probe's time,
# stored_ms when its transaction was written) and the daemon's CPU meanwhile. Then runs
# baton-bench for the database size after 30 simulated days at that rate (BREACHES a day).
set -euo pipefail
N=${1:-10000}; BREACHES=${2:-1000}; INTERVAL=${3:-10}
HERE=$(cd "$(dirname "$0")" && pwd); ROOT=$(cd "$HERE/.." && pwd)
PORT=${SIM_PORT:-18090}
log() { echo "[incidents $(date +%T)] $*" >&2; }

"$ROOT/scripts/ensure-deps.sh"
command -v sqlite3 >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q sqlite3 >/dev/null
for product in batond baton baton-sim baton-bench; do (cd "$ROOT" && swift build -c release --static-swift-stdlib --product "$product" >&2); done
BIN=$(cd "$ROOT" && swift build -c release --static-swift-stdlib --show-bin-path)
WORK=$(mktemp -d /tmp/baton-incidents.XXXXXX)
DAEMON_PID=""; SIM_PID=""
cleanup() {
    [[ -n $DAEMON_PID ]] && kill -TERM "$DAEMON_PID" 2>/dev/null && wait "$DAEMON_PID" 2>/dev/null || true
    [[ -n $SIM_PID ]] && kill -TERM "$SIM_PID" 2>/dev/null && wait "$SIM_PID" 2>/dev/null || true
    if [[ ${KEEP_TMP:-0} == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$BIN/baton-sim" --port "$PORT" --count "$N" >/dev/null 2>"$WORK/sim.log" &
SIM_PID=$!
for _ in $(seq 1 100); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/integrations/0/health" 2>/dev/null && break; sleep 0.1; done

python3 - "$WORK/baton.yaml" "$N" "$INTERVAL" "$PORT" <<'PY'
import sys
path, n, interval, port = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
with open(path, "w") as f:
    f.write(f"defaults:\n  interval: {interval}s\n  timeout: 5s\n  escalation: standard\n")
    f.write("teams:\n  marketing-ops: { name: Marketing Operations, channels: [mops] }\n")
    f.write("  marketing-cio: { name: Marketing CIO office, channels: [mcio] }\n  exec: { name: CIO and CMO, channels: [exec] }\n")
    f.write("channels:\n")
    for c in ("mops", "mcio", "exec"):
        f.write(f"  {c}: {{ type: slack, url: \"http://127.0.0.1:{port}/_sim/notices/{c}\" }}\n")
    f.write("escalation_policies:\n  standard:\n    steps:\n      - { after: 0m, notify: [owner] }\n")
    f.write("      - { after: 30m, notify: [accountable] }\n      - { after: 2h, notify: [team:exec] }\n")
    f.write("integrations:\n")
    for i in range(n):
        f.write(f"  - id: i{i}\n    name: Integration {i}\n    owner: marketing-ops\n    accountable: marketing-cio\n")
        f.write(f"    check:\n      url: http://127.0.0.1:{port}/integrations/{i}/health\n")
        f.write("      expect: { json: [ { pointer: /status, equals: ok } ] }\n")
        f.write("      freshness: { pointer: /last_sync, warn_after: 30m, error_after: 2h }\n")
PY

HZ=$(getconf CLK_TCK)
cpu_ticks() { awk '{sub(/^.*\) /, ""); print $12 + $13}' "/proc/$1/stat"; }
"$BIN/batond" --config "$WORK/baton.yaml" --state-dir "$WORK/state" --socket "$WORK/baton.sock" 2>"$WORK/batond.log" &
DAEMON_PID=$!
db() { sqlite3 "file:$WORK/state/baton.db?mode=ro" "$1" 2>/dev/null || echo 0; }
log "waiting for $N healthy integrations"
for _ in $(seq 1 $((INTERVAL * 10 + 300))); do
    [[ $(db "SELECT COUNT(*) FROM integration WHERE effective_state = 'healthy'") -ge $N ]] && break
    sleep 0.2
done

log "making $BREACHES endpoints serve 3-hour-old data at once"
C0=$(cpu_ticks "$DAEMON_PID"); T0=$(date +%s.%N)
python3 - "$PORT" "$BREACHES" <<'PY'
import http.client, json, sys
port, count = int(sys.argv[1]), int(sys.argv[2])
conn = http.client.HTTPConnection("127.0.0.1", port)
body = json.dumps({"last_sync_age_seconds": 10800})
for i in range(count):
    conn.request("PUT", f"/_sim/endpoints/{i}", body=body, headers={"Content-Type": "application/json"})
    conn.getresponse().read()
PY
for _ in $(seq 1 $((INTERVAL * 10 + 300))); do
    [[ $(db "SELECT COUNT(*) FROM incident WHERE status = 'open'") -ge $BREACHES ]] && break
    sleep 0.2
done
T1=$(date +%s.%N); C1=$(cpu_ticks "$DAEMON_PID")
db "SELECT stored_ms - created_ms FROM notice WHERE kind = 'opened'" > "$WORK/latency.txt"
python3 - "$WORK/latency.txt" "$BREACHES" "$N" "$T0" "$T1" "$C0" "$C1" "$HZ" <<'PY'
import sys, math
xs = sorted(int(l) for l in open(sys.argv[1]) if l.strip())
breaches, n, t0, t1, c0, c1, hz = int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7]), int(sys.argv[8])
def pct(p): return xs[min(len(xs) - 1, max(0, math.ceil(p / 100 * len(xs)) - 1))] if xs else float("nan")
print(f"tool=baton-incidents n={n} breaches={breaches} notices_stored={len(xs)} breach_to_stored_notice_ms_p50={pct(50)} "
      f"breach_to_stored_notice_ms_p99={pct(99)} breach_to_stored_notice_ms_max={xs[-1] if xs else 'nan'} "
      f"all_open_after_s={t1 - t0:.1f} daemon_cpu_ms_meanwhile={(c1 - c0) * 1000 / hz:.0f}")
PY
kill -TERM "$DAEMON_PID"; wait "$DAEMON_PID" || true; DAEMON_PID=""
"$BIN/baton-bench" --integrations "$N" --breaches "$BREACHES" --days 30 --directory "$WORK/growth"
