#!/usr/bin/env bash
# bench/run.sh [N] [INTERVAL] [DURATION] — Baton's benchmark, side by side with the peers.
#
# Serves N integration endpoints on loopback (the peer benchmark's nginx, or baton-sim when
# ../shared/bench is absent or NO_PEERS=1), runs a release batond on them with the demo's JSON and
# freshness rules every INTERVAL s, waits one warm-up round, measures DURATION s, times
# `baton status --json`, and prints one key=value line of figures. Then, in the same run, the
# paced libcurl C limit and Prometheus + blackbox_exporter on the same N and INTERVAL, and the ratios.
#
# Env: OAUTH_SHARE=0 (percent of integrations behind an OAuth2 client-credentials token from
#      baton-sim), TOKEN_LIFETIME=3600, OAUTH_CLIENTS=1 (credentials they share), SIM_SHARE
#      (percent served by baton-sim instead of nginx; default OAUTH_SHARE), STORE=sqlite|postgres,
#      STATUS_RUNS=200, NO_PEERS=1, SKIP_PEERS=1, NGINX_PORT=18080, KEEP_TMP=1, WAIT_IDLE=0,
#      CONCURRENCY=256
set -euo pipefail

N=${1:-10000}; INTERVAL=${2:-10}; DURATION=${3:-60}
for v in "$N" "$INTERVAL" "$DURATION"; do
    [[ $v =~ ^[0-9]+$ && $v -gt 0 ]] || { echo "usage: bench/run.sh [N] [INTERVAL_S] [DURATION_S]" >&2; exit 2; }
done
OAUTH_SHARE=${OAUTH_SHARE:-0}; SIM_SHARE=${SIM_SHARE:-$OAUTH_SHARE}
TOKEN_LIFETIME=${TOKEN_LIFETIME:-3600}; OAUTH_CLIENTS=${OAUTH_CLIENTS:-1}
STORE=${STORE:-sqlite}; STATUS_RUNS=${STATUS_RUNS:-200}
for v in "$OAUTH_SHARE" "$SIM_SHARE"; do
    [[ $v =~ ^[0-9]+$ && $v -le 100 ]] || { echo "OAUTH_SHARE and SIM_SHARE are percentages (0-100)" >&2; exit 2; }
done
(( SIM_SHARE >= OAUTH_SHARE )) || { echo "SIM_SHARE must be at least OAUTH_SHARE (OAuth2 endpoints are baton-sim's)" >&2; exit 2; }
[[ $TOKEN_LIFETIME =~ ^[0-9]+$ && $TOKEN_LIFETIME -gt 0 && $OAUTH_CLIENTS =~ ^[0-9]+$ && $OAUTH_CLIENTS -gt 0 ]] ||
    { echo "TOKEN_LIFETIME and OAUTH_CLIENTS must be positive integers" >&2; exit 2; }
[[ $STATUS_RUNS =~ ^[0-9]+$ ]] || { echo "STATUS_RUNS must be a number" >&2; exit 2; }
[[ $STORE == sqlite || $STORE == postgres ]] || { echo "STORE is sqlite or postgres" >&2; exit 2; }

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
LOG_TAG=bench
# shellcheck source=bench/lib.sh
source "$HERE/lib.sh"
PEERS=$(cd "$ROOT/../shared/bench" 2>/dev/null && pwd || true)
[[ ${NO_PEERS:-0} == 1 ]] && PEERS=""
PORT=${NGINX_PORT:-18080}
# Without nginx every endpoint is baton-sim's.
[[ -z $PEERS ]] && SIM_SHARE=100

# --- dependencies and build ---------------------------------------------------
ensure_base_deps
if [[ -n $PEERS ]]; then
    apt_ensure nginx-light prometheus prometheus-blackbox-exporter curl python3 gcc
    # The packages' own services would share the box with the measurement (never stopped by name:
    # another benchmark's nginx may be running).
    stop_package_service /run/nginx.pid /usr/sbin/nginx
    stop_package_service /run/prometheus/prometheus.pid /usr/bin/prometheus
    stop_package_service /run/prometheus/prometheus-blackbox-exporter.pid /usr/bin/prometheus-blackbox-exporter
