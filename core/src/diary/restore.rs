//! Restore: a backup made into the diary again — on a new phone, or over a diary that
//! lost something — after everything in it has been checked, and never at the cost of
//! entries the owner had.
//!
//! In order, and nothing is written until the last step:
//! 1. the backup is opened read-only with the passphrase (not a byte of it changes) and
//!    checked in full: every entry, head and attachment of the space the passphrase opens;
//!    a backup that fails is refused, naming its first problem;
//! 2. the head this device remembers for the diary, if any, is compared: a backup older
//!    than what the device saw would lose entries;
//! 3. a diary already at the destination is compared, space by space, by its leaf
//!    hashes (no key is needed): if it holds entries the backup does not, restoring over
//!    it would lose them;
//! 4. losing entries is refused, saying how many, unless the owner asks to keep both:
//!    then the backup is restored beside the existing diary, which is left as it was;
//! 5. the copy is written — onto a new path as a new file renamed into place, or over a
//!    diary that loses nothing, in one SQLite transaction — and its head returned, to be
//!    remembered by the device from now on.
//!
//! The restored file is the backup page for page: same passphrase, same signing key, same
//! log, so the fingerprint an officer was given stays true and a later pack extends every
//! checkpoint taken before the loss. Restored with the duress passphrase, the decoy is
//! what is checked; the device's remembered head is neither compared nor replaced.

use std::path::{Path, PathBuf};

use super::{DeviceHead, Diary};
use crate::crypto::slots::{self, SLOT_COUNT};
use crate::error::{Error, Result};
use crate::progress::Progress;
use crate::store::Store;

/// How to restore.
#[derive(Debug, Clone, Default)]
pub struct RestoreOptions {
    /// Restore beside an existing diary (or despite a later head this device saw) rather
    /// than refuse: nothing is replaced, and the summary says where the backup went.
    pub keep_both: bool,
    /// The head this device remembers for the diary (the CLI's state, the phone's).
    pub seen: Option<DeviceHead>,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreSummary {
    /// Where the diary was restored (the destination, or a new path beside it).
    pub path: PathBuf,
    /// Whether a diary at the destination was replaced (it lost nothing).
    pub replaced: bool,
    /// Entries the restored diary holds.
    pub entries: u64,
    /// Its signing key's fingerprint (the same as before the loss).
    pub fingerprint: String,
    /// The head the device should remember from now on.
    pub device_head: Option<DeviceHead>,
    /// A later state this device had seen and the backup does not reach, kept because the
    /// owner asked to keep both: the caller keeps this record apart, as the trace of what
    /// was lost.
    pub superseded: Option<DeviceHead>,
}

/// What restoring over an existing diary would lose.
struct Loss {
    own: u64,
    other: bool,
}

/// Restores the backup at `backup` to `target` with `passphrase` (see the module notes).
pub fn restore(
    backup: &Path,
    target: &Path,
    passphrase: &str,
    options: &RestoreOptions,
    progress: &dyn Progress,
) -> Result<RestoreSummary> {
    let mut source = Diary::open_read_only(backup, passphrase)?;
    let report = source.check()?;
    if let Some(first) = report.problems.first() {
        return Err(Error::BackupDamaged {
            problems: report.problems.len(),
            first: first.to_string(),
        });
    }
    let own_space = source.store.space() == slots::OWN;
    let mut superseded = None;
    if own_space {
        source.remember(options.seen.clone())?;
        if let Some(rollback) = source.rollback().cloned() {
            if !options.keep_both {
                return Err(Error::WouldLoseEntries {
                    lost: rollback.missing(),
                    why: format!("this device saw later entries: {rollback}"),
                });
            }
            superseded = options.seen.clone();
            source.remember(None)?;
        }
    }

    let mut destination = target.to_owned();
    let mut replace = false;
    if target.exists() {
        match loss_over(&source, target)? {
            Some(loss) if loss.own == 0 && !loss.other => replace = true,
            Some(loss) if !options.keep_both => {
                let why = if loss.own > 0 {
                    format!(
                        "the diary at {} holds {} entries the backup does not",
                        target.display(),
                        loss.own
                    )
                } else {
                    format!(
                        "the diary at {} holds rows the backup does not",
                        target.display()
                    )
                };
                return Err(Error::WouldLoseEntries {
                    lost: loss.own,
                    why,
                });
            }
            None if !options.keep_both => {
                return Err(Error::Store(crate::store::StoreError::AlreadyExists(
                    target.display().to_string(),
                )));
            }
            _ => destination = beside(target),
        }
    }

    if replace {
        let mut store = Store::open(target)?;
        store.replace_with(&source.store, progress)?;
    } else {
        Store::copy_to_new(&source.store, &destination, progress)?;
    }
    // The restored diary, opened as it will be used: its log checked once more.
    let mut restored = Diary::unlock(&destination, passphrase)?;
    if let Some(damage) = restored.damage() {
        return Err(Error::Corrupt(format!(
            "the restored diary at {} does not read back: {damage}",
            destination.display()
        )));
    }
    if own_space {
        restored.remember(None)?;
    } else {
        restored.remember(options.seen.clone())?;
    }
    Ok(RestoreSummary {
        path: destination,
        replaced: replace,
        entries: restored.len(),
        fingerprint: restored.fingerprint(),
        device_head: restored.device_head(),
        superseded,
    })
}

/// What restoring `source` over the diary at `target` would lose, compared by leaf
/// hashes (no key needed); `None` when `target` is another diary, or not a diary.
fn loss_over(source: &Diary, target: &Path) -> Result<Option<Loss>> {
    let Ok(existing) = Store::open_read_only(target) else {
        return Ok(None);
    };
    if existing.header()?.diary_id != source.header.diary_id {
        return Ok(None);
    }
    let mut loss = Loss {
        own: 0,
        other: false,
    };
    for space in 0..SLOT_COUNT {
        let theirs = existing.leaves_of(space)?;
        let ours = source.store.leaves_of(space)?;
        let common = theirs.iter().zip(&ours).take_while(|(a, b)| a == b).count();
        let lost = (theirs.len() - common) as u64;
        if space == source.store.space() {
            loss.own = lost;
        } else if lost > 0 {
            loss.other = true;
        }
    }
    Ok(Some(loss))
}

/// A path beside `target` that does not exist yet: `name-restored.ext`, then
/// `name-restored-2.ext`, and so on.
fn beside(target: &Path) -> PathBuf {
    let stem = target
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "diary".into());
    let ext = target
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    (1u32..)
        .map(|n| {
            let suffix = if n == 1 {
                String::new()
            } else {
                format!("-{n}")
            };
            target.with_file_name(format!("{stem}-restored{suffix}{ext}"))
        })
        .find(|p| !p.exists())
        .unwrap_or_else(|| target.with_file_name(format!("{stem}-restored{ext}")))
}
