//! `tally verify PACK [--checkpoint FILE]`: check a pack; exit 0 only if all holds.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;
use tally_core::pack::{PackVerdict, verify_pack};

/// Arguments of `tally verify`.
#[derive(Args, Debug)]
pub struct VerifyArgs {
    /// The pack: a .zip, or the unzipped folder.
    pub pack: PathBuf,
    /// A checkpoint received earlier: prove the pack extends it.
    #[arg(long, value_name = "FILE")]
    pub checkpoint: Option<PathBuf>,
}

pub fn run(args: VerifyArgs) -> Result<ExitCode> {
    let checkpoint = match &args.checkpoint {
        Some(f) => {
            Some(std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?)
        }
        None => None,
    };
    let verdict = verify_pack(&args.pack, checkpoint.as_deref())?;
    print_verdict(&args.pack, &verdict)
}

/// Prints the verdict; the exit status says whether the pack holds.
pub fn print_verdict(pack: &Path, v: &PackVerdict) -> Result<ExitCode> {
    if v.is_ok() {
        say!("VERIFIED {}", pack.display());
    } else {
        say!("FAILED {}", pack.display());
    }
    if let Some(f) = &v.fingerprint {
        say!("Signed by:   {f}");
    }
    if let Some((a, b)) = v.period {
        say!("Period:      {a} to {b}");
    }
    say!(
        "Entries:     {} disclosed, {} withheld, {} erased by their owner (of {} in the diary)",
        v.disclosed,
        v.withheld,
        v.erased,
        v.tree_size
    );
    say!("Attachments: {} present and matching", v.attachments);
    say!(
        "Log:         root {} consistent with {} earlier signed heads",
        v.root,
        v.earlier_heads
    );
    if let Some((size, time)) = &v.extends_checkpoint {
        say!(
            "Checkpoint:  this pack extends the checkpoint of {time} ({size} entries): nothing before it was changed"
        );
    }
    for p in &v.problems {
        say!("PROBLEM {p}");
    }
    Ok(if v.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
