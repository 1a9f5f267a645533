#!/usr/bin/env bash
# bench/report.sh [N=10000] [BREACHES=1000] [DAYS=90] — `baton report --since 90d` on a full database.
#
# baton-bench simulates DAYS days ending today for N integrations, BREACHES of which breach every
# day (a three-step policy, acknowledged after 45 min, recovered after 3 h): transitions,
# incidents, their timelines and notices, and one daemon run covering it all. Then a release
# batond starts on that state with N heartbeat integrations (no probes: nothing changes while
# measuring) and `baton report --since ${DAYS}d` runs against it in each format. Prints wall time
# per run, the CLI's peak RSS, and the daemon's RSS (VmRSS) before the first report, right after the
# last, and AFTER_WAIT (60) s later, with that last one's ratio to the first (issue 11 bounds it
# at 1.25), and its VmHWM. Env: AFTER_WAIT=60, KEEP_TMP=1.
set -euo pipefail
N=${1:-10000}; BREACHES=${2:-1000}; DAYS=${3:-90}; AFTER_WAIT=${AFTER_WAIT:-60}
[[ $AFTER_WAIT =~ ^[0-9]+$ ]] || { echo "AFTER_WAIT is a number of seconds" >&2; exit 2; }
HERE=$(cd "$(dirname "$0")" && pwd); ROOT=$(cd "$HERE/.." && pwd)
log() { echo "[report $(date +%T)] $*" >&2; }

"$ROOT/scripts/ensure-deps.sh"
command -v /usr/bin/time >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q time >/dev/null
command -v sqlite3 >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q sqlite3 >/dev/null
for product in batond baton baton-bench; do (cd "$ROOT" && swift build -c release --static-swift-stdlib --product "$product" >&2); done
BIN=$(cd "$ROOT" && swift build -c release --static-swift-stdlib --show-bin-path)
WORK=$(mktemp -d /tmp/baton-report.XXXXXX)
DAEMON_PID=""
cleanup() {
    [[ -n $DAEMON_PID ]] && kill -TERM "$DAEMON_PID" 2>/dev/null && wait "$DAEMON_PID" 2>/dev/null || true
    if [[ ${KEEP_TMP:-0} == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "simulating $DAYS days for $N integrations ($BREACHES breaches a day)…"
"$BIN/baton-bench" --integrations "$N" --breaches "$BREACHES" --days "$DAYS" --directory "$WORK/state" >&2
# In a real database these notices went out long ago: mark them delivered, or the daemon would
# spend the measurement dead-lettering 90 days of backlog.
sqlite3 "$WORK/state/baton.db" "UPDATE notice SET status = 'delivered', delivered_ms = created_ms WHERE status = 'pending'"

# The heartbeat period outlasts the simulated days: the last simulated ping is DAYS old, and a
# shorter period would turn every integration stale at start, opening N incidents that escalate and
# deliver (allocating) while the daemon's memory is measured.
python3 - "$WORK/baton.yaml" "$N" "$(( DAYS + 30 > 366 ? 366 : DAYS + 30 ))" <<'PY'
import sys
path, n, period = sys.argv[1], int(sys.argv[2]), sys.argv[3]
tools = [["Salesforce", "Marketo"], ["HubSpot", "Salesforce"], ["Segment", "Braze"], ["Shopify", "Klaviyo"], ["GA4", "BigQuery"]]
stages = ["awareness", "acquisition", "purchase", "onboarding", "service", "retention", "advocacy"]
owners = ["marketing-ops", "crm-platform", "analytics"]
with open(path, "w") as f:
    # Keep every simulated day: pruning at start would both delete what is measured and compete with it.
    f.write("daemon:\n  retention: 400d\n")
    f.write("teams:\n  marketing-ops: { name: Marketing Operations, channels: [mops] }\n")
    f.write("  crm-platform: { name: CRM platform team (IT), channels: [mops] }\n  analytics: { name: Analytics, channels: [mops] }\n")
    f.write("  marketing-cio: { name: Marketing CIO office, channels: [mops] }\n  exec: { name: CIO and CMO, channels: [mops] }\n")
    f.write("channels:\n  mops: { type: slack, url: \"http://127.0.0.1:9/_sink\" }\n")
    f.write("integrations:\n")
    for i in range(n):
        f.write(f"  - id: i{i}\n    name: Integration {i} lead sync\n    owner: {owners[i % 3]}\n    accountable: marketing-cio\n")
        f.write(f"    tools: [{', '.join(tools[i % 5])}]\n    journey: [{stages[i % 7]}]\n")
        f.write(f"    heartbeat: {{ token: t{i}, period: {period}d }}\n    sla: {{ availability: 99.5% }}\n")
PY

"$BIN/batond" --config "$WORK/baton.yaml" --state-dir "$WORK/state" --socket "$WORK/baton.sock" 2>"$WORK/batond.log" &
DAEMON_PID=$!
for _ in $(seq 1 600); do [[ -S $WORK/baton.sock ]] && grep -q "ready in" "$WORK/batond.log" && break; sleep 0.1; done
grep -q "ready in" "$WORK/batond.log" || { cat "$WORK/batond.log" >&2; exit 1; }
rss() { awk -v k="$1" '$1 == k":" { print $2 }' "/proc/$DAEMON_PID/status"; }
sleep 5   # start-up's own work (the first prune, the writer's first batches) is over
RSS_BEFORE=$(rss VmRSS); HWM_BEFORE=$(rss VmHWM)
DB_MB=$(du -sm "$WORK/state" | cut -f1)

results=()
for format in json table csv json; do
    /usr/bin/time -f "%e %M" -o "$WORK/time" "$BIN/baton" report --since "${DAYS}d" --format "$format" --socket "$WORK/baton.sock" >"$WORK/out.$format"
    read -r wall cli_kb <"$WORK/time"
    results+=("$format:${wall}s")
    log "$format: ${wall} s wall, CLI peak ${cli_kb} KB, $(wc -c <"$WORK/out.$format") bytes"
done
RSS_AFTER=$(rss VmRSS); HWM_AFTER=$(rss VmHWM)
log "daemon VmRSS $((RSS_BEFORE / 1024)) MB before, $((RSS_AFTER / 1024)) MB right after; waiting ${AFTER_WAIT}s"
sleep "$AFTER_WAIT"
RSS_LATER=$(rss VmRSS)
RATIO=$(awk -v a="$RSS_LATER" -v b="$RSS_BEFORE" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
WITHIN=$(awk -v r="$RATIO" 'BEGIN { print (r <= 1.25 ? "yes" : "no") }')
ROWS=$(python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(len(r['integrations']), r['total']['breaches'], r['total']['incidents'])" "$WORK/out.json")
echo "tool=baton-report integrations=$N days=$DAYS breaches_per_day=$BREACHES db_mb=$DB_MB runs=${results[*]// /,}" \
     "cli_peak_rss_kb=$cli_kb daemon_rss_mb_before=$((RSS_BEFORE / 1024)) daemon_rss_mb_after=$((RSS_AFTER / 1024))" \
     "daemon_rss_mb_after_${AFTER_WAIT}s=$((RSS_LATER / 1024)) daemon_rss_ratio_after_${AFTER_WAIT}s=$RATIO within_1_25x=$WITHIN" \
     "daemon_peak_rss_mb_before=$((HWM_BEFORE / 1024)) daemon_peak_rss_mb_after=$((HWM_AFTER / 1024)) report_rows_breaches_incidents=${ROWS// /,}"
