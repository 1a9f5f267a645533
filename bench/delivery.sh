#!/usr/bin/env bash
# bench/delivery.sh [NOTICES=1000] [ROUNDS=20] — notice delivery figures on the real daemon.
#
# Part 1: NOTICES integrations break at once; each opens an incident whose first step queues one
# notice to a signed `webhook` channel on baton-sim's loopback receiver. Prints delivery throughput,
# stored-to-delivered p50/p99/max (notice.delivered_ms - notice.stored_ms), and batond's CPU per
# 1,000 notices while it delivered them.
# LOAD=n (issue 11's figure: LOAD=10000): the same batond also probes n other, healthy integrations
# every LOAD_INTERVAL (10) s with bench/run.sh's rules, against the peer benchmark's nginx
# (../shared/bench), or baton-sim --count n without it or with NO_PEERS=1. The NOTICES integrations
# then start healthy and break at once only after one full round of probes and one more
# LOAD_INTERVAL; the line adds load, load_server, load_probes_per_s (batond's baton_probes_total
# around the measurement) and busy_pct (the whole machine, all CPUs, during it). ROUNDS defaults
# to 0 under LOAD (each restart would load the big config again); give it to run part 2 too.
# Part 2: ROUNDS times, batond is killed with SIGKILL at a random moment and restarted, while the
# integrations recover and break again (so notices are created and delivered across kills). At the
# end every stored notice must have reached the receiver: prints lost (stored, never received),
# duplicates (received twice with the same webhook-id: allowed, recognisable) and foreign
# duplicates (the same event under two webhook-ids: must be 0).
#
# The channel has `group_wait: GROUP_WAIT` (0s: one message per notice; the channel default, 10s,
# would put the grouping window itself into the figure).
#
# Env: LOAD=0, LOAD_INTERVAL=10, GROUP_WAIT=0s, WAIT_IDLE=1 (under LOAD), NO_PEERS=1, SKIP_BUILD=1,
#      CONCURRENCY (daemon.max_concurrency; 64, or 256 under LOAD as in bench/run.sh), KEEP_TMP=1
set -euo pipefail
LOAD=${LOAD:-0}; LOAD_INTERVAL=${LOAD_INTERVAL:-10}; GROUP_WAIT=${GROUP_WAIT:-0s}
[[ $GROUP_WAIT =~ ^[0-9]+(ms|s|m)$ ]] || { echo "GROUP_WAIT is a duration such as 0s or 10s" >&2; exit 2; }
NOTICES=${1:-1000}
if [[ $LOAD != 0 ]]; then ROUNDS=${2:-0}; CONCURRENCY=${CONCURRENCY:-256}; else ROUNDS=${2:-20}; CONCURRENCY=${CONCURRENCY:-64}; fi
for v in "$NOTICES" "$ROUNDS" "$LOAD" "$LOAD_INTERVAL" "$CONCURRENCY"; do
    [[ $v =~ ^[0-9]+$ ]] || { echo "usage: [LOAD=n] bench/delivery.sh [NOTICES] [ROUNDS] (whole numbers)" >&2; exit 2; }
done
(( NOTICES > 0 && LOAD_INTERVAL > 0 && CONCURRENCY > 0 )) || { echo "NOTICES, LOAD_INTERVAL and CONCURRENCY must be positive" >&2; exit 2; }
HERE=$(cd "$(dirname "$0")" && pwd); ROOT=$(cd "$HERE/.." && pwd)
LOG_TAG=delivery
# shellcheck source=bench/lib.sh
source "$HERE/lib.sh"

