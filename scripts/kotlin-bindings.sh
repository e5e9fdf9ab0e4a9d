# kotlin-bindings.sh — sourced by the scripts that compile the generated Kotlin bindings.
# generate_kotlin_bindings TARGET_DIR OUT_DIR [bindgen options…] writes the Kotlin for
# TARGET_DIR/debug/libtally_ffi.so into OUT_DIR, replacing OUT_DIR only when the code
# changed, so that incremental compiles and compile stamps keyed on it hold.
generate_kotlin_bindings() {
    local target=$1 out=$2
    shift 2
    mkdir -p "$(dirname "$out")"
    rm -rf "$out.tmp"
    "$target/debug/uniffi-bindgen" generate "$target/debug/libtally_ffi.so" --language kotlin "$@" \
        --out-dir "$out.tmp" --no-format >/dev/null
    if ! diff -rq "$out.tmp" "$out" >/dev/null 2>&1; then
        rm -rf "$out"
        mv "$out.tmp" "$out"
    else
        rm -rf "$out.tmp"
    fi
}
