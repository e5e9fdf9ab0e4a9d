//! tally-ffi: the Tally core as one uniffi library for Kotlin, Swift and Python.
//!
//! This crate only converts. Everything a diary does is in `tally-core`; here are the
//! exported [`Diary`] object (a thread-safe shell over the core's diary), the core's own
//! model and view types declared as uniffi remote types ([`model`], `view_types`), the
//! views as calls (`screens`), the one public error [`TallyApiError`] mapped
//! from the core's in one place, a foreign [`ProgressListener`] for long work, and free
//! functions that need no diary ([`verify_pack`], and [`ping`], a call that does nothing, for
//! measuring the bindings).
//!
//! No panic crosses the FFI: inputs are validated into typed errors, and uniffi's
//! scaffolding catches any panic and raises it in the foreign language as an internal
//! error (which is why the release profile must keep `panic = "unwind"`).
//!
//! The crate's own code has no `unsafe`; the `extern "C"` scaffolding uniffi generates does,
//! which is why this crate denies rather than forbids it.

mod backup;
mod device_head;
mod diary;
mod duress;
mod error;
mod imports;
pub mod model;
mod now;
mod pack;
mod probe;
mod progress;
mod screens;
mod view_types;

pub use backup::{BackupSummary, RestoreSummary, restore_backup};
pub use device_head::{DeviceHead, Rollback, diary_file_id};
pub use diary::{CheckReport, CreateOptions, Diary};
pub use error::TallyApiError;
pub use imports::ImportSummary;
pub use pack::{
    ExportOptions, ExportSummary, KeyConfirmation, PackVerdict, core_version, verify_pack,
};
pub use probe::{ping, ping_async};
pub use progress::ProgressListener;
pub use screens::LocaleInfo;

uniffi::setup_scaffolding!();
