//! `tally passwd`: change the passphrase (the data key is re-wrapped; entries untouched).

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

pub fn run(path: &Path) -> Result<ExitCode> {
    let old = crate::passphrase::current()?;
    let mut diary = tally_core::diary::Diary::unlock(path, &old)?;
    let new = crate::passphrase::new("TALLY_NEW_PASSPHRASE")?;
    diary.change_passphrase(&old, &new)?;
    say!("Passphrase changed.");
    Ok(ExitCode::SUCCESS)
}
