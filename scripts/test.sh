#!/usr/bin/env bash
# Runs every test of Tally: the Rust workspace (unit, integration, property and
# end-to-end tests, with ssh-keygen, bagit-python, an RFC 9162 checker and Chromium as
# independent judges), the bindings (Kotlin on the JVM, Python, C), the presenters, the
# Compose screens driven headless on the desktop JVM, and the iOS project's checks.
# Installs the tools it needs first. Usage: ./scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
# The CLI keeps per-device state (remembered heads, failed attempts) under XDG_STATE_HOME:
# tests get a folder of their own, never the state of whoever runs them.
XDG_STATE_HOME=$(mktemp -d)
export XDG_STATE_HOME
trap 'rm -rf "$XDG_STATE_HOME"' EXIT
./scripts/install-test-tools.sh
echo "== Rust workspace"
cargo test --no-fail-fast
echo "== Bindings (Kotlin on the JVM, Python, C)"
./scripts/test-bindings.sh
if [ -x scripts/test-android-logic.sh ]; then
  echo "== Android screens' logic (Kotlin on the JVM)"
  ./scripts/test-android-logic.sh
fi
echo "== Compose screens on the desktop JVM (UI tests against the real library)"
./scripts/test-compose-ui.sh
echo "== iOS project (Swift syntax, wrapper against the generated bindings, plists, strings)"
./scripts/test-ios.sh
echo "== all tests passed"
