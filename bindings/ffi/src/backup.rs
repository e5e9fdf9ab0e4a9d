//! Backup and restore through the bindings, with progress and cancellation, so an app can
//! hand a backup to the share sheet or a chosen folder, and restore one on a new phone.
//! Converting only; the work is the core's (`tally_core::diary::{backup, restore}`).

use std::path::Path;
use std::sync::Arc;

use tally_core::diary as core;

use crate::device_head::DeviceHead;
use crate::diary::Diary;
use crate::error::TallyApiError;
use crate::progress::{Listener, ProgressListener};

/// What a backup wrote.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BackupSummary {
    /// The backup file.
    pub path: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// Entries it holds.
    pub entries: u64,
    /// The signed checkpoint of the state it holds (`None` for an empty diary).
    pub checkpoint: Option<String>,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RestoreSummary {
    /// Where the diary was restored (the path asked for, or a new one beside it).
    pub path: String,
    /// Whether a diary at that path was replaced (it lost nothing).
    pub replaced: bool,
    /// Entries the restored diary holds.
    pub entries: u64,
    /// Its signing key's fingerprint, the same as before the loss.
    pub fingerprint: String,
    /// The head to store for the diary from now on.
    pub device_head: Option<DeviceHead>,
    /// A later head this device had seen that the backup does not reach, kept because
    /// `keep_both` was asked: store it apart, as the trace of what was lost.
    pub superseded: Option<DeviceHead>,
}

#[uniffi::export]
impl Diary {
    /// Writes a backup of the whole diary to `out_path` (which must not exist): one
    /// encrypted file, a consistent snapshot, opened by the same passphrase. `listener`
    /// hears pages copied and can cancel; cancelled or failed, nothing is left.
    pub fn backup(
        &self,
        out_path: String,
        listener: Option<Arc<dyn ProgressListener>>,
    ) -> Result<BackupSummary, TallyApiError> {
        let listener = Listener(listener);
        self.with(|d| {
            let s = d.backup(Path::new(&out_path), &listener)?;
            Ok(BackupSummary {
                path: s.path.display().to_string(),
                bytes: s.bytes,
                entries: s.entries,
                checkpoint: s.checkpoint,
            })
        })
    }
}

/// Restores the backup at `backup_path` to `target_path` with its passphrase, after
/// checking every entry, head and attachment; it continues the same log under the same
/// key. Refuses with `WouldLoseEntries` (saying how many) when a diary at the target, or
/// the head this device remembers (`seen`), holds later entries — unless `keep_both`,
/// which restores beside it and replaces nothing.
#[uniffi::export]
pub fn restore_backup(
    backup_path: String,
    target_path: String,
    passphrase: String,
    keep_both: bool,
    seen: Option<DeviceHead>,
    listener: Option<Arc<dyn ProgressListener>>,
) -> Result<RestoreSummary, TallyApiError> {
    let options = core::RestoreOptions {
        keep_both,
        seen: seen.map(Into::into),
    };
    let s = core::restore::restore(
        Path::new(&backup_path),
        Path::new(&target_path),
        &passphrase,
        &options,
        &Listener(listener),
    )?;
    Ok(RestoreSummary {
        path: s.path.display().to_string(),
        replaced: s.replaced,
        entries: s.entries,
        fingerprint: s.fingerprint,
        device_head: s.device_head.map(Into::into),
        superseded: s.superseded.map(Into::into),
    })
}
