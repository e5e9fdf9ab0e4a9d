//! `tally verify PACK [--key SHA256:…] [--checkpoint FILE]`: check a pack; exit 0 only if
//! all holds. Without `--key` or `--checkpoint` the verdict says plainly that nothing
//! confirms whose key signed the pack, and what to compare it with.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;
use tally_core::pack::{KeyConfirmation, KeyFingerprint, PackVerdict, VerifyOptions, verify_pack};

/// Arguments of `tally verify`.
#[derive(Args, Debug)]
pub struct VerifyArgs {
    /// The pack: a .zip (read in place, never unpacked), or the unzipped folder.
    pub pack: PathBuf,
    /// The fingerprint of the key the pack must be signed by (SHA256:…, as the diary's owner
    /// reads it out to you), or the whole ssh-ed25519 public key.
    #[arg(long, value_name = "SHA256:…")]
    pub key: Option<KeyFingerprint>,
    /// A checkpoint received earlier from the diary's owner: prove the pack extends it (and
    /// that it is signed by the same key).
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
    let options = VerifyOptions {
        checkpoint,
        key: args.key,
    };
    let verdict = verify_pack(&args.pack, &options)?;
    print_verdict(&args.pack, &verdict)
}

/// Prints the verdict; the exit status says whether the pack holds.
pub fn print_verdict(pack: &Path, v: &PackVerdict) -> Result<ExitCode> {
    match (v.is_ok(), v.key) {
        (false, _) => say!("FAILED {}", pack.display()),
        (true, KeyConfirmation::NotConfirmed) => say!(
            "VERIFIED {}, BUT NOTHING CONFIRMS WHOSE KEY SIGNED IT (see Key below)",
            pack.display()
        ),
        (true, _) => say!("VERIFIED {}", pack.display()),
    }
    if let Some(f) = &v.fingerprint {
        say!("Signed by:   {f}");
        match v.key {
            KeyConfirmation::ExpectedKey => {
                say!("Key:         the key you expected (--key)");
            }
            KeyConfirmation::Checkpoint => {
                say!("Key:         the key of the checkpoint you gave (--checkpoint)");
            }
            KeyConfirmation::NotConfirmed => {
                say!(
                    "Key:         NOT CONFIRMED. Nothing outside the pack says whose key this is: anyone can"
                );
                say!(
                    "             sign an altered pack with a key of their own, and it would check as well."
                );
                say!(
                    "             Compare the fingerprint above with the one the diary's owner or their"
                );
                say!(
                    "             advocate gives you by another route (in person, by phone), then run"
                );
                say!("             tally verify PACK --key SHA256:… (or --checkpoint FILE).");
            }
        }
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
