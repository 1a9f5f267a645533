#!/usr/bin/env bash
# bench/failover.sh [ROUNDS=20] [LEASE=5] — takeover time of a PostgreSQL HA pair, and what it loses.
#
# A throwaway PostgreSQL cluster; two batond (nodes a and b) share its database
# (storage.postgres, daemon.node_name, lease LEASE s). INTEGRATIONS integrations are down from the
# start, so their incidents escalate (steps at 0 s, 4 s, 8 s, then the last step every REPEAT_EVERY
# s) to a signed webhook channel on baton-sim's receiver; each node posts to its own receiver path
# (hook-a, hook-b), so the receiver tells who sent what. Each round: wait a little, SIGKILL the
# leader, time until the standby leads (the timestamp of its "leads now" log line), and until its
# first notice reaches the receiver; then restart the killed node, which comes back as a standby.
# At the end, once the leader has delivered everything: notices stored against received, lost
# (stored, never received with 2xx), duplicate webhook-ids (allowed: at-least-once), webhook-ids seen
# with two different bodies (must be 0) and the same event under two webhook-ids (must be 0).
#
# Env: INTEGRATIONS=10 REPEAT_EVERY=2 SETTLE=3 (s of traffic before each kill; a random 0-2 s is added)
#      KEEP_TMP=1
set -euo pipefail
ROUNDS=${1:-20}; LEASE=${2:-5}
INTEGRATIONS=${INTEGRATIONS:-10}; REPEAT_EVERY=${REPEAT_EVERY:-2}; SETTLE=${SETTLE:-3}
for v in "$ROUNDS" "$LEASE" "$INTEGRATIONS" "$REPEAT_EVERY" "$SETTLE"; do
    [[ $v =~ ^[0-9]+$ && $v -gt 0 ]] || { echo "usage: bench/failover.sh [ROUNDS] [LEASE_S]  (INTEGRATIONS, REPEAT_EVERY, SETTLE: positive integers)" >&2; exit 2; }
done
(( LEASE >= 3 && LEASE <= 300 )) || { echo "LEASE is 3 to 300 s (storage.postgres.lease)" >&2; exit 2; }
HERE=$(cd "$(dirname "$0")" && pwd); ROOT=$(cd "$HERE/.." && pwd)
LOG_TAG=failover
# shellcheck source=bench/lib.sh
source "$HERE/lib.sh"

