#!/usr/bin/env bash
# run-desktop.sh — Tally's screens in a desktop window, over a diary file in the same
# format as the phone's (the same core through the same bindings): for advocates keeping a
# diary for someone on a laptop, and for anyone trying Tally without a phone. Minimising the
# window locks the diary; closing it locks and quits. Needs a display (X11 or Xvfb).
# Usage: scripts/run-desktop.sh [DIARY_FILE]   (default ~/tally-desktop.diary; created on first run)
set -euo pipefail
source "$(dirname "$0")/compose-env.sh"
diary=$(realpath -m "${1:-$HOME/tally-desktop.diary}")
[ -n "${DISPLAY:-}" ] || { echo "run-desktop: no DISPLAY (run under X11, or xvfb-run scripts/run-desktop.sh)" >&2; exit 1; }
compose_install window
compose_build_native
mvn -B -q -f "$POM" $(compose_props) "-Dtally.diary=$diary" compile exec:exec@window
