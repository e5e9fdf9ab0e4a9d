#!/usr/bin/env bash
# Runs every test of Tally: the Rust workspace (unit, integration, property and
# end-to-end tests, with ssh-keygen, bagit-python, an RFC 9162 checker and Chromium as
# independent judges) and, where present, the bindings (Kotlin on the JVM, Python, C).
# Installs the tools it needs first. Usage: ./scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-test-tools.sh
echo "== Rust workspace"
cargo test --workspace --all-targets --no-fail-fast
if [ -x scripts/test-bindings.sh ]; then
  echo "== Bindings"
  ./scripts/test-bindings.sh
fi
echo "== all tests passed"
