#!/usr/bin/env bash
# Builds Baton and runs every test. Installs what the tests need when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/ensure-deps.sh --test
swift build --build-tests
# swift-argument-parser's man page generator, for the packaging tests' `make install`.
swift build --product generate-manual
# End-to-end tests start the real batond, baton and baton-sim from here.
export BATON_BIN_DIR=$(swift build --show-bin-path)
if [[ $# -gt 0 ]]; then
    exec swift test --skip-build "$@"
fi
# Unit tests in parallel; then the end-to-end tests one at a time: each runs real daemons on real
# time (and the packaging and status page tests run make, dpkg-deb and Chromium), and a busy
# 2-core machine must not turn a test's deadline into a failure. The fuzz suite's short run comes
# along: FuzzTests (in process) with the unit tests, EndToEndTests' Fuzz* suites with the others;
# scripts/fuzz.sh is its long run.
swift test --skip-build --skip EndToEndTests --skip StatusPageTests
swift test --skip-build --filter EndToEndTests --filter StatusPageTests --no-parallel
