#!/usr/bin/env bash
# build-xcframework.sh — builds the Rust library the iOS app links, on a Mac with Xcode:
#
#   ios/build/TallyFFI.xcframework        static libraries for the device (arm64) and the
#                                          simulator (arm64 + x86_64 in one lipo'd archive),
#                                          with the generated C header and module map;
#   ios/Sources/Tally/Generated/tally_ffi.swift   the generated Swift the package wraps.
#
# Both are build outputs and never committed (ios/.gitignore). The Swift is generated in
# uniffi's library mode from the device dylib as cargo left it — unstripped, because the
# bindgen reads the interface from the library's UNIFFI_META symbols — and only then are
# the static archives stripped of their debug information.
#
# Needs: Xcode (xcodebuild, lipo, strip), rustup with the three targets below
# (`rustup target add aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios`).
# The bindgen is the workspace's own `uniffi-bindgen`, pinned to the library's uniffi.
#
# Usage: ios/build-xcframework.sh
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
OUT=$ROOT/ios/build
GENERATED=$ROOT/ios/Sources/Tally/Generated
DEVICE=aarch64-apple-ios
SIMULATORS=(aarch64-apple-ios-sim x86_64-apple-ios)
# The C code inside the library (SQLite, ring) is compiled for the app's minimum iOS, so
# the linker does not warn that objects were built for a newer one (project.yml agrees).
export IPHONEOS_DEPLOYMENT_TARGET=${IPHONEOS_DEPLOYMENT_TARGET:-16.0}

say() { printf '==> %s\n' "$*"; }
fail() {
    echo "build-xcframework: $*" >&2
    exit 1
}

# ---- tools -------------------------------------------------------------------------------
[ "$(uname -s)" = Darwin ] || fail "this runs on macOS with Xcode (xcodebuild, lipo, strip)"
for tool in cargo rustup xcodebuild lipo strip; do
    command -v "$tool" >/dev/null || fail "missing $tool"
done
installed=$(rustup target list --installed)
for t in "$DEVICE" "${SIMULATORS[@]}"; do
    grep -qx "$t" <<<"$installed" || fail "missing Rust target $t: rustup target add $t"
done

# ---- build -------------------------------------------------------------------------------
# One package at a time, so the bindgen's `cli` feature never leaks into the library.
for t in "$DEVICE" "${SIMULATORS[@]}"; do
    say "building tally-ffi for $t"
    cargo build -q -p tally-ffi --release --target "$t"
done
say "building uniffi-bindgen for this Mac"
cargo build -q -p uniffi-bindgen

rm -rf "$OUT"
mkdir -p "$OUT/swift" "$OUT/headers" "$OUT/device" "$OUT/simulator" "$GENERATED"

# ---- generate (library mode, from the unstripped library) --------------------------------
say "generating the Swift bindings"
"$TARGET/debug/uniffi-bindgen" generate "$TARGET/$DEVICE/release/libtally_ffi.dylib" \
    --language swift --out-dir "$OUT/swift"
cp "$OUT/swift/tally_ffi.swift" "$GENERATED/"
cp "$OUT/swift/tally_ffiFFI.h" "$OUT/headers/"
# An xcframework's headers folder must hold its module map under this exact name.
cp "$OUT/swift/tally_ffiFFI.modulemap" "$OUT/headers/module.modulemap"

# ---- package -----------------------------------------------------------------------------
say "combining the simulator slices"
sims=()
for t in "${SIMULATORS[@]}"; do sims+=("$TARGET/$t/release/libtally_ffi.a"); done
lipo -create "${sims[@]}" -output "$OUT/simulator/libtally_ffi.a"
cp "$TARGET/$DEVICE/release/libtally_ffi.a" "$OUT/device/libtally_ffi.a"

say "stripping debug information"
for a in "$OUT/device/libtally_ffi.a" "$OUT/simulator/libtally_ffi.a"; do
    # -S: debug symbols only. The archives' global symbols are what the app links against.
    strip -S "$a"
done
lipo -info "$OUT/simulator/libtally_ffi.a"

say "creating TallyFFI.xcframework"
xcodebuild -create-xcframework \
    -library "$OUT/device/libtally_ffi.a" -headers "$OUT/headers" \
    -library "$OUT/simulator/libtally_ffi.a" -headers "$OUT/headers" \
    -output "$OUT/TallyFFI.xcframework" >/dev/null

du -sh "$OUT/device/libtally_ffi.a" "$OUT/simulator/libtally_ffi.a"
say "done: $OUT/TallyFFI.xcframework and $GENERATED/tally_ffi.swift"
