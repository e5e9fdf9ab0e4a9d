//! Link settings for the shared library the phones load.
//!
//! Relocations are most of what a position-independent library carries beyond its code:
//! every pointer in a table (vtables, string slices in statics) needs one, 24 bytes each in
//! plain RELA form. Packed, the same relocations take a few bytes each. Which packing a
//! loader understands depends on the platform:
//! - Android: the Android-specific packed form (APS2), which its loader has read since
//!   API 23, below the app's minimum of 26. (DT_RELR would need API 30.)
//! - Linux with glibc 2.36 or later: DT_RELR (`-z pack-relative-relocs`), used here for the
//!   desktop JVM, Python and the size measurement.
//! - Apple platforms link with chained fixups already, so nothing is added.
//!
//! Only the cdylib is affected; the static library and Rust test binaries link as before.

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    match (os.as_str(), env.as_str()) {
        ("android", _) => println!("cargo:rustc-cdylib-link-arg=-Wl,--pack-dyn-relocs=android"),
        ("linux", "gnu") => println!("cargo:rustc-cdylib-link-arg=-Wl,-z,pack-relative-relocs"),
        _ => {}
    }
    println!("cargo:rerun-if-changed=build.rs");
}
