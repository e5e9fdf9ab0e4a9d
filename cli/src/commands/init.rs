//! `tally init`: create a new diary.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use tally_core::diary::{CreateOptions, Diary};

pub fn run(path: &Path) -> Result<ExitCode> {
    let passphrase = crate::passphrase::new("TALLY_PASSPHRASE")?;
    let diary = Diary::create(path, &passphrase, CreateOptions::default())?;
    say!("Created {}", path.display());
    say!("Key fingerprint: {}", diary.fingerprint());
    Ok(ExitCode::SUCCESS)
}
