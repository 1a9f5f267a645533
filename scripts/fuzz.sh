#!/usr/bin/env bash
# The long run of Baton's fuzz suite: every target for BATON_FUZZ_SECONDS (default 60) with a
# fresh seed, printed so a run can be repeated (BATON_FUZZ_SEED=0x… to reuse one). Failing inputs
# are saved under Tests/Fixtures/fuzz/<target>/, named by their hash, where the short run in
# scripts/test.sh replays them; an input that killed the test process itself is saved too (the
# targets leave the input being tried in the work folder before trying it).
#
#   scripts/fuzz.sh                     all four targets, 60 s each
#   scripts/fuzz.sh config judge        only these (config, judge, config-check, control-api)
#   BATON_FUZZ_SECONDS=600 scripts/fuzz.sh
#
# Each target prints its figures: inputs tried, failures, known issues, the slowest input, and
# peak memory where it measures one. Exits 1 when a target failed.
set -uo pipefail
cd "$(dirname "$0")/.."

seconds=${BATON_FUZZ_SECONDS:-60}
seed=${BATON_FUZZ_SEED:-0x$(od -An -N8 -tx8 /dev/urandom | tr -d ' \n')}
work=$(mktemp -d "${TMPDIR:-/tmp}/baton-fuzz.XXXXXX")

# target, its test, the extension of its inputs
all_targets=(
    "config FuzzTests.ConfigFuzzTests/generatedConfigs yaml"
    "judge FuzzTests.JudgeFuzzTests/generatedAnswers judge"
    "config-check EndToEndTests.FuzzConfigCheckTests/generatedConfigFiles yaml"
    "control-api EndToEndTests.FuzzControlAPITests/generatedRequests http"
)
selected=("$@")

scripts/ensure-deps.sh --test
swift build --build-tests || exit 1
export BATON_BIN_DIR=$(swift build --show-bin-path)

# Saves a file under Tests/Fixtures/fuzz/<target>/ as <FNV-1a 64 of its bytes>.<ext> (the name the tests give).
save_fixture() {
    python3 - "$1" "$2" "$3" <<'EOF'
import os, shutil, sys
path, target, ext = sys.argv[1:4]
data = open(path, "rb").read()
value = 0xcbf29ce484222325
for byte in data:
    value = ((value ^ byte) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
folder = os.path.join("Tests", "Fixtures", "fuzz", target)
os.makedirs(folder, exist_ok=True)
destination = os.path.join(folder, "%016x.%s" % (value, ext))
shutil.copyfile(path, destination)
print(destination)
EOF
}

echo "fuzz: seed $seed, $seconds s per target, work folder $work"
failed=0
for entry in "${all_targets[@]}"; do
    read -r target filter ext <<<"$entry"
    if [[ ${#selected[@]} -gt 0 && ! " ${selected[*]} " == *" $target "* ]]; then continue; fi
    echo "fuzz $target: running for $seconds s"
    log="$work/$target.log"
    BATON_FUZZ_SEED=$seed BATON_FUZZ_SECONDS=$seconds BATON_FUZZ_WORK=$work BATON_FUZZ_SAVE=1 \
        swift test --skip-build --filter "$filter" >"$log" 2>&1
    status=$?
    grep -a -E '^fuzz ' "$log" || true
    if [[ -e "$work/$target.current.$ext" ]]; then
        # The input the test process was trying when it died (a trap, or the watchdog's hang limit).
        saved=$(save_fixture "$work/$target.current.$ext" "$target" "$ext")
        echo "fuzz $target: the test process died (status $status) while trying an input, saved as $saved"
        grep -a -E 'Fatal error|runtime failure|crashed|ran longer than' "$log" | head -5
        failed=1
    elif [[ $status -ne 0 ]]; then
        echo "fuzz $target: failed (status $status); failing inputs are saved under Tests/Fixtures/fuzz/$target/:"
        grep -a -E '^↳ (fuzz|saved as)|saved as ' "$log" | head -20
        failed=1
    fi
    [[ -e "$work/$target.figures" ]] && grep -E '^known=' "$work/$target.figures" | sed "s/^/  /"
done
echo "fuzz: seed $seed; logs in $work"
exit $failed
