#!/usr/bin/env bash
# screens.sh — renders every screen of the app headless at phone size (411 x 891 dp), light
# and dark, in English and in the Welsh draft, into docs/screens/*.png, with the UI tests'
# own harness over a realistic sample diary (android/desktop/src/test/.../Gallery.kt).
# Installs what it needs on a fresh Debian machine. Usage: scripts/screens.sh [OUT_DIR]
set -euo pipefail
source "$(dirname "$0")/compose-env.sh"
out=$(realpath -m "${1:-$ROOT/docs/screens}")
compose_install
compose_build_native
say "rendering the screens into $out"
mvn -B -q -f "$POM" $(compose_props) "-Dtally.gallery.dir=$out" test-compile exec:exec@gallery