elif [[ ${NO_PEERS:-0} == 1 ]]; then
    log "NO_PEERS=1: Baton runs alone, endpoints served by baton-sim"
else
    log "../shared/bench is absent: Baton runs alone (no peer figures), endpoints served by baton-sim"
fi
[[ $STORE == postgres ]] && apt_ensure postgresql-15
build_release batond baton baton-sim

WORK=$(mktemp -d /tmp/baton-bench.XXXXXX)
cleanup() {
    bench_cleanup
    [[ -n $PEERS ]] && PEER_NGINX_DIR=$WORK/nginx "$PEERS/nginx-endpoints.sh" stop "$PORT" >/dev/null 2>&1 || true
    if [[ ${KEEP_TMP:-0} == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ -n $PEERS && ${WAIT_IDLE:-1} == 1 ]]; then
    "$PEERS/wait-idle.sh" 600 || log "WARNING: machine busy, figures will be noisy"
fi

# --- endpoints ----------------------------------------------------------------
ACCESS_LOG=""
if [[ -n $PEERS ]]; then
    export PEER_NGINX_DIR=$WORK/nginx
    "$PEERS/nginx-endpoints.sh" start "$PORT" >/dev/null
    ACCESS_LOG=$WORK/nginx/access.log
fi
SIM_PORT=0
if (( SIM_SHARE > 0 )); then
    python3 - "$WORK/scenario.yaml" "$TOKEN_LIFETIME" "$OAUTH_CLIENTS" <<'PY'
import sys
path, lifetime, clients = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with open(path, "w") as f:
    f.write(f"auth:\n  token_lifetime: {lifetime}s\n  clients:\n")
    for c in range(clients):
        f.write(f"    bench-client-{c}: bench-secret-{c}\n")
PY
    start_sim --count "$N" --scenario "$WORK/scenario.yaml"
fi
STORAGE_URL=""
if [[ $STORE == postgres ]]; then
    start_pg
    psql_q "CREATE DATABASE baton" >/dev/null
    STORAGE_URL="$PG_URL_BASE/baton?sslmode=disable"
fi
HTTP_PORT=$(free_port)
METRICS=http://127.0.0.1:$HTTP_PORT

# --- config: the demo's rules on every endpoint ------------------------------------
# Integration i is served by baton-sim when i % 100 < SIM_SHARE, behind OAuth2 when i % 100 < OAUTH_SHARE.
python3 - "$WORK/baton.yaml" "$N" "$INTERVAL" "$PORT" "${CONCURRENCY:-256}" "$SIM_PORT" "$SIM_SHARE" "$OAUTH_SHARE" "$OAUTH_CLIENTS" "$HTTP_PORT" "$STORAGE_URL" <<'PY'
import sys
path, n, interval, port, conc, sim_port, sim_share, oauth_share, clients, http_port, storage = sys.argv[1:12]
n, interval, sim_share, oauth_share, clients = int(n), int(interval), int(sim_share), int(oauth_share), int(clients)
with open(path, "w") as f:
    f.write(f"daemon:\n  max_concurrency: {conc}\n  http: 127.0.0.1:{http_port}\n")
    if storage:
        f.write(f"storage:\n  postgres: {{ url: \"{storage}\" }}\n")
    f.write(f"defaults:\n  interval: {interval}s\n  timeout: 5s\n")
    f.write("teams:\n  marketing-ops: { name: Marketing Operations, channels: [] }\n")
    f.write("integrations:\n")
    for i in range(n):
        f.write(f"  - id: i{i}\n    name: Integration {i}\n    owner: marketing-ops\n    tags: [bench]\n")
        if i % 100 < oauth_share:
            c = i % clients
            f.write(f"    check:\n      url: http://127.0.0.1:{sim_port}/protected/integrations/{i}/health\n")
            f.write(f"      auth:\n        oauth2:\n          token_url: http://127.0.0.1:{sim_port}/oauth2/token\n")
            f.write(f"          client_id: bench-client-{c}\n          client_secret: \"${{env:BENCH_OAUTH_SECRET_{c}}}\"\n")
        elif i % 100 < sim_share:
            f.write(f"    check:\n      url: http://127.0.0.1:{sim_port}/integrations/{i}/health\n")
        else:
            f.write(f"    check:\n      url: http://127.0.0.1:{port}/integrations/{i}/health\n")
        f.write("      expect: { status: [200], json: [ { pointer: /status, equals: ok } ] }\n")
        f.write("      freshness: { pointer: /last_sync, warn_after: 30m, error_after: 2h }\n")
PY
for ((c = 0; c < OAUTH_CLIENTS; c++)); do export "BENCH_OAUTH_SECRET_$c=bench-secret-$c"; done

# --- batond -----------------------------------------------------------------
T_START=$(date +%s.%N)
start_batond state "$WORK/baton.yaml"
DAEMON_PID=$LAST_PID
READY_S=""
for _ in $(seq 1 3000); do
    if grep -q "ready in" "$WORK/state.log" 2>/dev/null; then READY_S=$(awk -v a="$T_START" -v b="$(date +%s.%N)" 'BEGIN{printf "%.3f", b-a}'); break; fi
    kill -0 "$DAEMON_PID" 2>/dev/null || { cat "$WORK/state.log" >&2; exit 1; }
    sleep 0.01
done
[[ -n $READY_S ]] || { tail -n 20 "$WORK/state.log" >&2; log "batond not ready after 30 s"; exit 1; }
READY_LOGGED=$(grep -o "ready in [^:]*" "$WORK/state.log" | head -1 | sed 's/ready in //')
log "batond pid $DAEMON_PID ready after ${READY_S}s (its own log: $READY_LOGGED); warming up"

# One full round of probes (batond's own counter), then one more interval.
deadline=$(( $(date +%s) + 3 * INTERVAL + 60 ))
while (( $(metric baton_probes_total "$METRICS") < N )); do
    (( $(date +%s) < deadline )) || { log "warm-up: only $(metric baton_probes_total "$METRICS") of $N probes made"; break; }
    sleep 2   # a scrape is not free for batond
done
sleep "$INTERVAL"

pg_ticks() { [[ -n $PG_PID ]] && tree_cpu_ticks "$PG_PID" || echo 0; }
# A scrape of /metrics costs batond CPU (a gauge per integration): both happen outside the window.
# The scrape's counter is taken at an unknown moment while it runs, so its rate uses the midpoints.
MA0=$(date +%s.%N); M0=$(metric baton_probes_total "$METRICS"); MB0=$(date +%s.%N)
T0=$(date +%s.%N); C0=$(cpu_ticks "$DAEMON_PID"); P0=$(pg_ticks)
log "measuring ${DURATION}s"
sleep "$DURATION"
T1=$(date +%s.%N); C1=$(cpu_ticks "$DAEMON_PID"); P1=$(pg_ticks)
MA1=$(date +%s.%N); M1=$(metric baton_probes_total "$METRICS"); MB1=$(date +%s.%N)
METRICS_S=$(awk -v a0="$MA0" -v b0="$MB0" -v a1="$MA1" -v b1="$MB1" 'BEGIN{printf "%.3f %.3f", (a1 + b1) / 2 - (a0 + b0) / 2, b1 - a1}')
HWM=$(awk '/^VmHWM:/ {print $2}' "/proc/$DAEMON_PID/status")
RSS=$(awk '/^VmRSS:/ {print $2}' "/proc/$DAEMON_PID/status")
THREADS=$(ls "/proc/$DAEMON_PID/task" | wc -l)
TOKENS=$(metric baton_oauth_token_requests "$METRICS")
SIM_TOKENS=0
(( OAUTH_SHARE > 0 )) && SIM_TOKENS=$(curl -fsS "$SIM_URL/_sim/auth" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["token_requests"]))' || echo n/a)

