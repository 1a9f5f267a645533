#!/usr/bin/env bash
# bench/sftp.sh [N=100] [INTERVAL=5] [DURATION=60] — what an SFTP file-drop check costs.
#
# Starts a real sshd (Debian's openssh-server) on a loopback port from the OS, with its own host
# key, authorised client key and sshd_config in a temporary folder, in the foreground (-D) and
# stopped by its PID. FILES dated exports (leads_YYYYMMDD.csv, one a day, the newest 2 h old) lie
# in one folder; N integrations judge the newest `leads_*.csv` there (glob, file time, min_size)
# every INTERVAL s. After one warm-up round, measures DURATION s and prints batond's CPU per probe,
# the mean probe wall time (baton_probe_duration_seconds), sshd's CPU (the listener, the
# connection processes it reaped and those still open), the SSH connections sshd accepted in the
# window and those open at the end, and how many such checks a 2-core box would sustain at a
# 5-minute interval.
#
# Env: FILES=30 KEEP_TMP=1
set -euo pipefail
N=${1:-100}; INTERVAL=${2:-5}; DURATION=${3:-60}; FILES=${FILES:-30}
for v in "$N" "$INTERVAL" "$DURATION" "$FILES"; do
    [[ $v =~ ^[0-9]+$ && $v -gt 0 ]] || { echo "usage: bench/sftp.sh [N] [INTERVAL_S] [DURATION_S]  (FILES: positive integer)" >&2; exit 2; }
done
HERE=$(cd "$(dirname "$0")" && pwd); ROOT=$(cd "$HERE/.." && pwd)
LOG_TAG=sftp
# shellcheck source=bench/lib.sh
source "$HERE/lib.sh"

