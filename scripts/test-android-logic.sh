#!/usr/bin/env bash
# test-android-logic.sh — compiles android/ui-logic (the Android app's screen state and
# actions, plain Kotlin with no android.* imports) against the generated Kotlin bindings and
# the android/tally wrapper, and runs its JUnit 5 tests on the desktop JVM against the
# host-built libtally_ffi.so. Prints "kotlin-ui: N passed, N failed"; exits non-zero on any
# failure.
#
# Uses the tools scripts/test-bindings.sh installs and caches (kotlinc 2.4.20 from npm, JNA
# and the JUnit 5 console launcher from Debian): run that script once first on a fresh
# machine. Builds tally-ffi and generates its Kotlin itself, into its own directory under
# $CARGO_TARGET_DIR/android-logic, so it never races test-bindings.sh's outputs.
#
# Usage: scripts/test-android-logic.sh
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
OUT=$TARGET/android-logic
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/tally-tools
KOTLIN_VERSION=2.4.20
KOTLIN_HOME=$CACHE/kotlin-compiler-$KOTLIN_VERSION/package
KLIB=$KOTLIN_HOME/lib
JAVA_SHARE=/usr/share/java
MODULE=android/ui-logic

say() { printf '==> %s\n' "$*"; }
fail() { echo "test-android-logic: $*" >&2; exit 1; }

# ---- tools (installed by scripts/test-bindings.sh) ---------------------------------------
for f in "$KOTLIN_HOME/bin/kotlinc" "$JAVA_SHARE/jna.jar" "$JAVA_SHARE/junit-platform-console-standalone.jar"; do
    [ -e "$f" ] || fail "missing $f: run scripts/test-bindings.sh first, it installs the tools"
done
command -v java >/dev/null || fail "no java: run scripts/test-bindings.sh first"

# ---- the module stays free of the Android framework --------------------------------------
# The whole point of ui-logic is that it runs here; an android.* import would only fail
# on a phone. (Compiling without android.jar would catch it too, but this names the file.)
if grep -rnE '^import (android|androidx)\.' "$MODULE/src"; then
    fail "$MODULE must not import android.* or androidx.*"
fi

# ---- build and generate ------------------------------------------------------------------
say "building tally-ffi"
cargo build -q -p tally-ffi
cargo build -q -p uniffi-bindgen
GEN=$OUT/kotlin-generated
# Replaced only when it changed, so the compile stamp below holds.
source "$ROOT/scripts/kotlin-bindings.sh"
generate_kotlin_bindings "$TARGET" "$GEN"

# ---- compile -----------------------------------------------------------------------------
# Two stages, each recompiled only when its sources change (kotlinc takes minutes on a small
# machine): the generated bindings and the tally wrapper, then ui-logic main and test.
COMPILE_CP=$JAVA_SHARE/jna.jar:$KLIB/kotlinx-coroutines-core-jvm.jar:$KLIB/kotlin-test.jar:$KLIB/kotlin-test-junit5.jar:$JAVA_SHARE/junit-jupiter-api.jar:$JAVA_SHARE/apiguardian-api.jar:$JAVA_SHARE/junit-platform-commons.jar
RUN_CP=$JAVA_SHARE/jna.jar:$KLIB/kotlin-stdlib.jar:$KLIB/kotlinx-coroutines-core-jvm.jar:$KLIB/kotlin-test.jar:$KLIB/kotlin-test-junit5.jar

stamp_of() { (echo "$KOTLIN_VERSION"; find "$@" -type f \( -name '*.kt' -o -name '*.xml' \) | sort | xargs sha256sum) | sha256sum | cut -c1-64; }

compile() { # compile <classes dir> <classpath> <salt> <sources...>
    local classes=$1 cp=$2 salt=$3
    shift 3
    local stamp
    stamp=$(echo "$salt $(stamp_of "$@")" | sha256sum | cut -c1-64)
    if [ "$(cat "$classes/.stamp" 2>/dev/null)" = "$stamp" ]; then
        return 0
    fi
    say "compiling ${*#"$ROOT"/}"
    rm -rf "$classes"
    "$KOTLIN_HOME/bin/kotlinc" -nowarn -cp "$cp" -d "$classes" "$@" || return 1
    echo "$stamp" >"$classes/.stamp"
}

BASE=$OUT/classes-tally
UI=$OUT/classes-ui-logic
compile "$BASE" "$COMPILE_CP" "" "$GEN" android/tally/src/main/kotlin || fail "kotlin-ui: compiling the bindings and wrapper failed"
# Stage two is salted with stage one's stamp, so it recompiles whenever stage one did.
compile "$UI" "$BASE:$COMPILE_CP" "$(cat "$BASE/.stamp")" "$MODULE/src/main/kotlin" "$MODULE/src/test/kotlin" ||
    { echo "kotlin-ui: 0 passed, 0 failed"; fail "compiling $MODULE failed"; }

# ---- run ---------------------------------------------------------------------------------
say "running ui-logic tests"
set +e
log=$(java -Djna.library.path="$TARGET/debug" \
    -Dtally.res.dir="$ROOT/android/app/src/main/res" \
    -jar "$JAVA_SHARE/junit-platform-console-standalone.jar" \
    -cp "$UI:$BASE:$RUN_CP" --select-package app.tally.ui --disable-banner --disable-ansi-colors \
    --details=tree --fail-if-no-tests 2>&1)
rc=$?
set -e
echo "$log"
passed=$(echo "$log" | sed -n 's/^\[ *\([0-9]*\) tests successful *\]$/\1/p')
failed=$(echo "$log" | sed -n 's/^\[ *\([0-9]*\) tests failed *\]$/\1/p')
found=$(echo "$log" | sed -n 's/^\[ *\([0-9]*\) tests found *\]$/\1/p')
# JUnit silently skips a test method that does not return Unit: every @Test must be found.
written=$(grep -rh '^ *@Test' "$MODULE/src/test/kotlin" | wc -l)
echo "kotlin-ui: ${passed:-0} passed, ${failed:-0} failed"
if [ "${found:-0}" != "$written" ]; then
    fail "$written tests written but ${found:-0} found (a test not returning Unit?)"
fi
[ "$rc" -eq 0 ] && [ "${failed:-1}" = 0 ] || fail "FAILED"
echo "test-android-logic: all passed"
