//! `tally erase N`: remove an entry's content, keeping its hash.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

/// Arguments of `tally erase`.
#[derive(clap::Args, Debug)]
pub struct EraseArgs {
    /// The entry to erase.
    pub entry: u64,
    /// Why (optional; kept in the erasure entry).
    #[arg(long)]
    pub reason: Option<String>,
}

pub fn run(path: &Path, args: EraseArgs) -> Result<ExitCode> {
    let mut diary = super::open(path)?;
    let seq = diary.erase(args.entry, args.reason)?;
    say!("{seq}");
    Ok(ExitCode::SUCCESS)
}
