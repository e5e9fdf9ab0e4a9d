//! The uniffi bindgen at exactly the workspace's uniffi version, so the generated Kotlin,
//! Swift and Python always match the scaffolding compiled into `libtally_ffi`.
//!
//! Use library mode on the unstripped cdylib:
//! `cargo run -p uniffi-bindgen -- generate target/debug/libtally_ffi.so --language kotlin --out-dir OUT`.

fn main() {
    uniffi::uniffi_bindgen_main()
}
