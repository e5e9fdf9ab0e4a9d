#!/usr/bin/env bash
# test-compose-ui.sh — the Compose screens (android/screens), compiled for the desktop JVM
# by Maven against Compose Multiplatform with the generated Kotlin bindings, the TallyDiary
# wrapper and the presenters, and driven headless at phone size by compose ui-test against
# the real libtally_ffi (android/desktop/src/test). Prints exactly one summary line,
# "compose-ui: N passed, N failed"; exits non-zero on any failure.
#
# Before the tests it checks two things the Android build relies on and cannot check here:
# the versions the Gradle catalog shares with the Maven build agree, and the Android flavour
# of the bindings (android/uniffi-android.toml) really avoids java.lang.ref.Cleaner.
#
# Installs what it needs on a fresh Debian machine (scripts/compose-env.sh); Maven caches
# its artifacts in ~/.m2. Usage: scripts/test-compose-ui.sh
set -euo pipefail
source "$(dirname "$0")/compose-env.sh"

fail() { echo "test-compose-ui: $*" >&2; exit 1; }

compose_install
compose_build_native

# ---- one version of each shared dependency -----------------------------------------------
catalog=android/gradle/libs.versions.toml
catalog_version() { sed -n "s/^$1 = \"\(.*\)\"/\1/p" "$catalog"; }
pom_version() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$POM" | head -n1; }
for pair in kotlin:kotlin.version coroutines:coroutines.version jna:jna.version compose-multiplatform:compose.version; do
    c=$(catalog_version "${pair%%:*}")
    p=$(pom_version "${pair#*:}")
    [ -n "$c" ] && [ "$c" = "$p" ] || fail "$catalog says ${pair%%:*} = '$c' but $POM says ${pair#*:} = '$p'"
done
for script in scripts/test-bindings.sh scripts/test-android-logic.sh; do
    k=$(sed -n 's/^KOTLIN_VERSION=\(.*\)/\1/p' "$script")
    [ "$k" = "$(catalog_version kotlin)" ] || fail "$script compiles with Kotlin $k, the catalog says $(catalog_version kotlin)"
done

# ---- the Android flavour of the bindings -------------------------------------------------
android_gen=$COMPOSE_OUT/uniffi-android
generate_kotlin_bindings "$TARGET" "$android_gen" -c android/uniffi-android.toml
android_kt=$android_gen/app/tally/ffi/tally_ffi.kt
grep -q 'android.system.SystemCleaner' "$android_kt" || fail "android/uniffi-android.toml did not give the Android flavour"
if grep -q 'java.lang.ref.Cleaner.create' "$android_kt"; then
    fail "the Android flavour still creates java.lang.ref.Cleaner (API 33; minSdk is 26)"
fi

# ---- build and test ----------------------------------------------------------------------
say "Maven: compile and run the UI tests"
reports=$COMPOSE_OUT/surefire-reports
rm -rf "$reports"
log=$COMPOSE_OUT/mvn-test.log
set +e
mvn -B -q -f "$POM" $(compose_props) test >"$log" 2>&1
rc=$?
set -e
passed=0
failed=0
found=0
for xml in "$reports"/TEST-*.xml; do
    [ -f "$xml" ] || continue
    head=$(grep -m1 '<testsuite ' "$xml")
    n=$(echo "$head" | sed -n 's/.* tests="\([0-9]*\)".*/\1/p')
    f=$(echo "$head" | sed -n 's/.* failures="\([0-9]*\)".*/\1/p')
    e=$(echo "$head" | sed -n 's/.* errors="\([0-9]*\)".*/\1/p')
    s=$(echo "$head" | sed -n 's/.* skipped="\([0-9]*\)".*/\1/p')
    found=$((found + n))
    failed=$((failed + f + e))
    passed=$((passed + n - f - e - s))
done
if [ "$rc" -ne 0 ] || [ "$failed" -ne 0 ]; then
    # Maven's own words first (a compile error has no report), then each failure.
    grep -E '^\[ERROR\]' "$log" | head -n 60 >&2 || true
fi
# JUnit silently skips a test method that does not return Unit: every @Test must have run.
written=$(grep -rh '^ *@Test' android/desktop/src/test/kotlin | wc -l)
echo "compose-ui: $passed passed, $failed failed"
[ "$found" = "$written" ] || fail "$written tests written but $found run (a test not returning Unit, or a compile error; see $log)"
[ "$rc" -eq 0 ] && [ "$failed" -eq 0 ] || fail "FAILED (full log: $log)"
