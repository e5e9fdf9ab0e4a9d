#!/usr/bin/env bash
# Builds ios/build/TallyFFI.xcframework and Sources/Tally/Generated/tally_ffi.swift on a Mac
# (Xcode and rustup targets aarch64-apple-ios, aarch64-apple-ios-sim, aarch64-apple-darwin).
# Both are build outputs and are not committed.
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET=${CARGO_TARGET_DIR:-target}
targets=(aarch64-apple-ios aarch64-apple-ios-sim aarch64-apple-darwin)
for t in "${targets[@]}"; do cargo build -p tally-ffi --release --target "$t"; done
cargo build -p tally-ffi
cargo run -q -p uniffi-bindgen -- generate "$TARGET/debug/libtally_ffi.dylib" --language swift --out-dir "$TARGET/bindings/swift"
mkdir -p ios/Sources/Tally/Generated ios/build/headers
cp "$TARGET/bindings/swift/tally_ffi.swift" ios/Sources/Tally/Generated/
cp "$TARGET/bindings/swift/tally_ffiFFI.h" ios/build/headers/
cp "$TARGET/bindings/swift/tally_ffiFFI.modulemap" ios/build/headers/module.modulemap
rm -rf ios/build/TallyFFI.xcframework
args=()
for t in "${targets[@]}"; do args+=(-library "$TARGET/$t/release/libtally_ffi.a" -headers ios/build/headers); done
xcodebuild -create-xcframework "${args[@]}" -output ios/build/TallyFFI.xcframework
