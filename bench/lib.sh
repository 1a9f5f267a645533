# shellcheck shell=bash disable=SC2034  # SIM_PORT, PG_URL_BASE, … are read by the scripts that source this
# bench/lib.sh — shared code of Baton's benchmark scripts (sourced, never run).
#
# Before sourcing, a script sets LOG_TAG (its name in log lines). Everything it starts is
# registered with `track PID KIND` and stopped by that PID in `bench_cleanup`, newest first:
# nothing is ever stopped by name. Loopback only.
#
#   log MSG…                        a timestamped line on stderr
#   ensure_base_deps                scripts/ensure-deps.sh, then curl, python3, procps, iproute2
#   build_release PRODUCT…          swift build $RELEASE_FLAGS for each product; sets BIN (SKIP_BUILD=1:
#                                   the binaries already in .build/release, e.g. while a debug build runs)
#   apt_ensure PACKAGE…             installs what is missing, no service started meanwhile
#   stop_package_service PIDFILE BINARY   stops a service the package started, by its pidfile,
#                                   only when that PID runs BINARY
#   free_port                       a loopback TCP port the OS has just handed out
#   cpu_ticks PID                   utime+stime of PID (all threads), in clock ticks
#   tree_cpu_ticks PID              the same for PID, its reaped children and its live descendants
#   ticks_to_ms TICKS               clock ticks to milliseconds
#   start_sim ARG…                  baton-sim on an OS-chosen loopback port: SIM_PID, SIM_PORT, SIM_URL
#   start_batond NAME CONFIG [ARG…] batond with state $WORK/NAME, socket $WORK/NAME.sock, log
#                                   $WORK/NAME.log; sets LAST_PID
#   wait_ready LOG PID [SECONDS]    until LOG has batond's "ready in" line
#   metric NAME URL                 the sum of every series of a Prometheus metric at URL/metrics
#   start_pg                        a throwaway PostgreSQL cluster: PG_PID, PG_PORT, PG_DIR, PG_URL_BASE
#   psql_q SQL [DB]                 one query, unaligned output
#   stop_pid PID [SIGNAL] [SECONDS] signal, wait, SIGKILL after SECONDS
#   bench_cleanup                   stops every tracked PID, newest first

HZ=$(getconf CLK_TCK)
TRACKED=()          # "PID:KIND", in start order
PG_PID=""; PG_DIR=""; PG_PORT=""; PG_BIN=""; PG_URL_BASE=""
SIM_PID=""; SIM_PORT=""; SIM_URL=""; LAST_PID=""

log() { echo "[${LOG_TAG:-bench} $(date +%T)] $*" >&2; }

# The binaries measured are built as `make install` and the .deb ship them: the Swift runtime linked
# in. Built against the toolchain's shared libraries instead, `baton` spends about 10 ms more starting.
RELEASE_FLAGS=(-c release --static-swift-stdlib)

# --- building and installing ------------------------------------------------------
# What every script needs: the build's packages, and curl, python3, ps and ss.
ensure_base_deps() {
    "$ROOT/scripts/ensure-deps.sh"
    apt_ensure curl python3 procps iproute2
}

build_release() {
    local product
    if [[ ${SKIP_BUILD:-0} == 1 ]]; then
        BIN=$ROOT/.build/release
        for product in "$@"; do [[ -x $BIN/$product ]] || { log "SKIP_BUILD=1 but $BIN/$product is missing"; return 1; }; done
        log "SKIP_BUILD=1: using the release binaries already in $BIN"
        return 0
    fi
    log "building release binaries: $*"
    for product in "$@"; do (cd "$ROOT" && swift build "${RELEASE_FLAGS[@]}" --product "$product" >&2); done
    BIN=$(cd "$ROOT" && swift build "${RELEASE_FLAGS[@]}" --show-bin-path)
}