ensure_base_deps
apt_ensure sqlite3
build_release batond baton baton-sim
WORK=$(mktemp -d /tmp/baton-delivery.XXXXXX)
DAEMON_PID=""
cleanup() {
    if [[ -n $DAEMON_PID ]]; then kill -KILL "$DAEMON_PID" 2>/dev/null || true; fi
    bench_cleanup
    if [[ ${KEEP_TMP:-0} == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Under LOAD the figure is issue 11's: like bench/run.sh, wait (up to 10 min) for an idle machine first.
if (( LOAD > 0 )) && [[ ${WAIT_IDLE:-1} == 1 && -x $ROOT/../shared/bench/wait-idle.sh ]]; then
    log "waiting for an idle machine (WAIT_IDLE=0 skips)"
    "$ROOT/../shared/bench/wait-idle.sh" 600 || log "WARNING: machine busy, figures will be noisy (see busy_pct)"
fi

# baton-sim: the receiver, and the NOTICES integrations' endpoints (failing from the start, or healthy under LOAD).
FIRST_STATUS=503; (( LOAD > 0 )) && FIRST_STATUS=200
python3 - "$WORK/scenario.yaml" "$NOTICES" "$FIRST_STATUS" <<'PY'
import sys
path, n, status = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(path, "w") as f:
    f.write("endpoints:\n")
    for i in range(n): f.write(f"  e{i}: {{ status: {status} }}\n")
PY
start_sim --scenario "$WORK/scenario.yaml"
PORT=$SIM_PORT
HTTP_PORT=$(free_port)
METRICS=http://127.0.0.1:$HTTP_PORT

# group_wait 0s by default: one message per notice, so the figure is the deliverer's own latency
# (a channel's default 10 s window would hold every notice 10 s on purpose) and webhook-ids pair
# one to one with events in part 2.
python3 - "$WORK/baton.yaml" "$NOTICES" "$PORT" "$CONCURRENCY" "$HTTP_PORT" "$GROUP_WAIT" <<'PY'
import sys
path, n, port, conc, http_port, group_wait = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6]
with open(path, "w") as f:
    f.write(f"daemon: {{ max_concurrency: {conc}, http: 127.0.0.1:{http_port} }}\n")
    f.write("defaults: { interval: 2s, timeout: 2s, failure_threshold: 1, success_threshold: 1, escalation: hook }\n")
    f.write("teams:\n  marketing-ops: { name: Marketing Operations, channels: [] }\n")
    f.write(f"channels:\n  hook: {{ type: webhook, url: \"http://127.0.0.1:{port}/_sim/notices/hook\", secret: \"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\", group_wait: {group_wait} }}\n")
    f.write("escalation_policies:\n  hook: { steps: [ { after: 0s, notify: [channel:hook] } ] }\n")
    f.write("integrations:\n")
    for i in range(n):
        f.write(f"  - {{ id: i{i}, name: Integration {i}, owner: marketing-ops, check: {{ url: \"http://127.0.0.1:{port}/integrations/e{i}/health\" }} }}\n")
PY
if (( LOAD > 0 )); then
    start_load_endpoints "$LOAD"
    write_load_integrations "$WORK/baton.yaml" "$LOAD" "$LOAD_URL" "$LOAD_INTERVAL"
fi

db() { sqlite3 "file:$WORK/state/baton.db?mode=ro" "$1" 2>/dev/null || echo 0; }
start_daemon() {
    "$BIN/batond" --config "$WORK/baton.yaml" --state-dir "$WORK/state" --socket "$WORK/baton.sock" 2>>"$WORK/batond.log" &
    DAEMON_PID=$!
}
received() { curl -fsS "http://127.0.0.1:$PORT/_sim/notices/hook" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["notices"]))'; }
set_all() {  # set_all STATUS: every endpoint of the NOTICES integrations answers STATUS
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
wait_ready "$WORK/batond.log" "$DAEMON_PID" 300
LOAD_KEYS=""
if (( LOAD > 0 )); then
    # One full round of probes (batond's own counter; a scrape is not free), then one more interval.
    log "warming up: one round of $((LOAD + NOTICES)) probes, then ${LOAD_INTERVAL}s"
    deadline=$(( $(date +%s) + 3 * LOAD_INTERVAL + 120 ))
    while (( $(metric baton_probes_total "$METRICS") < LOAD + NOTICES )); do
        (( $(date +%s) < deadline )) || { log "warm-up: only $(metric baton_probes_total "$METRICS") probes made"; break; }
        sleep 2
    done
    sleep "$LOAD_INTERVAL"
    MA0=$(date +%s.%N); M0=$(metric baton_probes_total "$METRICS"); MB0=$(date +%s.%N)
    BUSY=$(busy_mark)
    log "breaking $NOTICES integrations at once while $LOAD are probed every ${LOAD_INTERVAL}s"
    set_all 503
fi
C0=$(cpu_ticks "$DAEMON_PID")
for _ in $(seq 1 1200); do
    [[ $(db "SELECT COUNT(*) FROM notice WHERE status = 'delivered'") -ge $NOTICES ]] && break
    sleep 0.1
done
C1=$(cpu_ticks "$DAEMON_PID")
if (( LOAD > 0 )); then
    BUSY_PCT=$(busy_pct_since "$BUSY")
    MA1=$(date +%s.%N); M1=$(metric baton_probes_total "$METRICS"); MB1=$(date +%s.%N)
    LOAD_RATE=$(awk -v a0="$MA0" -v b0="$MB0" -v a1="$MA1" -v b1="$MB1" -v m0="$M0" -v m1="$M1" \
        'BEGIN { s = (a1 + b1) / 2 - (a0 + b0) / 2; printf "%.0f", (s > 0 ? (m1 - m0) / s : 0) }')
    LOAD_KEYS="load=$LOAD load_interval_s=$LOAD_INTERVAL load_server=$LOAD_SERVER load_probes_per_s=$LOAD_RATE load_expected_per_s=$(( (LOAD + LOAD_INTERVAL - 1) / LOAD_INTERVAL )) busy_pct=$BUSY_PCT"
fi
db "SELECT stored_ms, delivered_ms FROM notice WHERE status = 'delivered'" > "$WORK/times.txt"
python3 - "$WORK/times.txt" "$NOTICES" "$C0" "$C1" "$HZ" "$LOAD" "$LOAD_KEYS" "$GROUP_WAIT" <<'PY'
import sys, math
group_wait = sys.argv[8]
rows = [tuple(map(int, l.split("|"))) for l in open(sys.argv[1]) if "|" in l]
n, c0, c1, hz, load, load_keys = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]), sys.argv[7]
lat = sorted(d - s for s, d in rows)
def pct(p): return lat[min(len(lat) - 1, max(0, math.ceil(p / 100 * len(lat)) - 1))] if lat else float("nan")
span = (max(d for _, d in rows) - min(s for s, _ in rows)) / 1000 if rows else float("nan")
cpu = (c1 - c0) * 1000 / hz
probing = f"{n} integrations every 2 s" + (f" and {load} every {load_keys.split('load_interval_s=')[1].split()[0]} s" if load else "")
print(f"tool=baton-delivery notices={n} group_wait={group_wait} delivered={len(rows)} throughput_per_s={len(rows) / span if span else float('nan'):.0f} "
      f"stored_to_delivered_ms_p50={pct(50)} stored_to_delivered_ms_p99={pct(99)} stored_to_delivered_ms_max={lat[-1] if lat else 'nan'} "
      f"cpu_ms_per_1k_notices={cpu / max(len(rows), 1) * 1000:.0f} {load_keys + ' ' if load_keys else ''}(CPU includes probing {probing})")
PY

# --- part 2: SIGKILL rounds --------------------------------------------------------
(( ROUNDS > 0 )) || exit 0
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
# The last daemon must first probe (interval 2 s) and record the last flip's breaks or recoveries:
# a count of 0 pending taken before that says nothing, and SIGTERM then strands the notices it
# creates while stopping (they stay pending for the next start, and would be counted lost here).
log "letting the last run settle"
sleep 6
zero=0
for _ in $(seq 1 900); do
    pending=$(sqlite3 "file:$WORK/state/baton.db?mode=ro" "SELECT COUNT(*) FROM notice WHERE status = 'pending'" 2>/dev/null || echo unreadable)
    if [[ $pending == 0 ]]; then zero=$((zero + 1)); else zero=0; fi
    (( zero >= 10 )) && break   # 2 s without a pending notice
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