# --- baton status --json: the CLI, and a bare GET /v1/status on the control socket ----------
STATUS_TIMES=""
(( STATUS_RUNS > 0 )) && log "timing baton status --json and GET /v1/status, $STATUS_RUNS runs each" && STATUS_TIMES=$(python3 - "$BIN/baton" "$WORK/state.sock" "$STATUS_RUNS" <<'PY'
import math, socket, subprocess, sys, time
baton, sock, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
def pct(xs, p):
    if not xs: return float("nan")
    xs = sorted(xs); return xs[min(len(xs) - 1, max(0, int(math.ceil(p / 100.0 * len(xs))) - 1))]
cli, api, failed = [], [], 0
for _ in range(runs):
    t = time.perf_counter()
    rc = subprocess.run([baton, "status", "--json", "--socket", sock], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    cli.append((time.perf_counter() - t) * 1000)
    failed += rc not in (0, 1, 2)          # 0-2 are verdicts; 3 unreachable, 64 usage
size = 0
for _ in range(runs):
    t = time.perf_counter()
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(sock)
    s.sendall(b"GET /v1/status HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
    chunks = []
    while True:
        b = s.recv(1 << 16)
        if not b: break
        chunks.append(b)
    s.close()
    api.append((time.perf_counter() - t) * 1000)
    data = b"".join(chunks)
    failed += not data.startswith(b"HTTP/1.1 200")
    size = len(data)
print(f"status_runs={runs} status_cli_ms_p50={pct(cli, 50):.1f} status_cli_ms_p99={pct(cli, 99):.1f} "
      f"status_api_ms_p50={pct(api, 50):.1f} status_api_ms_p99={pct(api, 99):.1f} status_kb={size // 1024} status_failed={failed}")
PY
)
"$BIN/baton" status --json --socket "$WORK/state.sock" > "$WORK/status.json" 2>/dev/null || true

S_STOP=$(date +%s.%N)
stop_pid "$DAEMON_PID" TERM 30; untrack "$DAEMON_PID"; DAEMON_PID=""
STOP_S=$(awk -v a="$S_STOP" -v b="$(date +%s.%N)" 'BEGIN{printf "%.2f", b-a}')
DB_KB=0   # with PostgreSQL batond makes no state folder
[[ -d $WORK/state ]] && DB_KB=$(du -sk "$WORK/state" | cut -f1)
[[ -n $PEERS ]] && "$PEERS/nginx-endpoints.sh" stop "$PORT" >/dev/null   # flushes the access log
[[ -n $SIM_PID ]] && { stop_pid "$SIM_PID"; untrack "$SIM_PID"; SIM_PID=""; }

# Probes to baton-sim (which keeps no access log): the daemon's own stored probe ring (the last
# 50 probes of each integration, with their times and statuses).
# (mawk's printf %d stops at 2^31: whole milliseconds from the seconds and nanoseconds instead.)
T0_MS=$(( ${T0%.*} * 1000 + 10#${T0#*.} / 1000000 )); T1_MS=$(( ${T1%.*} * 1000 + 10#${T1#*.} / 1000000 ))
RING_SQL="SELECT integration_id, at_ms, COALESCE(http_status, 0) FROM probe WHERE at_ms >= $T0_MS AND at_ms < $T1_MS"
: > "$WORK/ring.txt"
PG_DB_KB=""
if (( SIM_SHARE > 0 )); then
    if [[ $STORE == postgres ]]; then
        psql_q "$RING_SQL" baton > "$WORK/ring.txt"
    else
        python3 - "$WORK/state/baton.db" "$RING_SQL" > "$WORK/ring.txt" <<'PY'
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
for row in db.execute(sys.argv[2]): print("|".join(map(str, row)))
PY
    fi
fi
[[ $STORE == postgres ]] && PG_DB_KB=$(psql_q "SELECT pg_database_size('baton') / 1024")
[[ -n $PG_PID ]] && stop_pg

BATON_LINE=$(python3 - "${ACCESS_LOG:-/dev/null}" "$N" "$INTERVAL" "$DURATION" "$T0" "$T1" "$C0" "$C1" "$HZ" "$HWM" "$RSS" "$READY_S" "$STOP_S" "$THREADS" "$DB_KB" "$M0" "$M1" "$WORK/status.json" \
    "$WORK/ring.txt" "$SIM_SHARE" "$OAUTH_SHARE" "$STORE" "$P0" "$P1" "$PG_DB_KB" "$TOKENS" "$SIM_TOKENS" "$STATUS_TIMES" "$METRICS_S" <<'PY'
import sys, math, collections, json
(log, n, interval, duration, t0, t1, c0, c1, hz, hwm, rss, ready, stop, threads, dbkb, m0, m1, status,
 ring, sim_share, oauth_share, store, p0, p1, pgkb, tokens, sim_tokens, status_times, metrics_s) = sys.argv[1:30]
metrics_window, scrape_s = (float(x) for x in metrics_s.split())
n, interval, duration, hz = int(n), float(interval), int(duration), int(hz)
t0, t1 = float(t0), float(t1)
cpu_ms = (int(c1) - int(c0)) * 1000.0 / hz
per = collections.defaultdict(list); probes = bad = 0
sources = []
if log != "/dev/null":
    sources.append("nginx")
    for line in open(log):
        f = line.split()
        if len(f) < 3 or not f[1].startswith("/integrations/"): continue
        ts = float(f[0])
        if not (t0 <= ts < t1): continue
        probes += 1; bad += f[2] != "200"
        per[f[1]].append(ts)
if int(sim_share) > 0:
    sources.append("sim-ring")
    for line in open(ring):
        f = line.strip().split("|")
        # Only baton-sim's integrations: nginx counted the others.
        if len(f) != 3 or not f[0][1:].isdigit() or int(f[0][1:]) % 100 >= int(sim_share): continue
        probes += 1; bad += f[2] != "200"
        per["ring:" + f[0]].append(int(f[1]) / 1000.0)
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
fields = [
    "tool=baton", f"n={n}", f"interval_s={int(interval)}", f"duration_s={duration}", f"store={store}", f"oauth_share={oauth_share}",
    f"sim_share={sim_share}", f"probes_source={'+'.join(sources)}",
    f"expected_probes={int(expected)}", f"probes={probes}", f"probes_metrics={int(m1) - int(m0)}", f"non200={bad}",
    f"probes_per_s={probes / (t1 - t0):.1f}", f"probes_metrics_per_s={(int(m1) - int(m0)) / metrics_window:.1f}", f"metrics_scrape_s={scrape_s:.2f}", f"keeps_up={'yes' if probes >= 0.98 * expected and bad == 0 else 'no'}",
    f"cpu_ms={cpu_ms:.0f}", f"cpu_ms_per_1k_probes={cpu_ms / max(probes, 1) * 1000:.1f}",
    f"cpu_pct_of_one_core={cpu_ms / (t1 - t0) / 10:.1f}",
    f"peak_rss_mb={int(hwm) / 1024:.1f}", f"rss_mb_at_end={int(rss) / 1024:.1f}", f"rss_kb_per_integration={int(hwm) / n:.2f}", f"rss_kb_per_integration_at_end={int(rss) / n:.2f}",
    f"ready_s={ready}", f"stop_s={stop}", f"threads={threads}", f"state_dir_kb={dbkb}",
    f"lateness_ms_p50={pct(late, 50):.1f}", f"lateness_ms_p99={pct(late, 99):.1f}", f"lateness_ms_max={max(late) if late else float('nan'):.1f}",
    f"jitter_ms_p50={pct(absl, 50):.1f}", f"jitter_ms_p99={pct(absl, 99):.1f}", f"jitter_ms_max={max(absl) if absl else float('nan'):.1f}",
    f"healthy_at_end={summary.get('healthy', 'n/a')}", f"targets_seen={len(per)}",
]
if int(oauth_share) > 0:
    fields += [f"oauth_token_requests={tokens}", f"sim_token_requests={sim_tokens}"]
if store == "postgres":
    pg_ms = (int(p1) - int(p0)) * 1000.0 / hz
    fields += [f"pg_cpu_ms={pg_ms:.0f}", f"pg_cpu_ms_per_1k_probes={pg_ms / max(probes, 1) * 1000:.1f}", f"pg_db_kb={pgkb}"]
if status_times:
    fields.append(status_times)
print(" ".join(fields))
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
