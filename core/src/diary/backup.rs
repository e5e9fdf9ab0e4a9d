//! Backup: the whole diary as one encrypted file, a consistent snapshot taken while the
//! diary stays in use.
//!
//! The copy is the diary file itself, page for page, as it stood at one committed moment
//! (see `store::snapshot`): the same passphrase opens it, the same signing key signs it,
//! and its log is the same log, so a restore continues it and every checkpoint given out
//! before stays extendable. It holds only ciphertext, like the diary. Once written, the
//! copy is opened read-only with the same keys and its latest head checked against its
//! leaves; the summary carries that head as a checkpoint, so the owner can note what the
//! backup holds.
//!
//! A backup made under the duress passphrase copies the whole file too (it cannot leave
//! the real diary out without revealing it is there) and reports the decoy's checkpoint.

use std::path::{Path, PathBuf};

use super::Diary;
use crate::crypto::keys::DiaryKeys;
use crate::error::{Error, Result};
use crate::progress::Progress;
use crate::store::Store;

/// What a backup wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupSummary {
    /// The backup file.
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
    /// Entries it holds.
    pub entries: u64,
    /// The signed checkpoint of the state it holds (`None` for an empty diary).
    pub checkpoint: Option<String>,
}

impl Diary {
    /// Writes a backup to `out` (which must not exist). `progress` hears pages copied of
    /// pages in total and can cancel; cancelled or failed, nothing is left at `out`.
    pub fn backup(&self, out: &Path, progress: &dyn Progress) -> Result<BackupSummary> {
        let bytes = self.store.snapshot_to(out, progress)?;
        match self.verify_copy(out) {
            Ok((entries, checkpoint)) => Ok(BackupSummary {
                path: out.to_owned(),
                bytes,
                entries,
                checkpoint,
            }),
            Err(e) => {
                // A copy that does not read back is not a backup.
                let _ = std::fs::remove_file(out);
                Err(e)
            }
        }
    }

    /// Opens a copy of this diary read-only with this diary's keys and checks its latest
    /// head; returns its size and checkpoint.
    fn verify_copy(&self, path: &Path) -> Result<(u64, Option<String>)> {
        let mut store = Store::open_read_only(path)?;
        store.set_space(self.store.space());
        let keys = DiaryKeys::open(
            self.keys.data_key(),
            &self.header.diary_id,
            &self.slot.sealed_signing_seed,
        )?;
        let copy = Diary::over_store(store, self.header.clone(), self.slot.clone(), keys)?;
        if let Some(damage) = copy.damage() {
            return Err(Error::Corrupt(format!(
                "the backup written to {} does not read back: {damage}",
                path.display()
            )));
        }
        let checkpoint = copy.tree_head()?.map(|head| head.to_checkpoint());
        Ok((copy.len(), checkpoint))
    }
}
