#!/usr/bin/env bash
# bench/oauth-cost.sh [N=10000] [INTERVAL=10] [DURATION=60] — what OAuth2 costs per probe.
#
# Runs bench/run.sh twice on the same setup: 20 % of the integrations served by baton-sim, first
# as plain endpoints (OAUTH_SHARE=0), then behind an OAuth2 client-credentials token from baton-sim's
# token endpoint (OAUTH_SHARE=20). Only the token differs, so the ratio of batond's CPU per 1,000
# probes is what OAuth2 costs. Issue 9 bounds it: at most 10 % more (ratio <= 1.10).
# REPEAT=k runs k pairs, alternating which goes first, and compares the medians.
#
# Env: REPEAT=1 SHARE=20 TOKEN_LIFETIME=3600 OAUTH_CLIENTS=1 STORE=sqlite BOUND=1.10; NO_PEERS=1
#      serves every endpoint with baton-sim; peers never run here.
set -euo pipefail
N=${1:-10000}; INTERVAL=${2:-10}; DURATION=${3:-60}
REPEAT=${REPEAT:-1}; SHARE=${SHARE:-20}; BOUND=${BOUND:-1.10}
for v in "$N" "$INTERVAL" "$DURATION" "$REPEAT" "$SHARE"; do
    [[ $v =~ ^[0-9]+$ && $v -gt 0 ]] || { echo "usage: bench/oauth-cost.sh [N] [INTERVAL_S] [DURATION_S]  (REPEAT, SHARE: positive integers)" >&2; exit 2; }
done
HERE=$(cd "$(dirname "$0")" && pwd)
log() { echo "[oauth-cost $(date +%T)] $*" >&2; }

lines=()
one() {  # one OAUTH_SHARE
    local line
    log "run.sh $N $INTERVAL $DURATION with SIM_SHARE=$SHARE OAUTH_SHARE=$1"
    line=$(SKIP_PEERS=1 STATUS_RUNS=${STATUS_RUNS:-0} SIM_SHARE=$SHARE OAUTH_SHARE=$1 "$HERE/run.sh" "$N" "$INTERVAL" "$DURATION" | grep '^tool=baton ')
    echo "$line" >&2
    lines+=("$line")
}
for ((r = 0; r < REPEAT; r++)); do
    if (( r % 2 == 0 )); then one 0; one "$SHARE"; else one "$SHARE"; one 0; fi
done

python3 - "$N" "$INTERVAL" "$DURATION" "$REPEAT" "$SHARE" "$BOUND" "${lines[@]}" <<'PY'
import statistics, sys
n, interval, duration, repeat, share, bound = sys.argv[1:7]
runs = [dict(p.split("=", 1) for p in line.split() if "=" in p) for line in sys.argv[7:]]
plain = [float(r["cpu_ms_per_1k_probes"]) for r in runs if r.get("oauth_share") == "0"]
oauth = [float(r["cpu_ms_per_1k_probes"]) for r in runs if r.get("oauth_share") != "0"]
kept = all(r.get("keeps_up") == "yes" for r in runs)
tokens = [r.get("sim_token_requests", "n/a") for r in runs if r.get("oauth_share") != "0"]
mp, mo = statistics.median(plain), statistics.median(oauth)
ratio = mo / mp if mp else float("nan")
print(" ".join([
    "tool=baton-oauth-cost", f"n={n}", f"interval_s={interval}", f"duration_s={duration}", f"pairs={repeat}", f"oauth_share={share}",
    f"cpu_ms_per_1k_plain={mp:.1f}", f"cpu_ms_per_1k_oauth={mo:.1f}", f"ratio={ratio:.3f}", f"bound={bound}",
    f"within_bound={'yes' if ratio <= float(bound) else 'no'}",
    f"plain_runs={','.join(f'{x:.1f}' for x in plain)}", f"oauth_runs={','.join(f'{x:.1f}' for x in oauth)}",
    f"token_requests={','.join(tokens)}", f"all_kept_up={'yes' if kept else 'no'}",
]))
PY
