#!/usr/bin/env bash
# bench/run.sh [N] [INTERVAL] [DURATION] — Baton's benchmark, side by side with the peers.
#
# Serves N integration endpoints on loopback (the peer benchmark's nginx, or baton-sim when
# ../shared/bench is absent), runs a release batond on them with the demo's JSON and freshness
# rules every INTERVAL s, waits one warm-up round, measures DURATION s, and prints one key=value
# line of figures. Then, in the same run, the paced libcurl C limit and Prometheus +
# blackbox_exporter on the same N and INTERVAL, and the ratios.
#
# Env: NGINX_PORT=18080 KEEP_TMP=1 SKIP_PEERS=1 WAIT_IDLE=0 CONCURRENCY=256
set -euo pipefail

N=${1:-10000}; INTERVAL=${2:-10}; DURATION=${3:-60}
for v in "$N" "$INTERVAL" "$DURATION"; do
    [[ $v =~ ^[0-9]+$ && $v -gt 0 ]] || { echo "usage: bench/run.sh [N] [INTERVAL_S] [DURATION_S]" >&2; exit 2; }
done
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
PEERS=$(cd "$ROOT/../shared/bench" 2>/dev/null && pwd || true)
PORT=${NGINX_PORT:-18080}
log() { echo "[bench $(date +%T)] $*" >&2; }

