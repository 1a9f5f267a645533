#!/usr/bin/env bash
# bench/oauth-share.sh [N=1000] [LIFETIME=60] [DURATION=200] — one OAuth2 credential, N integrations.
#
# baton-sim issues client-credentials tokens that live LIFETIME s; N integrations, all behind the
# same credential, probe its protected resource every INTERVAL s for DURATION s. Baton caches the
# token per credential and fetches a new one before it runs out (60 s before, or a tenth of the
# lifetime before when it lives less than 10 min), so the token endpoint should see about
# 1 + DURATION / refresh-interval requests, not N. Prints the requests the token endpoint saw,
# Baton's own count (baton_oauth_token_requests), the expected count, and the probes that failed.
#
# Env: INTERVAL=10 KEEP_TMP=1
set -euo pipefail
N=${1:-1000}; LIFETIME=${2:-60}; DURATION=${3:-200}; INTERVAL=${INTERVAL:-10}
for v in "$N" "$LIFETIME" "$DURATION" "$INTERVAL"; do
    [[ $v =~ ^[0-9]+$ && $v -gt 0 ]] || { echo "usage: bench/oauth-share.sh [N] [LIFETIME_S] [DURATION_S]  (INTERVAL: positive integer)" >&2; exit 2; }
done
HERE=$(cd "$(dirname "$0")" && pwd); ROOT=$(cd "$HERE/.." && pwd)
LOG_TAG=oauth-share
# shellcheck source=bench/lib.sh
source "$HERE/lib.sh"

ensure_base_deps
build_release batond baton baton-sim
WORK=$(mktemp -d /tmp/baton-oauth-share.XXXXXX)
cleanup() {
    bench_cleanup
    if [[ ${KEEP_TMP:-0} == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

printf 'auth:\n  token_lifetime: %ss\n  clients: { shared-client: shared-secret }\n' "$LIFETIME" > "$WORK/scenario.yaml"
start_sim --scenario "$WORK/scenario.yaml"
HTTP_PORT=$(free_port); METRICS=http://127.0.0.1:$HTTP_PORT
python3 - "$WORK/baton.yaml" "$N" "$INTERVAL" "$SIM_PORT" "$HTTP_PORT" <<'PY'
import sys
path, n, interval, port, http = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
with open(path, "w") as f:
    f.write(f"daemon: {{ http: 127.0.0.1:{http} }}\n")
    f.write(f"defaults: {{ interval: {interval}s, timeout: 5s }}\n")
    f.write("teams:\n  marketing-ops: { name: Marketing Operations, channels: [] }\n")
    f.write("x-auth: &shared\n  oauth2:\n")
    f.write(f"    token_url: http://127.0.0.1:{port}/oauth2/token\n")
    f.write("    client_id: shared-client\n    client_secret: \"${env:BENCH_SHARED_SECRET}\"\n")
    f.write("integrations:\n")
    for i in range(n):
        f.write(f"  - id: o{i}\n    name: OAuth2 integration {i}\n    owner: marketing-ops\n")
        f.write(f"    check:\n      url: http://127.0.0.1:{port}/protected/integrations/o{i}/health\n      auth: *shared\n")
        f.write("      expect: { status: [200], json: [ { pointer: /status, equals: ok } ] }\n")
PY
export BENCH_SHARED_SECRET=shared-secret

T_START=$(date +%s.%N)
start_batond state "$WORK/baton.yaml"
DAEMON_PID=$LAST_PID
wait_ready "$WORK/state.log" "$DAEMON_PID"
log "batond pid $DAEMON_PID ready; running ${DURATION}s, $N integrations every ${INTERVAL}s behind one credential (tokens live ${LIFETIME}s)"
C0=$(cpu_ticks "$DAEMON_PID")
sleep "$DURATION"
T_END=$(date +%s.%N); C1=$(cpu_ticks "$DAEMON_PID")
PROBES=$(metric baton_probes_total "$METRICS")
ERRORS=$(metric baton_probe_errors_total "$METRICS")
BATON_TOKENS=$(metric baton_oauth_token_requests "$METRICS")
curl -fsS "$SIM_URL/_sim/auth" > "$WORK/auth.json"
"$BIN/baton" status --json --socket "$WORK/state.sock" > "$WORK/status.json" 2>/dev/null || true
stop_pid "$DAEMON_PID" TERM 30; untrack "$DAEMON_PID"
python3 - "$WORK/state/baton.db" > "$WORK/failed.txt" <<'PY'
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
print(db.execute("SELECT COUNT(*) FROM probe WHERE level != 'pass' OR COALESCE(http_status, 0) != 200").fetchone()[0],
      db.execute("SELECT COUNT(*) FROM probe").fetchone()[0],
      db.execute("SELECT COUNT(*) FROM transition").fetchone()[0])
PY

python3 - "$N" "$LIFETIME" "$DURATION" "$INTERVAL" "$T_START" "$T_END" "$PROBES" "$ERRORS" "$BATON_TOKENS" "$WORK/auth.json" \
    "$WORK/status.json" "$(cat "$WORK/failed.txt")" "$C0" "$C1" "$HZ" <<'PY'
import json, math, sys
n, lifetime, duration, interval = (int(x) for x in sys.argv[1:5])
t_start, t_end = float(sys.argv[5]), float(sys.argv[6])
probes, errors, baton_tokens = sys.argv[7], sys.argv[8], sys.argv[9]
auth = json.load(open(sys.argv[10]))
requests = [r for r in auth["token_requests"] if r.get("client_id") == "shared-client"]
answered = sum(1 for r in requests if r.get("answered_status") == 200)
try:
    summary = json.load(open(sys.argv[11])).get("summary", {})
except Exception:
    summary = {}
failed, stored, transitions = (int(x) for x in sys.argv[12].split())
c0, c1, hz = int(sys.argv[13]), int(sys.argv[14]), int(sys.argv[15])
# Refreshed 60 s before expiry, or a tenth of the lifetime before when it lives under 10 min.
refresh = lifetime - (lifetime / 10 if lifetime < 600 else 60)
span = t_end - t_start
expected = 1 + math.floor(span / refresh)
print(" ".join([
    "tool=baton-oauth-share", f"n={n}", f"token_lifetime_s={lifetime}", f"interval_s={interval}", f"duration_s={duration}",
    f"run_s={span:.0f}", f"refresh_every_s={refresh:g}",
    f"token_requests={len(requests)}", f"token_requests_ok={answered}", f"baton_oauth_token_requests={baton_tokens}",
    f"expected_token_requests={expected}", f"without_sharing_would_be={n * expected}",
    f"probes={probes}", f"probe_errors={errors}", f"stored_probes_failed={failed}", f"stored_probes={stored}",
    f"transitions={transitions}", f"healthy_at_end={summary.get('healthy', 'n/a')}",
    f"cpu_ms_per_1k_probes={(c1 - c0) * 1000 / hz / max(int(probes), 1) * 1000:.1f}",
]))
PY