# Installs the Debian packages that are missing. A package's maintainer scripts would start its
# service (nginx on :80, Prometheus on :9090, a PostgreSQL cluster on :5432, sshd on :22) next to the
# measurement: a temporary /usr/sbin/policy-rc.d that exits 101 forbids that. An existing
# policy-rc.d is left alone, and only the one written here is removed, whatever happens.
apt_ensure() {
    local missing=() p sudo=""
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [[ ${#missing[@]} -eq 0 ]] && return 0
    if [[ $(id -u) -ne 0 ]]; then
        command -v sudo >/dev/null || { log "need root (or sudo) to install: ${missing[*]}"; return 1; }
        sudo=sudo
    fi
    log "installing ${missing[*]} (apt; their services are not started)"
    (
        ours=""
        if [[ ! -e /usr/sbin/policy-rc.d ]]; then
            printf '#!/bin/sh\n# Written by Baton'"'"'s bench/lib.sh while it installs packages: start no service.\nexit 101\n' |
                $sudo tee /usr/sbin/policy-rc.d >/dev/null
            $sudo chmod 0755 /usr/sbin/policy-rc.d
            ours=1
        fi
        trap '[[ -n $ours ]] && $sudo rm -f /usr/sbin/policy-rc.d' EXIT
        trap 'exit 130' INT TERM
        export DEBIAN_FRONTEND=noninteractive
        $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null 2>&1 ||
            { $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null; }
    )
}

# A service of a package that is already running (installed earlier, started by its init system)
# would share the 2 cores with the measurement. Stops it only through its pidfile, and only when
# that PID really is the package's binary: a pidfile left over from a reboot may name anyone now.
stop_package_service() {
    local pidfile=$1 binary=$2 pid exe
    [[ -r $pidfile ]] || return 0
    pid=$(head -n 1 "$pidfile" | tr -dc '0-9')
    [[ -n $pid && $pid -gt 1 ]] || return 0
    exe=$(readlink -f "/proc/$pid/exe" 2>/dev/null || true)
    [[ -n $exe && $exe == "$(readlink -f "$binary")" ]] || return 0
    log "stopping the package's own $(basename "$binary") (pid $pid from $pidfile): it would share the machine with the measurement"
    kill -TERM "$pid" 2>/dev/null || return 0
    local i
    for i in $(seq 1 100); do [[ -e /proc/$pid ]] || return 0; sleep 0.1; done
    log "WARNING: $(basename "$binary") pid $pid did not stop within 10 s"
}

# Tells, without touching them, how many other processes run BINARY (another benchmark, say).
count_running() {
    local binary target n=0 exe
    binary=$(readlink -f "$1")
    for exe in /proc/[0-9]*/exe; do
        target=$(readlink -f "$exe" 2>/dev/null) || continue
        [[ $target == "$binary" ]] && n=$((n + 1))
    done
    echo "$n"
}

# --- processes ------------------------------------------------------------------
track() { TRACKED+=("$1:$2"); }
untrack() {
    local keep=() entry
    for entry in "${TRACKED[@]}"; do [[ ${entry%%:*} == "$1" ]] || keep+=("$entry"); done
    TRACKED=("${keep[@]}")
}

stop_pid() {
    local pid=$1 signal=${2:-TERM} seconds=${3:-15} i
    [[ -n $pid ]] || return 0
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    kill -"$signal" "$pid" 2>/dev/null || true
    for i in $(seq 1 $((seconds * 10))); do
        kill -0 "$pid" 2>/dev/null || break
        # A child of this shell stays a zombie (kill -0 succeeds) until it is reaped.
        [[ $(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) == Z ]] && break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null && [[ $(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) != Z ]]; then
        log "pid $pid ignored SIG$signal for ${seconds}s: SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}

bench_cleanup() {
    local i entry pid kind
    for ((i = ${#TRACKED[@]} - 1; i >= 0; i--)); do
        entry=${TRACKED[i]}; pid=${entry%%:*}; kind=${entry#*:}
        case $kind in
            postgres) stop_pid "$pid" INT 20 ;;   # fast shutdown
            *) stop_pid "$pid" TERM 15 ;;
        esac
    done
    TRACKED=()
    PG_PID=""
    [[ -n $PG_DIR && -d $PG_DIR && ${KEEP_TMP:-0} != 1 ]] && rm -rf "$PG_DIR"
    return 0
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# --- CPU ---------------------------------------------------------------------------
# Fields after the command name (which may contain spaces): $12 utime, $13 stime, $14 cutime, $15 cstime.
cpu_ticks() { awk '{sub(/^.*\) /, ""); print $12 + $13}' "/proc/$1/stat" 2>/dev/null || echo 0; }

# PID's own CPU, its reaped children's (cutime+cstime) and every live descendant's: a server that
# forks per connection (sshd, the postmaster's backends).
tree_cpu_ticks() {
    python3 - "$1" <<'PY'
import os, sys
root = int(sys.argv[1])
stats = {}
for name in os.listdir("/proc"):
    if not name.isdigit():
        continue
    try:
        text = open(f"/proc/{name}/stat").read()
    except OSError:
        continue
    fields = text[text.rindex(")") + 2:].split()
    stats[int(name)] = (int(fields[1]), [int(x) for x in fields[11:15]])
children = {}
for pid, (ppid, _) in stats.items():
    children.setdefault(ppid, []).append(pid)
total, todo = 0, [root]
if root in stats:
    total += sum(stats[root][1])          # own + reaped children
todo = list(children.get(root, []))
while todo:
    pid = todo.pop()
    total += sum(stats[pid][1])
    todo += children.get(pid, [])
print(total)
PY
}

ticks_to_ms() { echo $(( $1 * 1000 / HZ )); }

# --- baton-sim and batond ------------------------------------------------------------
start_sim() {
    local out=$WORK/sim.$RANDOM.out i
    "$BIN/baton-sim" --port 0 "$@" >"$out" 2>>"$WORK/sim.log" &
    SIM_PID=$!
    track "$SIM_PID" baton-sim
    SIM_URL=""
    for i in $(seq 1 300); do
        SIM_URL=$(grep -m 1 -o 'http://127.0.0.1:[0-9]*' "$out" 2>/dev/null || true)
        [[ -n $SIM_URL ]] && break
        kill -0 "$SIM_PID" 2>/dev/null || { cat "$WORK/sim.log" >&2; log "baton-sim did not start"; return 1; }
        sleep 0.1
    done
    [[ -n $SIM_URL ]] || { log "baton-sim printed no URL in 30 s"; return 1; }
    SIM_PORT=${SIM_URL##*:}
}

start_batond() {
    local name=$1 config=$2; shift 2
    "$BIN/batond" --config "$config" --state-dir "$WORK/$name" --socket "$WORK/$name.sock" "$@" 2>>"$WORK/$name.log" &
    LAST_PID=$!
    track "$LAST_PID" batond
}

wait_ready() {
    local logfile=$1 pid=$2 seconds=${3:-120} i
    for i in $(seq 1 $((seconds * 100))); do
        grep -q "ready in" "$logfile" 2>/dev/null && return 0
        kill -0 "$pid" 2>/dev/null || { tail -n 30 "$logfile" >&2; log "batond (pid $pid) exited before it was ready"; return 1; }
        sleep 0.01
    done
    log "batond (pid $pid) not ready after ${seconds}s"; return 1
}

# The sum of every sample of metric NAME (all label sets), 0 when absent or when the scrape fails:
# never fatal. A scrape renders a gauge per integration: at 10,000 integrations on a busy box it
# takes seconds, hence the long timeout.
metric() {
    { curl -fsS --max-time 120 "$2/metrics" 2>/dev/null || true; } |
        awk -v n="$1" '$1 == n || index($1, n "{") == 1 { s += $NF } END { printf "%.0f\n", s }'
}

# --- PostgreSQL ---------------------------------------------------------------------
pg_bin() {
    local major="" dir
    for dir in /usr/lib/postgresql/[0-9]*/bin; do
        [[ -x $dir/postgres ]] || continue
        dir=${dir%/bin}; dir=${dir##*/}
        [[ $dir =~ ^[0-9]+$ ]] && (( dir > ${major:-0} )) && major=$dir
    done
    [[ -n $major ]] || { log "PostgreSQL is not installed (no /usr/lib/postgresql/<version>/bin)"; return 1; }
    echo "/usr/lib/postgresql/$major/bin"
}

# A throwaway cluster: initdb in a temporary folder (as the postgres user when run as root: initdb
# refuses root), the postmaster itself started in the background on 127.0.0.1 and an OS-chosen
# port, its socket in that folder, trust authentication for loopback. Stopped by its PID.
start_pg() {
    apt_ensure postgresql-15 || apt_ensure postgresql
    PG_BIN=$(pg_bin)
    PG_DIR=$(mktemp -d /tmp/baton-bench-pg.XXXXXX)
    mkdir -p "$PG_DIR/data"
    local as=()
    if [[ $(id -u) -eq 0 ]]; then
        chown -R postgres:postgres "$PG_DIR"
        as=(setpriv --reuid=postgres --regid=postgres --init-groups --)
    fi
    chmod 0700 "$PG_DIR/data"
    "${as[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U postgres -E UTF8 --no-sync >"$PG_DIR/initdb.log" 2>&1 ||
        { cat "$PG_DIR/initdb.log" >&2; log "initdb failed"; return 1; }
    PG_PORT=$(free_port)
    # setpriv executes the postmaster in its own place: $! is the server's PID. PG_OPTS is split
    # into words on purpose (-c name=value …).
    # shellcheck disable=SC2086
    "${as[@]}" "$PG_BIN/postgres" -D "$PG_DIR/data" -p "$PG_PORT" -k "$PG_DIR" -c listen_addresses=127.0.0.1 \
        -c max_connections=200 ${PG_OPTS:-} >"$PG_DIR/postgres.log" 2>&1 </dev/null &
    PG_PID=$!
    track "$PG_PID" postgres
    local i
    for i in $(seq 1 300); do
        psql_q "SELECT 1" >/dev/null 2>&1 && break
        kill -0 "$PG_PID" 2>/dev/null || { cat "$PG_DIR/postgres.log" >&2; log "postgres exited"; return 1; }
        sleep 0.1
    done
    psql_q "SELECT 1" >/dev/null || { log "postgres did not answer in 30 s"; return 1; }
    PG_URL_BASE="postgres://postgres@127.0.0.1:$PG_PORT"
    log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') pid $PG_PID on 127.0.0.1:$PG_PORT ($PG_DIR)"
}

psql_q() {
    "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "${2:-postgres}" -Atqc "$1"
}

stop_pg() {
    [[ -n $PG_PID ]] || return 0
    stop_pid "$PG_PID" INT 20
    untrack "$PG_PID"; PG_PID=""
    [[ ${KEEP_TMP:-0} == 1 ]] || rm -rf "$PG_DIR"
}

# --- a probe load: N healthy integrations probed every INTERVAL s ---------------------------
# What bench/run.sh measures, as background for another measurement (bench/delivery.sh LOAD=…).
#
#   start_load_endpoints N          N endpoints /integrations/<i>/health: the peer benchmark's nginx
#                                   (../shared/bench/nginx-endpoints.sh, on a free port, its state in
#                                   $WORK/nginx) when it is there and NO_PEERS≠1, else baton-sim
#                                   --count N; sets LOAD_URL, LOAD_SERVER (nginx or baton-sim)
#   write_load_integrations FILE N URL INTERVAL   appends N integrations `load<i>` with the demo's
#                                   JSON and freshness rules (as bench/run.sh writes them) to FILE's
#                                   `integrations:` list
#   busy_mark / busy_pct_since MARK the whole machine's busy share (all CPUs, /proc/stat) since MARK
LOAD_URL=""; LOAD_SERVER=""

start_load_endpoints() {
    local n=$1 peers port pid
    peers=""
    [[ -d $ROOT/../shared/bench ]] && peers=$(cd "$ROOT/../shared/bench" && pwd)
    [[ ${NO_PEERS:-0} == 1 ]] && peers=""
    if [[ -n $peers ]]; then
        apt_ensure nginx-light
        port=$(free_port)
        PEER_NGINX_DIR=$WORK/nginx "$peers/nginx-endpoints.sh" start "$port" >/dev/null
        pid=$(head -n 1 "$WORK/nginx/nginx.pid")
        track "$pid" nginx   # the master: SIGTERM stops its workers too
        LOAD_URL="http://127.0.0.1:$port"; LOAD_SERVER=nginx
    else
        start_sim --count "$n"
        LOAD_URL=$SIM_URL; LOAD_SERVER=baton-sim
    fi
    log "$n load endpoints served by $LOAD_SERVER on $LOAD_URL"
}

write_load_integrations() {
    python3 - "$@" <<'PY'
import sys
path, n, url, interval = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
with open(path, "a") as f:
    for i in range(n):
        f.write(f"  - id: load{i}\n    name: Load {i}\n    owner: marketing-ops\n    tags: [bench]\n")
        f.write(f"    check:\n      url: {url}/integrations/{i}/health\n      interval: {interval}s\n      timeout: 5s\n")
        f.write("      expect: { status: [200], json: [ { pointer: /status, equals: ok } ] }\n")
        f.write("      freshness: { pointer: /last_sync, warn_after: 30m, error_after: 2h }\n")
PY
}

busy_mark() { awk '/^cpu / {print $2+$3+$4+$7+$8 ":" $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat; }
busy_pct_since() {
    local now b0=${1%%:*} t0=${1##*:}
    now=$(busy_mark)
    awk -v b0="$b0" -v t0="$t0" -v b1="${now%%:*}" -v t1="${now##*:}" 'BEGIN { printf "%.0f\n", (t1 > t0 ? (b1 - b0) * 100 / (t1 - t0) : 0) }'
}
