#!/usr/bin/env bash
# test-bindings.sh — builds libtally_ffi, generates its Kotlin, Python and Swift bindings,
# and runs every test of them that this machine can run:
#   Kotlin  android/tally/src/test/kotlin on the desktop JVM (kotlinc from npm, JNA and the
#           JUnit 5 console launcher from Debian) — prints "kotlin: N passed, N failed";
#   Python  bindings/python/test_tally.py with pytest in a venv — prints pytest's summary;
#   C       bindings/c/check_header.c against the generated header and the staticlib: the
#           ABI the Swift package uses (no Swift toolchain exists here).
# Installs what is missing (apt, npm pack, venv) on a fresh Debian machine when run as root;
# tools are cached under ${XDG_CACHE_HOME:-~/.cache}/tally-tools, so later runs are quick.
# Generated bindings are build outputs, written under $CARGO_TARGET_DIR/bindings.
#
# Usage: scripts/test-bindings.sh [--bench]
#   --bench  also builds the release library (x86_64 and aarch64, the phone proxy),
#            records its stripped sizes and times one
#            trivial call and listing 10,000 entries from Rust and from Kotlin.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
OUT=$TARGET/bindings
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/tally-tools
KOTLIN_VERSION=2.4.20
PYTEST_VERSION=9.2.0
KOTLIN_HOME=$CACHE/kotlin-compiler-$KOTLIN_VERSION/package
VENV=$CACHE/venv-pytest-$PYTEST_VERSION
JAVA_SHARE=/usr/share/java
BENCH=0
[ "${1:-}" = "--bench" ] && BENCH=1

say() { printf '==> %s\n' "$*"; }

# ---- tools -------------------------------------------------------------------------------
missing=()
[ -f "$JAVA_SHARE/jna.jar" ] || missing+=(libjna-java)
[ -f "$JAVA_SHARE/junit-platform-console-standalone.jar" ] || missing+=(junit5)
command -v javac >/dev/null || missing+=(default-jdk-headless)
command -v gcc >/dev/null || missing+=(gcc libc6-dev)
command -v npm >/dev/null || [ -x "$KOTLIN_HOME/bin/kotlinc" ] || missing+=(npm)
python3 -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)
# --bench also builds the library for a 64-bit ARM phone's CPU, linked by Debian's cross gcc.
if [ "$BENCH" = 1 ] && ! command -v aarch64-linux-gnu-gcc >/dev/null; then
    missing+=(gcc-aarch64-linux-gnu libc6-dev-arm64-cross)
