#!/usr/bin/env bash
# bench/storm.sh [N=300] [CHANNELS=3] — a wide outage, and what reaches the chat channels.
#
# N integrations all sit behind one upstream (one baton-sim endpoint; each integration's URL
# differs only in its query string). Once all are healthy the upstream answers 503: every
# integration goes down at once. A two-step policy notifies CHANNELS chat channels (of Slack,
# Teams, Mattermost, Discord, Google Chat: baton-sim's receivers, each paced by Baton at its
# vendor's rate) at once and again STEP2_AFTER later; each channel groups notices due within
# GROUP_WAIT of each other into one message. Prints, per channel, the messages of step 1, how many
# incidents they list, and the time from the outage to its last step-1 message; the incidents
# opened; and how late step 2 fired against its due time (opened + STEP2_AFTER).
#
# Env: INTERVAL=5 FAILURE_THRESHOLD=1 GROUP_WAIT=10s STEP2_AFTER=60 (s) KEEP_TMP=1
set -euo pipefail
N=${1:-300}; CHANNELS=${2:-3}
INTERVAL=${INTERVAL:-5}; FAILURE_THRESHOLD=${FAILURE_THRESHOLD:-1}; GROUP_WAIT=${GROUP_WAIT:-10s}; STEP2_AFTER=${STEP2_AFTER:-60}
for v in "$N" "$CHANNELS" "$INTERVAL" "$FAILURE_THRESHOLD" "$STEP2_AFTER"; do
    [[ $v =~ ^[0-9]+$ && $v -gt 0 ]] || { echo "usage: bench/storm.sh [N] [CHANNELS 1-5]  (INTERVAL, FAILURE_THRESHOLD, STEP2_AFTER: positive integers)" >&2; exit 2; }
done
(( CHANNELS <= 5 )) || { echo "CHANNELS is 1 to 5 (slack, teams, mattermost, discord, googlechat)" >&2; exit 2; }
HERE=$(cd "$(dirname "$0")" && pwd); ROOT=$(cd "$HERE/.." && pwd)
LOG_TAG=storm
# shellcheck source=bench/lib.sh
source "$HERE/lib.sh"

