#!/usr/bin/env bash
# Builds Baton and runs every test. Installs what the tests need when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/ensure-deps.sh --test
swift build --build-tests
# swift-argument-parser's man page generator, for the packaging tests' `make install`.
swift build --product generate-manual
# End-to-end tests start the real batond, baton and baton-sim from here.
BATON_BIN_DIR=$(swift build --show-bin-path) exec swift test --skip-build "$@"