fi
if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    if [ "$(id -u)" -ne 0 ]; then
        echo "test-bindings: need root to apt-get install ${missing[*]}" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x "$KOTLIN_HOME/bin/kotlinc" ]; then
    say "fetching kotlin-compiler $KOTLIN_VERSION from npm"
    mkdir -p "$CACHE"
    tgz=$(cd "$CACHE" && npm pack --silent "kotlin-compiler@$KOTLIN_VERSION" | tail -n1)
    rm -rf "$CACHE/kotlin-compiler-$KOTLIN_VERSION"
    mkdir -p "$CACHE/kotlin-compiler-$KOTLIN_VERSION"
    tar xzf "$CACHE/$tgz" -C "$CACHE/kotlin-compiler-$KOTLIN_VERSION"
    rm -f "$CACHE/$tgz"
    chmod +x "$KOTLIN_HOME"/bin/*
fi

if [ ! -x "$VENV/bin/pytest" ]; then
    say "creating a venv with pytest $PYTEST_VERSION"
    rm -rf "$VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q "pytest==$PYTEST_VERSION"
fi

# ---- build and generate ------------------------------------------------------------------
# Built with -p, one package at a time, so the bindgen's `cli` feature never leaks into
# the library.
say "building tally-ffi"
cargo build -q -p tally-ffi
cargo build -q -p uniffi-bindgen
LIB=$TARGET/debug/libtally_ffi.so
rm -rf "$OUT/kotlin" "$OUT/python" "$OUT/swift"
for lang in kotlin python swift; do
    "$TARGET/debug/uniffi-bindgen" generate "$LIB" --language "$lang" --out-dir "$OUT/$lang" --no-format >/dev/null
done
# The Python loader looks for the library beside the module.
cp "$LIB" "$OUT/python/"

failed=()

# ---- Kotlin ------------------------------------------------------------------------------
KLIB=$KOTLIN_HOME/lib
KOTLIN_SOURCES=("$OUT/kotlin" android/tally/src/main/kotlin android/tally/src/test/kotlin)
COMPILE_CP=$JAVA_SHARE/jna.jar:$KLIB/kotlinx-coroutines-core-jvm.jar:$KLIB/kotlin-test.jar:$KLIB/kotlin-test-junit5.jar:$JAVA_SHARE/junit-jupiter-api.jar:$JAVA_SHARE/apiguardian-api.jar:$JAVA_SHARE/junit-platform-commons.jar
RUN_CP=$JAVA_SHARE/jna.jar:$KLIB/kotlin-stdlib.jar:$KLIB/kotlinx-coroutines-core-jvm.jar:$KLIB/kotlin-test.jar:$KLIB/kotlin-test-junit5.jar
CLASSES=$OUT/kotlin-classes
# kotlinc takes minutes on a small machine: recompile only when a source changed.
stamp=$( (echo "$KOTLIN_VERSION"; find "${KOTLIN_SOURCES[@]}" -name '*.kt' -type f | sort | xargs sha256sum) | sha256sum | cut -c1-64)
if [ "$(cat "$CLASSES/.stamp" 2>/dev/null)" != "$stamp" ]; then
    say "compiling Kotlin"
    rm -rf "$CLASSES"
    if "$KOTLIN_HOME/bin/kotlinc" -nowarn -cp "$COMPILE_CP" -d "$CLASSES" "${KOTLIN_SOURCES[@]}"; then
        echo "$stamp" >"$CLASSES/.stamp"
    else
        failed+=(kotlin-compile)
    fi
fi
if [ -f "$CLASSES/.stamp" ]; then
    say "running Kotlin tests"
    set +e
    klog=$(java -Djna.library.path="$TARGET/debug" -jar "$JAVA_SHARE/junit-platform-console-standalone.jar" \
        -cp "$CLASSES:$RUN_CP" --select-package app.tally --disable-banner --disable-ansi-colors \
        --details=tree --fail-if-no-tests 2>&1)
    krc=$?
    set -e
    echo "$klog"
    kpassed=$(echo "$klog" | sed -n 's/^\[ *\([0-9]*\) tests successful *\]$/\1/p')
    kfailed=$(echo "$klog" | sed -n 's/^\[ *\([0-9]*\) tests failed *\]$/\1/p')
    kfound=$(echo "$klog" | sed -n 's/^\[ *\([0-9]*\) tests found *\]$/\1/p')
    # JUnit silently skips a test method that does not return Unit (an easy slip with
    # `= runBlocking { … }`): every @Test written must have been found.
    kwritten=$(grep -rh '^ *@Test' android/tally/src/test/kotlin | wc -l)
    echo "kotlin: ${kpassed:-0} passed, ${kfailed:-0} failed"
    if [ "${kfound:-0}" != "$kwritten" ]; then
        echo "kotlin: $kwritten tests written but ${kfound:-0} found (a test not returning Unit?)" >&2
        failed+=(kotlin-discovery)
    fi
    [ "$krc" -eq 0 ] && [ "${kfailed:-1}" = 0 ] || failed+=(kotlin)
fi

# ---- Python ------------------------------------------------------------------------------
say "running Python tests"
if ! PYTHONPATH="$OUT/python" "$VENV/bin/python" -m pytest -q -p no:cacheprovider bindings/python; then
    failed+=(python)
fi

# ---- C (the ABI Swift uses) --------------------------------------------------------------
say "checking the C header against the staticlib"
contract=$(sed -n 's/.*let bindings_contract_version = \([0-9]*\).*/\1/p' "$OUT/swift/tally_ffi.swift")
checksum=$(sed -n 's/.*uniffi_tally_ffi_checksum_func_core_version() != \([0-9]*\).*/\1/p' "$OUT/swift/tally_ffi.swift")
if gcc -std=c11 -Wall -Wextra -Werror -I"$OUT/swift" \
    -DEXPECTED_CONTRACT_VERSION="$contract" -DEXPECTED_CHECKSUM_CORE_VERSION="$checksum" \
    bindings/c/check_header.c "$TARGET/debug/libtally_ffi.a" -lpthread -ldl -lm -o "$OUT/check_header" &&
    "$OUT/check_header"; then
    :
else
    failed+=(c)
fi

# ---- benchmarks (optional) ---------------------------------------------------------------
if [ "$BENCH" = 1 ]; then
    say "benchmarks (release)"
    cargo build -q --release -p tally-ffi --lib --example bench
    strip --strip-debug -o "$OUT/libtally_ffi.stripped.so" "$TARGET/release/libtally_ffi.so"
    size_line() { # label file
        local size
        size=$(stat -c %s "$2")
        echo "bench: $1: $size bytes ($(awk "BEGIN{printf \"%.2f\", $size/1048576}") MiB)"
    }
    size_line "release libtally_ffi.so x86_64, debuginfo stripped" "$OUT/libtally_ffi.stripped.so"
    # Fully stripped, as an app ships it (the uniffi metadata is read from the unstripped
    # library when bindings are generated, never at run time).
    strip -o "$OUT/libtally_ffi.shipped.so" "$TARGET/release/libtally_ffi.so"
    size_line "release libtally_ffi.so x86_64, stripped" "$OUT/libtally_ffi.shipped.so"
    # The phone proxy: the same library for aarch64.
    rustup target add aarch64-unknown-linux-gnu >/dev/null 2>&1 || true
    CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc \
        cargo build -q --release -p tally-ffi --lib --target aarch64-unknown-linux-gnu
    arm=$TARGET/aarch64-unknown-linux-gnu/release/libtally_ffi.so
    aarch64-linux-gnu-strip --strip-debug -o "$OUT/libtally_ffi.aarch64.stripped.so" "$arm"
    size_line "release libtally_ffi.so aarch64, debuginfo stripped" "$OUT/libtally_ffi.aarch64.stripped.so"
    aarch64-linux-gnu-strip -o "$OUT/libtally_ffi.aarch64.shipped.so" "$arm"
    size_line "release libtally_ffi.so aarch64, stripped" "$OUT/libtally_ffi.aarch64.shipped.so"
    diary=$OUT/bench.diary
    "$TARGET/release/examples/bench" "$diary"
    java -Djna.library.path="$TARGET/release" -cp "$CLASSES:$RUN_CP" app.tally.BenchKt "$diary" || failed+=(bench)
fi

if [ ${#failed[@]} -gt 0 ]; then
    echo "test-bindings: FAILED: ${failed[*]}" >&2
    exit 1
fi
echo "test-bindings: all passed"