ensure_base_deps
build_release batond baton baton-sim
WORK=$(mktemp -d /tmp/baton-storm.XXXXXX)
cleanup() {
    bench_cleanup
    if [[ ${KEEP_TMP:-0} == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

printf 'endpoints:\n  upstream: { status: 200 }\n' > "$WORK/scenario.yaml"
start_sim --scenario "$WORK/scenario.yaml"
python3 - "$WORK/baton.yaml" "$N" "$CHANNELS" "$SIM_PORT" "$INTERVAL" "$FAILURE_THRESHOLD" "$GROUP_WAIT" "$STEP2_AFTER" <<'PY'
import sys
path, n, channels, port, interval, threshold, group_wait, step2 = sys.argv[1:9]
n, channels = int(n), int(channels)
kinds = [("slack", "slack"), ("teams", "teams"), ("mm", "mattermost"), ("discord", "discord"), ("gchat", "googlechat")][:channels]
targets = ", ".join(f"channel:{c}" for c, _ in kinds)
with open(path, "w") as f:
    f.write(f"defaults: {{ interval: {interval}s, timeout: 2s, failure_threshold: {threshold}, success_threshold: 1, escalation: storm }}\n")
    f.write("teams:\n  marketing-ops: { name: Marketing Operations, channels: [] }\n")
    f.write("channels:\n")
    for c, t in kinds:
        f.write(f"  {c}: {{ type: {t}, url: \"http://127.0.0.1:{port}/_sim/notices/{c}\", group_wait: {group_wait} }}\n")
    f.write(f"escalation_policies:\n  storm: {{ steps: [ {{ after: 0s, notify: [{targets}] }}, {{ after: {step2}s, notify: [{targets}] }} ] }}\n")
    f.write("integrations:\n")
    for i in range(n):
        f.write(f"  - {{ id: sync-{i}, name: \"Lead sync {i}\", owner: marketing-ops, "
                f"check: {{ url: \"http://127.0.0.1:{port}/integrations/upstream/health?integration={i}\" }} }}\n")
PY

start_batond state "$WORK/baton.yaml"
DAEMON_PID=$LAST_PID
wait_ready "$WORK/state.log" "$DAEMON_PID"
# baton status exits 1 or 2 while something is not healthy: its JSON is what counts.
summary() {
    { "$BIN/baton" status --json --socket "$WORK/state.sock" 2>/dev/null || true; } |
        python3 -c "import json,sys; print(json.load(sys.stdin)['summary'].get('$1', 0))" 2>/dev/null || echo 0
}
db() { python3 - "$WORK/state/baton.db" "$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True, timeout=5)
for row in db.execute(sys.argv[2]): print("|".join(map(str, row)))
PY
}
log "waiting for $N healthy integrations"
for _ in $(seq 1 $((INTERVAL * 10 + 600))); do
    [[ $(summary healthy) -ge $N ]] && break
    sleep 0.2
done
[[ $(summary healthy) -ge $N ]] || { log "only $(summary healthy) of $N healthy"; exit 1; }

log "the upstream goes down"
OUTAGE=$(date +%s.%N)
curl -fsS -X PUT -H 'Content-Type: application/json' -d '{"status": 503}' "$SIM_URL/_sim/endpoints/upstream" >/dev/null
# Step 2 is due STEP2_AFTER after each incident opened; wait for all of them, with room for lateness.
for _ in $(seq 1 $(((STEP2_AFTER + INTERVAL * FAILURE_THRESHOLD + 120) * 5))); do
    [[ $(db "SELECT COUNT(*) FROM incident_event WHERE step = 2") -ge $N ]] && break
    sleep 0.2
done
# The last grouped step-2 messages: every notice delivered (or given up on).
for _ in $(seq 1 600); do
    [[ $(db "SELECT COUNT(*) FROM notice WHERE status = 'pending'") -eq 0 ]] && break
    sleep 0.2
done
PENDING=$(db "SELECT COUNT(*) FROM notice WHERE status = 'pending'")
db "SELECT i.id, i.opened_ms, e.at_ms FROM incident i LEFT JOIN incident_event e ON e.incident_id = i.id AND e.step = 2" > "$WORK/steps.txt"
curl -fsS "$SIM_URL/_sim/notices" > "$WORK/received.json"
stop_pid "$DAEMON_PID" TERM 30; untrack "$DAEMON_PID"

python3 - "$WORK/received.json" "$WORK/steps.txt" "$N" "$CHANNELS" "$OUTAGE" "$STEP2_AFTER" "$GROUP_WAIT" "$PENDING" <<'PY'
import json, math, re, sys
received, steps, n, channels, outage, step2, group_wait, pending = sys.argv[1:9]
n, channels, outage, step2 = int(n), int(channels), float(outage), float(step2)
rows = [l.strip().split("|") for l in open(steps) if l.strip()]
opened = {int(r[0]): int(r[1]) / 1000 for r in rows}
late = [int(r[2]) / 1000 - (int(r[1]) / 1000 + step2) for r in rows if r[2] not in ("", "None")]
def pct(xs, p):
    if not xs: return float("nan")
    xs = sorted(xs); return xs[min(len(xs) - 1, max(0, int(math.ceil(p / 100.0 * len(xs))) - 1))]
# Step 1's messages: everything that arrived before step 2 could fire (the first incident's opening + STEP2_AFTER).
step2_from = (min(opened.values()) + step2) if opened else float("inf")
numbers = re.compile(r"#(\d+)(?![0-9A-Za-z])")
names = ["slack", "teams", "mm", "discord", "gchat"][:channels]
notices = [m for m in json.load(open(received))["notices"] if 200 <= m["answered_status"] < 300]
fields = ["tool=baton-storm", f"n={n}", f"channels={channels}", f"group_wait={group_wait}", f"step2_after_s={step2:g}",
          f"incidents_opened={len(opened)}"]
for c in names:
    mine = [m for m in notices if m["channel"] == c]
    first = [m for m in mine if m["received_at"] < step2_from]
    second = [m for m in mine if m["received_at"] >= step2_from]
    def listed(messages):
        seen = set()
        for m in messages: seen |= {int(x) for x in numbers.findall(m["body"])} & set(opened)
        return len(seen)
    last = max((m["received_at"] for m in first), default=float("nan"))
    fields += [f"{c}_messages_step1={len(first)}", f"{c}_listed_step1={listed(first)}", f"{c}_last_message_s={last - outage:.1f}",
               f"{c}_messages_step2={len(second)}", f"{c}_listed_step2={listed(second)}"]
fields += [f"notices_pending_at_end={pending}", f"step2_fired={len(late)}", f"step2_late_ms_p50={pct(late, 50) * 1000:.0f}", f"step2_late_ms_max={max(late) * 1000 if late else float('nan'):.0f}"]
print(" ".join(fields))
PY
