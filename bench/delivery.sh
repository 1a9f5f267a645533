#!/usr/bin/env bash
# bench/delivery.sh [NOTICES=1000] [ROUNDS=20] — notice delivery figures on the real daemon.
#
# Part 1: NOTICES integrations break at once; each opens an incident whose first step queues one
# notice to a signed `webhook` channel on baton-sim's loopback receiver. Prints delivery throughput,
# stored-to-delivered p50/p99 (notice.delivered_ms - notice.stored_ms), and batond's CPU per
# 1,000 notices while it delivered them.
# Part 2: ROUNDS times, batond is killed with SIGKILL at a random moment and restarted, while the
# integrations recover and break again (so notices are created and delivered across kills). At the
# end every stored notice must have reached the receiver: prints lost (stored, never received),
# duplicates (received twice with the same webhook-id: allowed, recognisable) and foreign
# duplicates (the same event under two webhook-ids: must be 0).
set -euo pipefail
NOTICES=${1:-1000}; ROUNDS=${2:-20}
HERE=$(cd "$(dirname "$0")" && pwd); ROOT=$(cd "$HERE/.." && pwd)
PORT=${SIM_PORT:-18092}
log() { echo "[delivery $(date +%T)] $*" >&2; }

"$ROOT/scripts/ensure-deps.sh"
command -v sqlite3 >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q sqlite3 >/dev/null
for product in batond baton baton-sim; do (cd "$ROOT" && swift build -c release --product "$product" >&2); done
BIN=$(cd "$ROOT" && swift build -c release --show-bin-path)
WORK=$(mktemp -d /tmp/baton-delivery.XXXXXX)
DAEMON_PID=""; SIM_PID=""
cleanup() {
    [[ -n $DAEMON_PID ]] && kill -KILL "$DAEMON_PID" 2>/dev/null || true
    [[ -n $SIM_PID ]] && kill -TERM "$SIM_PID" 2>/dev/null && wait "$SIM_PID" 2>/dev/null || true
    if [[ ${KEEP_TMP:-0} == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

python3 - "$WORK" "$NOTICES" "$PORT" <<'PY'
import sys
work, n, port = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(f"{work}/scenario.yaml", "w") as f:
    f.write("endpoints:\n")
    for i in range(n): f.write(f"  e{i}: {{ status: 503 }}\n")
with open(f"{work}/baton.yaml", "w") as f:
    f.write("daemon: { max_concurrency: 64 }\n")
    f.write("defaults: { interval: 2s, timeout: 2s, failure_threshold: 1, success_threshold: 1, escalation: hook }\n")
    f.write("teams:\n  marketing-ops: { name: Marketing Operations, channels: [] }\n")
    f.write(f"channels:\n  hook: {{ type: webhook, url: \"http://127.0.0.1:{port}/_sim/notices/hook\", secret: \"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\" }}\n")
    f.write("escalation_policies:\n  hook: { steps: [ { after: 0s, notify: [channel:hook] } ] }\n")
    f.write("integrations:\n")
    for i in range(n):
        f.write(f"  - {{ id: i{i}, name: Integration {i}, owner: marketing-ops, check: {{ url: \"http://127.0.0.1:{port}/integrations/e{i}/health\" }} }}\n")
PY

"$BIN/baton-sim" --port "$PORT" --scenario "$WORK/scenario.yaml" >/dev/null 2>"$WORK/sim.log" &
SIM_PID=$!
for _ in $(seq 1 100); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/_sim/endpoints" 2>/dev/null && break; sleep 0.1; done
HZ=$(getconf CLK_TCK)
cpu_ticks() { awk '{sub(/^.*\) /, ""); print $12 + $13}' "/proc/$1/stat"; }
db() { sqlite3 "file:$WORK/state/baton.db?mode=ro" "$1" 2>/dev/null || echo 0; }
start_daemon() {
    "$BIN/batond" --config "$WORK/baton.yaml" --state-dir "$WORK/state" --socket "$WORK/baton.sock" 2>>"$WORK/batond.log" &
    DAEMON_PID=$!
}
received() { curl -fsS "http://127.0.0.1:$PORT/_sim/notices/hook" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["notices"]))'; }
set_all() {  # set_all STATUS: every endpoint answers STATUS
    python3 - "$PORT" "$NOTICES" "$1" <<'PY'
import http.client, json, sys
port, n, status = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
conn = http.client.HTTPConnection("127.0.0.1", port)
for i in range(n):
    conn.request("PUT", f"/_sim/endpoints/e{i}", body=json.dumps({"status": status}), headers={"Content-Type": "application/json"})
    conn.getresponse().read()
PY
}

# --- part 1: throughput -----------------------------------------------------------
start_daemon
C0=$(cpu_ticks "$DAEMON_PID")
for _ in $(seq 1 600); do
    [[ $(db "SELECT COUNT(*) FROM notice WHERE status = 'delivered'") -ge $NOTICES ]] && break
    sleep 0.1
done
C1=$(cpu_ticks "$DAEMON_PID")
db "SELECT stored_ms, delivered_ms FROM notice WHERE status = 'delivered'" > "$WORK/times.txt"
python3 - "$WORK/times.txt" "$NOTICES" "$C0" "$C1" "$HZ" <<'PY'
import sys, math
rows = [tuple(map(int, l.split("|"))) for l in open(sys.argv[1]) if "|" in l]
n, c0, c1, hz = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
lat = sorted(d - s for s, d in rows)
def pct(p): return lat[min(len(lat) - 1, max(0, math.ceil(p / 100 * len(lat)) - 1))] if lat else float("nan")
span = (max(d for _, d in rows) - min(s for s, _ in rows)) / 1000 if rows else float("nan")
cpu = (c1 - c0) * 1000 / hz
print(f"tool=baton-delivery notices={n} delivered={len(rows)} throughput_per_s={len(rows) / span:.0f} "
      f"stored_to_delivered_ms_p50={pct(50)} stored_to_delivered_ms_p99={pct(99)} stored_to_delivered_ms_max={lat[-1] if lat else 'nan'} "
      f"cpu_ms_per_1k_notices={cpu / max(len(rows), 1) * 1000:.0f} (includes probing {n} integrations every 2 s)")
PY

# --- part 2: SIGKILL rounds --------------------------------------------------------
log "$ROUNDS SIGKILL-restart rounds while integrations recover and break again"
for round in $(seq 1 "$ROUNDS"); do
    if (( round % 2 == 1 )); then set_all 200; else set_all 503; fi &
    FLIP=$!
    sleep "0.$(( RANDOM % 9 + 1 ))"
    kill -KILL "$DAEMON_PID" 2>/dev/null || true
    wait "$DAEMON_PID" 2>/dev/null || true
    wait "$FLIP" || true
    start_daemon
    sleep "0.$(( RANDOM % 9 + 1 ))"
done
log "letting the last run settle"
for _ in $(seq 1 900); do
    [[ $(db "SELECT COUNT(*) FROM notice WHERE status = 'pending'") -eq 0 ]] && break
    sleep 0.2
done
kill -TERM "$DAEMON_PID"; wait "$DAEMON_PID" || true; DAEMON_PID=""
db "SELECT key || '|' || status FROM notice" > "$WORK/stored.txt"
curl -fsS "http://127.0.0.1:$PORT/_sim/notices/hook" > "$WORK/received.json"
python3 - "$WORK/stored.txt" "$WORK/received.json" "$ROUNDS" <<'PY'
import json, sys, collections
stored = dict(l.strip().split("|") for l in open(sys.argv[1]) if "|" in l)
received = [n for n in json.load(open(sys.argv[2]))["notices"] if n["answered_status"] == 200]
ids = collections.Counter(n["headers"].get("webhook-id") for n in received)
lost = [k for k, status in stored.items() if status == "delivered" and k not in ids] + [k for k, s in stored.items() if s == "pending"]
dead = [k for k, status in stored.items() if status == "dead"]
same_id = sum(c - 1 for c in ids.values() if c > 1)
by_event_ids = collections.defaultdict(set)
for n in received:
    body = json.loads(n["body"])
    if body.get("incident"):
        # In this run every incident sends each kind of notice at most once (one step; a flap re-opens once).
        by_event_ids[(body["incident"]["id"], body["type"], body.get("step"))].add(n["headers"].get("webhook-id"))
foreign = sum(len(v) - 1 for v in by_event_ids.values() if len(v) > 1)
print(f"tool=baton-delivery-kill rounds={sys.argv[3]} notices_stored={len(stored)} received_unique={len(ids)} lost={len(lost)} dead={len(dead)} "
      f"duplicates_same_webhook_id={same_id} duplicates_other_webhook_id={foreign}")
PY
