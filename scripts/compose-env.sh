# compose-env.sh — sourced by test-compose-ui.sh, screens.sh and run-desktop.sh: installs what
# the desktop Compose build needs on a fresh Debian machine (a JDK, Maven, the libraries and
# fonts Skia draws with), builds libtally_ffi and the tally CLI, and generates the JVM
# flavour of the Kotlin bindings where android/desktop/pom.xml looks for them. Maven fetches
# the Kotlin compiler, Compose Multiplatform and JUnit into ~/.m2 on first use.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
COMPOSE_OUT=$TARGET/compose-desktop
POM=android/desktop/pom.xml

say() { printf '==> %s\n' "$*"; }
source "$ROOT/scripts/kotlin-bindings.sh"

# ---- system packages ---------------------------------------------------------------------
# $1: "window" also needs a JDK with the X11 toolkit (the headless JDK draws offscreen only).
compose_install() {
    local need=()
    command -v mvn >/dev/null || need+=(maven)
    command -v javac >/dev/null || need+=(default-jdk-headless)
    # Skia's native library links libGL, libX11 and fontconfig even when drawing offscreen.
    [ -e /usr/lib/x86_64-linux-gnu/libGL.so.1 ] || need+=(libgl1)
    [ -e /usr/lib/x86_64-linux-gnu/libX11.so.6 ] || need+=(libx11-6)
    [ -e /usr/lib/x86_64-linux-gnu/libfontconfig.so.1 ] || need+=(libfontconfig1)
    # The UI tests damage a diary row on disk to see the timeline stand it where it was.
    command -v sqlite3 >/dev/null || need+=(sqlite3)
    # One known font, so the pictures come out the same on every machine.
    [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
    if [ "${1:-}" = window ]; then
        [ -e "$(dirname "$(readlink -f "$(command -v java)")")/../lib/libawt_xawt.so" ] || need+=(default-jdk)
    fi
    if [ ${#need[@]} -gt 0 ]; then
        say "installing ${need[*]}"
        local sudo=""
        [ "$(id -u)" = 0 ] || sudo=sudo
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
    fi
}

# ---- the library, the CLI and the JVM bindings -------------------------------------------
compose_build_native() {
    say "building tally-ffi, uniffi-bindgen and the tally CLI"
    # One package at a time, so the bindgen's `cli` feature never leaks into the library.
    cargo build -q -p tally-ffi
    cargo build -q -p uniffi-bindgen
    cargo build -q -p tally-cli
    # Replaced only when it changed, so Maven's incremental compile holds.
    generate_kotlin_bindings "$TARGET" "$COMPOSE_OUT/uniffi"
    compose_drop_stale_classes
}

# kotlin-maven-plugin compiles incrementally but never deletes the classes of a source file
# that was removed or renamed: start those folders afresh whenever the list of files changes.
compose_drop_stale_classes() {
    local list
    list=$(find "$TARGET/compose-desktop/uniffi" android/tally/src/main android/ui-logic/src/main android/screens/src \
        android/desktop/src -name '*.kt' 2>/dev/null | sort | sha256sum | cut -c1-64)
    if [ "$(cat "$COMPOSE_OUT/.sources" 2>/dev/null)" != "$list" ]; then
        rm -rf "$COMPOSE_OUT/classes" "$COMPOSE_OUT/test-classes" "$COMPOSE_OUT/kaptStubs" "$COMPOSE_OUT/kotlin-ic"
        mkdir -p "$COMPOSE_OUT"
        echo "$list" >"$COMPOSE_OUT/.sources"
    fi
}

# The Maven properties every goal needs.
compose_props() {
    printf '%s\n' "-Dtally.build.dir=$COMPOSE_OUT" "-Dtally.uniffi.dir=$COMPOSE_OUT/uniffi" \
        "-Dtally.lib.dir=$TARGET/debug" "-Dtally.cli=$TARGET/debug/tally"
}
