#!/usr/bin/env bash
# test-ios.sh — checks the iOS project on a machine with no Swift toolchain: every Swift file
# parses (tree-sitter's Swift grammar), the wrapper's calls match the Swift generated from
# this build of libtally_ffi, and the project spec, plists, entitlements, privacy manifests,
# string catalogs, icons and build script agree (ios/tests/test_project.py, with pytest).
# A Mac build checks far more; see ios/README.md for what was never compiled here.
#
# Installs what is missing on a fresh Debian machine (shellcheck from apt when run as root; a
# venv with pinned Python packages under ${XDG_CACHE_HOME:-~/.cache}/tally-tools).
# Usage: scripts/test-ios.sh
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
OUT=$TARGET/ios-check
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/tally-tools
PACKAGES=(pytest==9.2.0 tree-sitter==0.26.1 tree-sitter-swift==0.7.4 PyYAML==6.0.3)
VENV=$CACHE/venv-ios-$(printf '%s\n' "${PACKAGES[@]}" | sha256sum | cut -c1-12)

say() { printf '==> %s\n' "$*"; }

if ! command -v shellcheck >/dev/null; then
    [ "$(id -u)" -eq 0 ] || { echo "test-ios: need root to apt-get install shellcheck" >&2; exit 1; }
    say "installing shellcheck"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends shellcheck >/dev/null
fi
if [ ! -x "$VENV/bin/pytest" ]; then
    say "creating a venv with ${PACKAGES[*]}"
    rm -rf "$VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q "${PACKAGES[@]}"
fi

# The Swift the wrapper calls, generated from this build as build-xcframework.sh does on a Mac.
say "generating the Swift bindings"
cargo build -q -p tally-ffi
cargo build -q -p uniffi-bindgen
rm -rf "$OUT"
"$TARGET/debug/uniffi-bindgen" generate "$TARGET/debug/libtally_ffi.so" --language swift --out-dir "$OUT" --no-format >/dev/null

say "checking the iOS project"
TALLY_GENERATED_SWIFT=$OUT/tally_ffi.swift "$VENV/bin/python" -m pytest -q -p no:cacheprovider ios/tests