ensure_base_deps
apt_ensure postgresql-15
build_release batond baton baton-sim
WORK=$(mktemp -d /tmp/baton-failover.XXXXXX)
cleanup() {
    bench_cleanup
    if [[ ${KEEP_TMP:-0} == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_pg
psql_q "CREATE DATABASE baton" >/dev/null
DB_URL="$PG_URL_BASE/baton?sslmode=disable"
dbq() { psql_q "$1" baton; }

python3 - "$WORK/scenario.yaml" "$INTEGRATIONS" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
with open(path, "w") as f:
    f.write("endpoints:\n")
    for i in range(n): f.write(f"  e{i}: {{ status: 503 }}\n")
PY
start_sim --scenario "$WORK/scenario.yaml"

SECRET="whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
for node in a b; do
    python3 - "$WORK/$node.yaml" "$node" "$DB_URL" "$LEASE" "$SIM_PORT" "$INTEGRATIONS" "$REPEAT_EVERY" "$SECRET" <<'PY'
import sys
path, node, url, lease, port, n, repeat, secret = sys.argv[1:9]
with open(path, "w") as f:
    f.write(f"daemon: {{ node_name: {node} }}\n")
    f.write(f"storage:\n  postgres: {{ url: \"{url}\", lease: {lease}s }}\n")
    f.write("defaults: { interval: 1s, timeout: 2s, failure_threshold: 1, success_threshold: 1, escalation: ladder }\n")
    f.write("teams:\n  marketing-ops: { name: Marketing Operations, channels: [] }\n")
    # group_wait 0s: one delivery per notice, so webhook-ids and bodies pair one to one.
    f.write(f"channels:\n  hook: {{ type: webhook, url: \"http://127.0.0.1:{port}/_sim/notices/hook-{node}\", secret: \"{secret}\", group_wait: 0s }}\n")
    f.write("escalation_policies:\n  ladder:\n    steps:\n")
    f.write("      - { after: 0s, notify: [channel:hook] }\n      - { after: 4s, notify: [channel:hook] }\n      - { after: 8s, notify: [channel:hook] }\n")
    f.write(f"    repeat_every: {repeat}s\n")
    f.write("integrations:\n")
    for i in range(int(n)):
        f.write(f"  - {{ id: i{i}, name: Integration {i}, owner: marketing-ops, check: {{ url: \"http://127.0.0.1:{port}/integrations/e{i}/health\" }} }}\n")
PY
done

declare -A PID
start_node() {
    start_batond "$1" "$WORK/$1.yaml"
    PID[$1]=$LAST_PID
    wait_ready "$WORK/$1.log" "${PID[$1]}" 60
}
role() {  # role NODE: leader, standby or none
    curl -fsS --max-time 2 --unix-socket "$WORK/$1.sock" http://localhost/v1/status 2>/dev/null |
        python3 -c 'import json,sys; print(json.load(sys.stdin).get("cluster", {}).get("role", "none"))' 2>/dev/null || echo none
}
wait_role() {  # wait_role NODE ROLE SECONDS
    local i
    for i in $(seq 1 $(($3 * 10))); do [[ $(role "$1") == "$2" ]] && return 0; sleep 0.1; done
    return 1
}
leads_lines() { grep -c "leads now" "$WORK/$1.log" || true; }

start_node a
wait_role a leader 30 || { tail -n 20 "$WORK/a.log" >&2; log "node a never led"; exit 1; }
start_node b
wait_role b standby 30 || { tail -n 20 "$WORK/b.log" >&2; log "node b is not a standby"; exit 1; }
log "a leads, b stands by; $ROUNDS rounds of SIGKILL the leader (lease ${LEASE}s)"

: > "$WORK/rounds.txt"
leader=a
for round in $(seq 1 "$ROUNDS"); do
    standby=$([[ $leader == a ]] && echo b || echo a)
    sleep "$SETTLE.$((RANDOM % 10))"
    (( RANDOM % 2 )) && sleep 1
    before=$(leads_lines "$standby")
    killed_at=$(date +%s.%N)
    kill -KILL "${PID[$leader]}"
    wait "${PID[$leader]}" 2>/dev/null || true
    untrack "${PID[$leader]}"
    took=""
    for _ in $(seq 1 $(((LEASE + 30) * 10))); do
        if (( $(leads_lines "$standby") > before )); then took=1; break; fi
        sleep 0.1
    done
    [[ -n $took ]] || { tail -n 30 "$WORK/$standby.log" >&2; log "round $round: $standby did not take over"; exit 1; }
    led_at=$(grep "leads now" "$WORK/$standby.log" | tail -n 1 | cut -d' ' -f1)
    # The first notice the new leader's receiver path got after the kill.
    first=""
    for _ in $(seq 1 300); do
        first=$(curl -fsS "$SIM_URL/_sim/notices/hook-$standby" | python3 -c '
import json, sys
t = float(sys.argv[1]); xs = [n["received_at"] for n in json.load(sys.stdin)["notices"] if n["received_at"] > t and n["answered_status"] == 200]
print(min(xs) if xs else "")' "$killed_at" || true)
        [[ -n $first ]] && break
        sleep 0.1
    done
    echo "$round $leader $killed_at $led_at ${first:-none}" >> "$WORK/rounds.txt"
    log "round $round: killed $leader; $standby leads ($(tail -n 1 "$WORK/rounds.txt" | python3 -c '
import sys, datetime
r = sys.stdin.read().split()
k = float(r[2]); led = datetime.datetime.fromisoformat(r[3].replace("Z", "+00:00")).timestamp()
print(f"takeover {(led - k) * 1000:.0f} ms, first notice " + (f"{(float(r[4]) - k) * 1000:.0f} ms" if r[4] != "none" else "none"))'))"
    start_node "$leader"
    wait_role "$leader" standby 30 || log "WARNING: round $round: restarted $leader is not a standby"
    leader=$standby
done

# The integrations recover: the incidents resolve and their notices stop, so that every notice
# stored has had its chance to be delivered when the counts are taken.
log "the integrations recover; $leader resolves the incidents and delivers what is pending"
python3 - "$SIM_PORT" "$INTEGRATIONS" <<'PY'
import http.client, json, sys
port, n = int(sys.argv[1]), int(sys.argv[2])
conn = http.client.HTTPConnection("127.0.0.1", port)
for i in range(n):
    conn.request("PUT", f"/_sim/endpoints/e{i}", body=json.dumps({"status": 200}), headers={"Content-Type": "application/json"})
    conn.getresponse().read()
PY
for _ in $(seq 1 600); do
    [[ $(dbq "SELECT COUNT(*) FROM incident WHERE status = 'open'") -eq 0 &&
       $(dbq "SELECT COUNT(*) FROM notice WHERE status = 'pending'") -eq 0 ]] && break
    sleep 0.2
done
OPEN_AT_END=$(dbq "SELECT COUNT(*) FROM incident WHERE status = 'open'")
# Stop both (the standby first): nothing new is created after the counts are taken.
other=$([[ $leader == a ]] && echo b || echo a)
stop_pid "${PID[$other]}"; untrack "${PID[$other]}"
stop_pid "${PID[$leader]}"; untrack "${PID[$leader]}"
dbq "SELECT key || '|' || status FROM notice" > "$WORK/stored.txt"
curl -fsS "$SIM_URL/_sim/notices" > "$WORK/received.json"

python3 - "$WORK/rounds.txt" "$WORK/stored.txt" "$WORK/received.json" "$ROUNDS" "$LEASE" "$INTEGRATIONS" "$OPEN_AT_END" <<'PY'
import collections, datetime, json, math, sys
rounds_file, stored_file, received_file, rounds, lease, integrations, open_at_end = sys.argv[1:8]
lease = float(lease)
take, first = [], []
for line in open(rounds_file):
    r = line.split()
    k = float(r[2])
    take.append((datetime.datetime.fromisoformat(r[3].replace("Z", "+00:00")).timestamp() - k) * 1000)
    if r[4] != "none": first.append((float(r[4]) - k) * 1000)
def pct(xs, p):
    if not xs: return float("nan")
    xs = sorted(xs); return xs[min(len(xs) - 1, max(0, int(math.ceil(p / 100.0 * len(xs))) - 1))]
stored = dict(l.strip().split("|", 1) for l in open(stored_file) if "|" in l)
received = [n for n in json.load(open(received_file))["notices"] if n["channel"].startswith("hook-") and 200 <= n["answered_status"] < 300]
ids = collections.Counter(n["headers"].get("webhook-id") for n in received)
bodies = collections.defaultdict(set)
events = collections.defaultdict(set)
for n in received:
    key = n["headers"].get("webhook-id")
    bodies[key].add(n["body"])
    try:
        b = json.loads(n["body"])
        for e in (b if isinstance(b, list) else [b]):
            events[((e.get("incident") or {}).get("id"), e.get("type"), e.get("step"), e.get("created_at"))].add(key)
    except ValueError:
        pass
lost = [k for k, s in stored.items() if s in ("delivered", "pending") and k not in ids]
dead = sum(1 for s in stored.values() if s == "dead")
print(" ".join([
    "tool=baton-failover", f"rounds={rounds}", f"lease_s={lease:g}", f"integrations={integrations}",
    f"takeover_ms_p50={pct(take, 50):.0f}", f"takeover_ms_max={max(take) if take else float('nan'):.0f}",
    f"first_notice_ms_p50={pct(first, 50):.0f}", f"first_notice_ms_max={max(first) if first else float('nan'):.0f}",
    f"rounds_with_notice={len(first)}",
    f"all_within_lease_plus_1s={'yes' if take and max(take) <= (lease + 1) * 1000 else 'no'}",
    f"notices_stored={len(stored)}", f"notices_received={len(received)}", f"received_unique={len(ids)}",
    f"lost={len(lost)}", f"pending_at_end={sum(1 for s in stored.values() if s == 'pending')}", f"dead={dead}",
    f"incidents_open_at_end={open_at_end}", f"duplicate_webhook_ids={sum(c - 1 for c in ids.values() if c > 1)}",
    f"ids_with_two_bodies={sum(1 for v in bodies.values() if len(v) > 1)}",
    f"same_event_two_ids={sum(len(v) - 1 for v in events.values() if len(v) > 1)}",
]))
PY
