//! `tally backup --out FILE`: the whole diary as one encrypted file, a consistent snapshot
//! taken while the diary stays in use, opened by the same passphrase. Prints where it went
//! and the checkpoint it holds.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;

use crate::steps::Steps;

/// Arguments of `tally backup`.
#[derive(clap::Args, Debug)]
pub struct BackupArgs {
    /// The backup file to write (it must not exist).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

pub fn run(path: &Path, args: BackupArgs) -> Result<ExitCode> {
    let diary = super::open(path)?;
    let summary = {
        let bar = Steps::new("Backing up");
        diary.backup(&args.out, &bar)?
    };
    say!(
        "Backup written to {} ({} entries, {} bytes).",
        summary.path.display(),
        summary.entries,
        summary.bytes
    );
    say!("It opens with the diary's passphrase and continues the same log when restored.");
    if let Some(checkpoint) = summary.checkpoint {
        say!("It holds this checkpoint:");
        say!("{}", checkpoint.trim_end());
    }
    Ok(ExitCode::SUCCESS)
}
