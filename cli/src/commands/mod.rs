//! One module per command; shared helpers for opening the diary.

pub mod add;
pub mod amend;
pub mod backup;
pub mod check;
pub mod checkpoint;
pub mod demo;
pub mod duress;
pub mod erase;
pub mod export;
pub mod import;
pub mod init;
pub mod list;
pub mod passwd;
pub mod restore;
pub mod show;
pub mod summary;
pub mod verify;

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use tally_core::diary::{DeviceHead, Diary};
use tally_core::locale::Words;
use tally_core::view::UnlockGate;

use crate::device_state;

/// The diary path from `--diary` or `TALLY_DIARY`.
pub fn diary_path(given: Option<&Path>) -> Result<PathBuf> {
    match given {
        Some(p) => Ok(p.to_owned()),
        None => bail!("which diary? give --diary PATH or set TALLY_DIARY"),
    }
}

/// Unlocks the diary with the passphrase from the environment or the terminal, holding
/// it to this device's records: wrong passphrases slow down, and a diary older than the
/// one this device last saw opens read-only (with a warning). The head is remembered
/// when the command ends.
pub fn open(path: &Path) -> Result<Opened> {
    let passphrase = crate::passphrase::current()?;
    let (diary, seen) = unlock(path, &passphrase)?;
    Ok(Opened { diary, seen })
}

/// Runs `prove`, which tries a passphrase on diary `id`, under this device's record of
/// attempts: while the delay earned by wrong passphrases runs it is not tried at all; a
/// wrong one is counted; any success (the duress passphrase too) clears the count.
pub fn attempt<T>(id: &str, prove: impl FnOnce() -> tally_core::Result<T>) -> Result<T> {
    let state = device_state::lock_state(id)?;
    let now = std::time::SystemTime::now();
    if let UnlockGate::Wait { text, .. } = state.gate(now, Words::en_gb()) {
        bail!("{text} (nothing was tried and nothing changed)");
    }
    match prove() {
        Err(tally_core::Error::WrongPassphrase) => {
            device_state::save_lock_state(id, &state.failed(now))?;
            Err(tally_core::Error::WrongPassphrase.into())
        }
        Err(other) => Err(other.into()),
        Ok(value) => {
            if state.failed_attempts > 0 {
                device_state::save_lock_state(id, &state.unlocked(now))?;
            }
            Ok(value)
        }
    }
}

/// Unlocks with `passphrase` (under this device's record of attempts), then tells the
/// diary the head this device remembers. Returns the diary and that head.
pub fn unlock(path: &Path, passphrase: &str) -> Result<(Diary, Option<DeviceHead>)> {
    let id = Diary::file_id(path)?;
    let mut diary = attempt(&id, || Diary::unlock(path, passphrase))?;
    let seen = device_state::head(&id)?;
    diary.remember(seen.clone())?;
    if let Some(rollback) = diary.rollback() {
        eprintln!("tally: warning: {rollback}; the diary is opened read-only");
    }
    Ok((diary, seen))
}

/// Saves the head the device should keep from now on, when it changed.
pub fn remember(diary: &Diary, seen: Option<&DeviceHead>) -> Result<()> {
    match diary.device_head() {
        Some(head) if Some(&head) != seen => device_state::save_head(&head),
        _ => Ok(()),
    }
}

/// An unlocked diary; when the command ends, the head it reached is remembered.
pub struct Opened {
    diary: Diary,
    seen: Option<DeviceHead>,
}

impl std::ops::Deref for Opened {
    type Target = Diary;
    fn deref(&self) -> &Diary {
        &self.diary
    }
}

impl std::ops::DerefMut for Opened {
    fn deref_mut(&mut self) -> &mut Diary {
        &mut self.diary
    }
}

impl Drop for Opened {
    fn drop(&mut self) {
        if let Err(e) = remember(&self.diary, self.seen.as_ref()) {
            eprintln!("tally: warning: this device could not remember the diary's head: {e:#}");
        }
    }
}

/// Parses "3,5,8" or "3 5 8" into entry numbers.
pub fn entry_numbers(list: &[String]) -> Result<Vec<u64>> {
    let mut out = Vec::new();
    for part in list.iter().flat_map(|s| s.split([',', ' '])) {
        let part = part.trim().trim_start_matches('#');
        if part.is_empty() {
            continue;
        }
        match part.parse::<u64>() {
            Ok(n) => out.push(n),
            Err(_) => bail!("{part:?} is not an entry number"),
        }
    }
    Ok(out)
}
