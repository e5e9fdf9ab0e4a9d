//! `TALLY_DIARY=NEW tally restore FILE`: check a backup in full, then make it the diary at
//! NEW — the same diary, continuing the same log under the same key. Restoring would never
//! lose entries quietly: over a diary holding later entries, or onto a device that saw a
//! later head, it refuses, saying how many, unless `--keep-both`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use tally_core::diary::restore::restore;
use tally_core::diary::{Diary, RestoreOptions};

use crate::device_state;
use crate::steps::Steps;

/// Arguments of `tally restore`.
#[derive(clap::Args, Debug)]
pub struct RestoreArgs {
    /// The backup file (written by `tally backup`).
    #[arg(value_name = "FILE")]
    pub backup: PathBuf,
    /// If restoring would lose entries, restore beside the existing diary (or despite the
    /// later head this device saw) instead of refusing; nothing is replaced.
    #[arg(long)]
    pub keep_both: bool,
}

pub fn run(target: &Path, args: RestoreArgs) -> Result<ExitCode> {
    let passphrase = crate::passphrase::current()?;
    let id = Diary::file_id(&args.backup)?;
    let options = RestoreOptions {
        keep_both: args.keep_both,
        seen: device_state::head(&id)?,
    };
    // The passphrase is tried on the backup under the same rules as any unlock.
    let summary = super::attempt(&id, || {
        let bar = Steps::new("Restoring");
        restore(&args.backup, target, &passphrase, &options, &bar)
    })?;
    if let Some(later) = &summary.superseded {
        let kept = device_state::keep_superseded(later)?;
        say!(
            "This device had seen {} entries; the backup holds {}. The record of the later state is kept in {}.",
            later.size,
            summary.entries,
            kept.display()
        );
    }
    if let Some(head) = &summary.device_head
        && summary.device_head != options.seen
    {
        device_state::save_head(head)?;
    }
    if summary.path != target {
        say!(
            "The diary at {} was kept as it was; the backup was restored beside it.",
            target.display()
        );
    }
    say!(
        "Restored to {}: {} entries{}.",
        summary.path.display(),
        summary.entries,
        if summary.replaced {
            ", replacing an older copy that held nothing more"
        } else {
            ""
        }
    );
    say!("Key fingerprint: {}", summary.fingerprint);
    Ok(ExitCode::SUCCESS)
}