ensure_base_deps
apt_ensure openssh-server openssh-client
build_release batond baton
WORK=$(mktemp -d /tmp/baton-sftp.XXXXXX)
MADE_RUN_SSHD=""
cleanup() {
    bench_cleanup
    [[ -n $MADE_RUN_SSHD ]] && rmdir /run/sshd 2>/dev/null || true
    if [[ ${KEEP_TMP:-0} == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- sshd -------------------------------------------------------------------------
SSH=$WORK/sshd; mkdir -p "$SSH" "$WORK/drop/exports"
ssh-keygen -q -t ed25519 -N "" -C baton-bench-host -f "$SSH/host_ed25519"
ssh-keygen -q -t ed25519 -N "" -C baton-bench-client -f "$SSH/client_ed25519"
cp "$SSH/client_ed25519.pub" "$SSH/authorized_keys"
SSH_PORT=$(free_port)
USER_NAME=$(id -un)
echo "[127.0.0.1]:$SSH_PORT $(cut -d' ' -f1,2 "$SSH/host_ed25519.pub")" > "$SSH/known_hosts"
cat > "$SSH/sshd_config" <<CONF
Port $SSH_PORT
ListenAddress 127.0.0.1
HostKey $SSH/host_ed25519
PidFile $SSH/sshd.pid
AuthorizedKeysFile $SSH/authorized_keys
StrictModes no
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PermitRootLogin prohibit-password
Subsystem sftp internal-sftp
LogLevel VERBOSE
CONF
# sshd refuses to start without its privilege-separation directory.
if [[ ! -d /run/sshd ]]; then mkdir -p /run/sshd && chmod 0755 /run/sshd; MADE_RUN_SSHD=1; fi
/usr/sbin/sshd -t -f "$SSH/sshd_config"
/usr/sbin/sshd -D -e -f "$SSH/sshd_config" 2>"$WORK/sshd.log" &
SSHD_PID=$!
track "$SSHD_PID" sshd
for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$SSH_PORT") 2>/dev/null && break
    kill -0 "$SSHD_PID" 2>/dev/null || { cat "$WORK/sshd.log" >&2; exit 1; }
    sleep 0.1
done
log "sshd pid $SSHD_PID on 127.0.0.1:$SSH_PORT"

# --- the files: one a day, the newest 2 h old, 4 KiB each ---------------------------------
python3 - "$WORK/drop/exports" "$FILES" <<'PY'
import os, sys, time
folder, files = sys.argv[1], int(sys.argv[2])
now = time.time()
row = "lead_id,email,created_at,source\n" + "".join(f"{i},lead{i}@example.com,2026-12-01T00:00:00Z,webform\n" for i in range(80))
for day in range(files):
    mtime = now - 2 * 3600 - day * 86400
    path = os.path.join(folder, time.strftime("leads_%Y%m%d.csv", time.gmtime(mtime)))
    with open(path, "w") as f: f.write(row)
    os.utime(path, (mtime, mtime))
# Other files in the folder that the glob must skip.
for name in ("README.txt", "orders_20261201.csv"):
    open(os.path.join(folder, name), "w").write("not a lead export\n")
PY

HTTP_PORT=$(free_port); METRICS=http://127.0.0.1:$HTTP_PORT
python3 - "$WORK/baton.yaml" "$N" "$INTERVAL" "$SSH_PORT" "$HTTP_PORT" "$WORK/drop/exports" "$USER_NAME" "$SSH" <<'PY'
import sys
path, n, interval, port, http, folder, user, ssh = sys.argv[1:9]
n, interval = int(n), int(interval)
with open(path, "w") as f:
    f.write(f"daemon: {{ http: 127.0.0.1:{http} }}\n")
    f.write(f"defaults: {{ interval: {interval}s, timeout: 20s }}\n")
    f.write("teams:\n  marketing-ops: { name: Marketing Operations, channels: [] }\n")
    f.write(f"x-ssh: &ssh\n  ssh: {{ username: {user}, key_file: {ssh}/client_ed25519, known_hosts: {ssh}/known_hosts }}\n")
    f.write("integrations:\n")
    for i in range(n):
        f.write(f"  - id: sftp-{i}\n    name: Partner export {i} (SFTP)\n    owner: marketing-ops\n    tags: [file-drop]\n")
        f.write(f"    check:\n      url: \"sftp://127.0.0.1:{port}{folder}/leads_*.csv\"\n      auth: *ssh\n")
        f.write("      expect: { min_size: 1KiB }\n      freshness: { file_time: true, error_after: 25h }\n")
PY

start_batond state "$WORK/baton.yaml"
DAEMON_PID=$LAST_PID
wait_ready "$WORK/state.log" "$DAEMON_PID"
log "batond pid $DAEMON_PID ready; warming up"
deadline=$(( $(date +%s) + 3 * INTERVAL + 60 ))
while (( $(metric baton_probes_total "$METRICS") < N )); do
    (( $(date +%s) < deadline )) || { log "warm-up: only $(metric baton_probes_total "$METRICS") of $N probes made"; break; }
    sleep 2   # a scrape is not free for batond
done
sleep "$INTERVAL"

accepted() { grep -c "Connection from 127.0.0.1" "$WORK/sshd.log" || true; }
snap() {
    echo "$(date +%s.%N) $(cpu_ticks "$DAEMON_PID") $(tree_cpu_ticks "$SSHD_PID") $(metric baton_probes_total "$METRICS") $(accepted)"
}
# The duration sum is in seconds: read it unrounded.
metric_raw() { { curl -fsS --max-time 120 "$METRICS/metrics" 2>/dev/null || true; } | awk -v n="$1" '$1 == n { s += $NF } END { printf "%.6f\n", s }'; }
S0=$(snap); D0=$(metric_raw baton_probe_duration_seconds_sum); E0=$(metric baton_probe_errors_total "$METRICS")
log "measuring ${DURATION}s"
sleep "$DURATION"
S1=$(snap); D1=$(metric_raw baton_probe_duration_seconds_sum); E1=$(metric baton_probe_errors_total "$METRICS")
OPEN=$(ss -Htn state established "( sport = :$SSH_PORT )" | wc -l)
SSHD_KIDS=$(ps -o pid= --ppid "$SSHD_PID" | wc -l)
HWM=$(awk '/^VmHWM:/ {print $2}' "/proc/$DAEMON_PID/status")
"$BIN/baton" status --json --socket "$WORK/state.sock" > "$WORK/status.json" 2>/dev/null || true
stop_pid "$DAEMON_PID" TERM 30; untrack "$DAEMON_PID"

python3 - "$N" "$INTERVAL" "$DURATION" "$FILES" "$S0" "$S1" "$D0" "$D1" "$E0" "$E1" "$OPEN" "$SSHD_KIDS" "$HZ" "$HWM" "$WORK/status.json" <<'PY'
import json, sys
n, interval, duration, files = (int(x) for x in sys.argv[1:5])
s0, s1 = sys.argv[5].split(), sys.argv[6].split()
d0, d1, e0, e1 = float(sys.argv[7]), float(sys.argv[8]), int(sys.argv[9]), int(sys.argv[10])
open_conns, kids, hz, hwm = int(sys.argv[11]), int(sys.argv[12]), int(sys.argv[13]), int(sys.argv[14])
t = float(s1[0]) - float(s0[0])
baton_ms = (int(s1[1]) - int(s0[1])) * 1000 / hz
sshd_ms = (int(s1[2]) - int(s0[2])) * 1000 / hz
probes = int(s1[3]) - int(s0[3])
accepted = int(s1[4]) - int(s0[4])
try:
    status = json.load(open(sys.argv[15]))
    summary = status.get("summary", {})
    reasons = sorted({i.get("reason", "") for i in status.get("integrations", [])})
except Exception:
    summary, reasons = {}, []
per = lambda ms: ms / max(probes, 1)
both = per(baton_ms) + per(sshd_ms)
# Two cores, a 5-minute interval: checks whose probes (batond and sshd on the same box) fill them.
sustain = int(2 * 1000 * 300 / both) if both > 0 else 0
sustain_baton = int(2 * 1000 * 300 / per(baton_ms)) if baton_ms > 0 else 0
print(" ".join([
    "tool=baton-sftp", f"n={n}", f"interval_s={interval}", f"duration_s={duration}", f"files={files}",
    f"probes={probes}", f"expected_probes={int(n * duration / interval)}", f"probe_errors={e1 - e0}", f"probe_errors_since_start={e1}",
    f"baton_cpu_ms_per_probe={per(baton_ms):.2f}", f"probe_wall_ms_mean={(d1 - d0) / max(probes, 1) * 1000:.1f}",
    f"sshd_cpu_ms_per_probe={per(sshd_ms):.2f}", f"baton_cpu_pct_of_one_core={baton_ms / t / 10:.1f}", f"sshd_cpu_pct_of_one_core={sshd_ms / t / 10:.1f}",
    f"ssh_connections_before_window={int(s0[4]) - 1}", f"ssh_connections_accepted={accepted}", f"ssh_connections_per_probe={accepted / max(probes, 1):.2f}",
    f"ssh_connections_open_at_end={open_conns}", f"sshd_children_at_end={kids}",
    f"sustainable_checks_5m_2cores={sustain}", f"sustainable_checks_5m_2cores_baton_only={sustain_baton}",
    f"peak_rss_mb={hwm / 1024:.1f}", f"healthy_at_end={summary.get('healthy', 'n/a')}",
    f"reason={(reasons[0] if len(reasons) == 1 else str(len(reasons)) + '_distinct').replace(' ', '_')}",
]))
PY
