//! tally-ffi: the Tally core as one uniffi library for Kotlin, Swift and Python.
//!
//! This crate only converts. Everything a diary does is in `tally-core`; here are the
//! exported [`Diary`] object (a thread-safe shell over the core's diary), plain records and
//! enums mirroring the model ([`records`]), the one public error [`TallyApiError`] mapped
//! from the core's in one place, a foreign [`ProgressListener`] for long work, and free
//! functions that need no diary ([`verify_pack`]).
//!
//! No panic crosses the FFI: inputs are validated into typed errors, and uniffi's
//! scaffolding catches any panic and raises it in the foreign language as an internal
//! error (which is why the release profile must keep `panic = "unwind"`).
//!
//! The crate's own code has no `unsafe`; the `extern "C"` scaffolding uniffi generates does,
//! which is why this crate denies rather than forbids it.

mod diary;
mod error;
mod imports;
mod pack;
mod progress;
pub mod records;
mod summary;

pub use diary::{CheckReport, CreateOptions, Diary};
pub use error::TallyApiError;
pub use imports::{
    ChatCount, ImportKind, ImportPreview, ImportSummary, SenderCount, detect_import, preview_import,
};
pub use pack::{ExportOptions, ExportSummary, PackVerdict, core_version, verify_pack};
pub use progress::ProgressListener;
pub use summary::{CategoryCount, OrderBreach, PoliceContactFact, SummaryReport, WeekCount};

uniffi::setup_scaffolding!();
