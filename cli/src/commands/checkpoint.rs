//! `tally checkpoint`: a short signed text of the current state.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};

/// Arguments of `tally checkpoint`.
#[derive(clap::Args, Debug)]
pub struct CheckpointArgs {
    /// Write it to this file instead of printing it.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

pub fn run(path: &Path, args: CheckpointArgs) -> Result<ExitCode> {
    let diary = super::open(path)?;
    let text = diary.checkpoint()?;
    match args.out {
        Some(out) => {
            std::fs::write(&out, &text).with_context(|| format!("writing {}", out.display()))?;
            say!("Checkpoint written to {}", out.display());
        }
        None => say!("{}", text.trim_end()),
    }
    Ok(ExitCode::SUCCESS)
}
