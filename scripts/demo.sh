#!/usr/bin/env bash
# Baton's demo: builds, starts the loopback simulator of a dozen marketing integrations
# (config/demo-scenario.yaml) and batond on config/demo.yaml, shows `baton status`, and
# keeps the daemon running in the foreground until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."

SIM_PORT=${SIM_PORT:-9480}
scripts/ensure-deps.sh
echo "building (the first build takes a few minutes)…" >&2
swift build 2>&1 | grep -E "error|warning: .*Sources/|Compiling Baton|Build complete" >&2 || true
BIN=$(swift build --show-bin-path)
[[ -x $BIN/batond && -x $BIN/baton && -x $BIN/baton-sim ]] || { echo "build failed: run 'swift build' to see why" >&2; exit 1; }

SIM_PID=""; DAEMON_PID=""
cleanup() {
    [[ -n $DAEMON_PID ]] && kill -TERM "$DAEMON_PID" 2>/dev/null && wait "$DAEMON_PID" 2>/dev/null
    [[ -n $SIM_PID ]] && kill -TERM "$SIM_PID" 2>/dev/null && wait "$SIM_PID" 2>/dev/null
    true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$BIN/baton-sim" --port "$SIM_PORT" --scenario config/demo-scenario.yaml &
SIM_PID=$!
for _ in $(seq 1 100); do
    curl -fsS -o /dev/null "http://127.0.0.1:$SIM_PORT/_sim/endpoints" 2>/dev/null && break
    kill -0 "$SIM_PID" 2>/dev/null || { echo "baton-sim did not start (is port $SIM_PORT free? set SIM_PORT)" >&2; exit 1; }
    sleep 0.1
done

"$BIN/batond" --config config/demo.yaml &
DAEMON_PID=$!
# Every integration gets its first probe within 5 s of start; the failing ones need 2 probes to be down.
sleep 12
kill -0 "$DAEMON_PID" 2>/dev/null || { echo "batond stopped: see its log above" >&2; exit 1; }
echo
"$BIN/baton" status || true
cat <<TEXT

batond is running (state in ./.baton). In another terminal, from $(pwd):
  export PATH="$BIN:\$PATH"
  baton status                     # what is broken, since when, whose is it
  baton show sfdc-marketo-leads    # one integration in depth
  baton check zendesk-sfdc-tickets # probe now, with the reasons
  baton incidents                  # who has been told, at which step
  baton report --since 1h          # SLA attainment, breaches, MTTA/MTTR
Status page: http://127.0.0.1:9470/ (metrics at /metrics). A digest goes to exec-chat every 5 minutes.
In 90 s the consent sync starts failing (config/demo-scenario.yaml's timeline). Ctrl-C stops the demo.
TEXT
wait "$DAEMON_PID"