# --- dependencies and build ---------------------------------------------------
"$ROOT/scripts/ensure-deps.sh"
if [[ -n $PEERS ]]; then
    need=()
    for p in nginx-light prometheus prometheus-blackbox-exporter curl python3 gcc; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
    done
    if [[ ${#need[@]} -gt 0 ]]; then
        log "installing ${need[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null 2>&1 ||
            { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null; }
    fi
    # The packages' own services would share the box with the measurement.
    for s in nginx prometheus prometheus-blackbox-exporter; do pkill -x "$s" 2>/dev/null || true; done
else
    log "../shared/bench is absent: Baton runs alone (no peer figures), endpoints served by baton-sim"
fi
log "building release binaries"
for product in batond baton baton-sim; do (cd "$ROOT" && swift build -c release --product "$product" >&2); done
BIN=$(cd "$ROOT" && swift build -c release --show-bin-path)

WORK=$(mktemp -d /tmp/baton-bench.XXXXXX)
DAEMON_PID=""; SIM_PID=""
cleanup() {
    [[ -n $DAEMON_PID ]] && kill -TERM "$DAEMON_PID" 2>/dev/null && wait "$DAEMON_PID" 2>/dev/null || true
    [[ -n $SIM_PID ]] && kill -TERM "$SIM_PID" 2>/dev/null && wait "$SIM_PID" 2>/dev/null || true
    [[ -n $PEERS ]] && "$PEERS/nginx-endpoints.sh" stop "$PORT" >/dev/null 2>&1 || true
    if [[ ${KEEP_TMP:-0} == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ -n $PEERS && ${WAIT_IDLE:-1} == 1 ]]; then
    "$PEERS/wait-idle.sh" 600 || log "WARNING: machine busy, figures will be noisy"
fi

# --- endpoints ----------------------------------------------------------------
if [[ -n $PEERS ]]; then
    export PEER_NGINX_DIR=$WORK/nginx
    "$PEERS/nginx-endpoints.sh" start "$PORT" >/dev/null
    ACCESS_LOG=$WORK/nginx/access.log
    requests() { "$PEERS/nginx-endpoints.sh" stats "$PORT" | sed 's/.*requests=//'; }
else
    "$BIN/baton-sim" --port "$PORT" --count "$N" --access-log "$WORK/access.log" 2>"$WORK/sim.log" &
    SIM_PID=$!
    ACCESS_LOG=$WORK/access.log
    for _ in $(seq 1 100); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/integrations/0/health" 2>/dev/null && break; sleep 0.1; done
    requests() { wc -l < "$ACCESS_LOG"; }
fi

# --- config: the demo's rules on every endpoint ------------------------------------
python3 - "$WORK/baton.yaml" "$N" "$INTERVAL" "$PORT" "${CONCURRENCY:-256}" <<'PY'
import sys
path, n, interval, port, conc = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
with open(path, "w") as f:
    f.write(f"daemon:\n  max_concurrency: {conc}\n")
    f.write(f"defaults:\n  interval: {interval}s\n  timeout: 5s\n")
    f.write("teams:\n  marketing-ops: { name: Marketing Operations, channels: [] }\n")
    f.write("integrations:\n")
    for i in range(n):
        f.write(f"  - id: i{i}\n    name: Integration {i}\n    owner: marketing-ops\n    tags: [bench]\n")
        f.write(f"    check:\n      url: http://127.0.0.1:{port}/integrations/{i}/health\n")
        f.write("      expect: { status: [200], json: [ { pointer: /status, equals: ok } ] }\n")
        f.write("      freshness: { pointer: /last_sync, warn_after: 30m, error_after: 2h }\n")
PY

# --- batond -----------------------------------------------------------------
HZ=$(getconf CLK_TCK)
cpu_ticks() { awk '{sub(/^.*\) /, ""); print $12 + $13}' "/proc/$1/stat"; }
T_START=$(date +%s.%N)
"$BIN/batond" --config "$WORK/baton.yaml" --state-dir "$WORK/state" --socket "$WORK/baton.sock" 2>"$WORK/batond.log" &
DAEMON_PID=$!
READY_S=""
for _ in $(seq 1 3000); do
    if grep -q "ready in" "$WORK/batond.log" 2>/dev/null; then READY_S=$(awk -v a="$T_START" -v b="$(date +%s.%N)" 'BEGIN{printf "%.3f", b-a}'); break; fi
    kill -0 "$DAEMON_PID" 2>/dev/null || { cat "$WORK/batond.log" >&2; exit 1; }
    sleep 0.01
done
READY_LOGGED=$(grep -o "ready in [^:]*" "$WORK/batond.log" | head -1 | sed 's/ready in //')
log "batond pid $DAEMON_PID ready after ${READY_S}s (its own log: $READY_LOGGED); warming up"

base=$(requests)
deadline=$(( $(date +%s) + 3 * INTERVAL + 60 ))
while (( $(requests) - base < N )); do
    (( $(date +%s) < deadline )) || { log "warm-up: only $(( $(requests) - base )) of $N probes arrived"; break; }
    sleep 0.5
done
sleep "$INTERVAL"

T0=$(date +%s.%N); C0=$(cpu_ticks "$DAEMON_PID"); R0=$(requests)
log "measuring ${DURATION}s"
sleep "$DURATION"
T1=$(date +%s.%N); C1=$(cpu_ticks "$DAEMON_PID"); R1=$(requests)
HWM=$(awk '/^VmHWM:/ {print $2}' "/proc/$DAEMON_PID/status")
RSS=$(awk '/^VmRSS:/ {print $2}' "/proc/$DAEMON_PID/status")
THREADS=$(ls "/proc/$DAEMON_PID/task" | wc -l)
"$BIN/baton" status --json --socket "$WORK/baton.sock" > "$WORK/status.json" 2>/dev/null || true
S_STOP=$(date +%s.%N)
kill -TERM "$DAEMON_PID"; wait "$DAEMON_PID" || true; DAEMON_PID=""
STOP_S=$(awk -v a="$S_STOP" -v b="$(date +%s.%N)" 'BEGIN{printf "%.2f", b-a}')
DB_KB=$(du -sk "$WORK/state" | cut -f1)
[[ -n $PEERS ]] && "$PEERS/nginx-endpoints.sh" stop "$PORT" >/dev/null   # flushes the access log
[[ -n $SIM_PID ]] && { kill -TERM "$SIM_PID"; wait "$SIM_PID" 2>/dev/null || true; SIM_PID=""; }

BATON_LINE=$(python3 - "$ACCESS_LOG" "$N" "$INTERVAL" "$DURATION" "$T0" "$T1" "$C0" "$C1" "$HZ" "$HWM" "$RSS" "$READY_S" "$STOP_S" "$THREADS" "$DB_KB" "$R0" "$R1" "$WORK/status.json" <<'PY'
import sys, math, collections, json
(log, n, interval, duration, t0, t1, c0, c1, hz, hwm, rss, ready, stop, threads, dbkb, r0, r1, status) = sys.argv[1:19]
n, interval, duration, hz = int(n), float(interval), int(duration), int(hz)
t0, t1 = float(t0), float(t1)
cpu_ms = (int(c1) - int(c0)) * 1000.0 / hz
per = collections.defaultdict(list); probes = bad = 0
for line in open(log):
    f = line.split()
    if len(f) < 3 or not f[1].startswith("/integrations/"): continue
    ts = float(f[0])
    if not (t0 <= ts < t1): continue
    probes += 1; bad += f[2] != "200"
    per[f[1]].append(ts)
late = []
for ts in per.values():
    ts.sort(); late += [((b - a) - interval) * 1000 for a, b in zip(ts, ts[1:])]
def pct(xs, p):
    if not xs: return float("nan")
    xs = sorted(xs); return xs[min(len(xs) - 1, max(0, int(math.ceil(p / 100.0 * len(xs))) - 1))]
absl = [abs(x) for x in late]
try:
    summary = json.load(open(status)).get("summary", {})
except Exception:
    summary = {}
expected = n * duration / interval
print(" ".join([
    "tool=baton", f"n={n}", f"interval_s={int(interval)}", f"duration_s={duration}",
    f"expected_probes={int(expected)}", f"probes={probes}", f"non200={bad}",
    f"probes_per_s={probes / (t1 - t0):.1f}", f"keeps_up={'yes' if probes >= 0.98 * expected and bad == 0 else 'no'}",
    f"cpu_ms={cpu_ms:.0f}", f"cpu_ms_per_1k_probes={cpu_ms / max(probes, 1) * 1000:.1f}",
    f"cpu_pct_of_one_core={cpu_ms / (t1 - t0) / 10:.1f}",
    f"peak_rss_mb={int(hwm) / 1024:.1f}", f"rss_mb_at_end={int(rss) / 1024:.1f}", f"rss_kb_per_integration={int(hwm) / n:.2f}", f"rss_kb_per_integration_at_end={int(rss) / n:.2f}",
    f"ready_s={ready}", f"stop_s={stop}", f"threads={threads}", f"state_dir_kb={dbkb}",
    f"lateness_ms_p50={pct(late, 50):.1f}", f"lateness_ms_p99={pct(late, 99):.1f}", f"lateness_ms_max={max(late) if late else float('nan'):.1f}",
    f"jitter_ms_p50={pct(absl, 50):.1f}", f"jitter_ms_p99={pct(absl, 99):.1f}", f"jitter_ms_max={max(absl) if absl else float('nan'):.1f}",
    f"healthy_at_end={summary.get('healthy', 'n/a')}", f"targets_seen={len(per)}",
]))
PY
)
echo "$BATON_LINE"

# --- peers, same N and interval ------------------------------------------------
[[ -z $PEERS || ${SKIP_PEERS:-0} == 1 ]] && { log "no peer run"; exit 0; }
log "running the paced libcurl C limit (run-limit.sh $N $INTERVAL $DURATION)"
LIMIT=$(REPEAT=1 WAIT_IDLE=${WAIT_IDLE:-1} "$PEERS/run-limit.sh" "$N" "$INTERVAL" "$DURATION" | grep '^tool=libcurl-multi-paced' || true)
echo "$LIMIT"
log "running Prometheus + blackbox_exporter (run-blackbox.sh $N $INTERVAL $DURATION)"
BB=$(WAIT_IDLE=${WAIT_IDLE:-1} "$PEERS/run-blackbox.sh" "$N" "$INTERVAL" "$DURATION" || true)
echo "tool=prometheus-blackbox $BB"

python3 - "$BATON_LINE" "$LIMIT" "$BB" <<'PY'
import sys
def kv(line): return dict(p.split("=", 1) for p in line.split() if "=" in p)
b, l, p = (kv(x) for x in sys.argv[1:4])
def ratio(a, c):
    try: return f"{float(a) / float(c):.2f}"
    except (ValueError, ZeroDivisionError, TypeError): return "n/a"
bcpu = b.get("cpu_ms_per_1k_probes")
print(" ".join([
    "ratios",
    f"baton_cpu_per_probe_vs_c_limit={ratio(bcpu, l.get('cpu_ms_per_1k'))}",
    f"baton_cpu_per_probe_vs_blackbox={ratio(bcpu, p.get('cpu_ms_per_1k_probes_total'))}",
    f"baton_rss_per_integration_vs_blackbox={ratio(b.get('rss_kb_per_integration'), p.get('rss_kb_per_endpoint'))}",
    f"baton_jitter_p99_ms={b.get('jitter_ms_p99')} c_limit_late_ms_max={l.get('late_ms_max')} blackbox_jitter_p99_ms={p.get('jitter_ms_p99')}",
]))
PY
