//! One module per command; shared helpers for opening the diary.

pub mod add;
pub mod amend;
pub mod check;
pub mod checkpoint;
pub mod demo;
pub mod erase;
pub mod export;
pub mod import;
pub mod init;
pub mod list;
pub mod passwd;
pub mod show;
pub mod summary;
pub mod verify;

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use tally_core::diary::Diary;

/// The diary path from `--diary` or `TALLY_DIARY`.
pub fn diary_path(given: Option<&Path>) -> Result<PathBuf> {
    match given {
        Some(p) => Ok(p.to_owned()),
        None => bail!("which diary? give --diary PATH or set TALLY_DIARY"),
    }
}

/// Unlocks the diary with the passphrase from the environment or the terminal.
pub fn open(path: &Path) -> Result<Diary> {
    let passphrase = crate::passphrase::current()?;
    Ok(Diary::unlock(path, &passphrase)?)
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
