//! `tally duress set` / `tally duress remove`: a second passphrase that opens a decoy diary
//! of its own. Under it every command works on the decoy, and nothing of the real diary
//! shows, counts or changes. Set and removed with the diary's own passphrase.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use clap::Subcommand;

/// What to do with the duress passphrase.
#[derive(Subcommand, Debug)]
pub enum DuressCommand {
    /// Set a duress passphrase (reads TALLY_DURESS_PASSPHRASE, or asks twice). It opens an
    /// empty decoy diary of its own; any earlier one stops working and its decoy is deleted.
    Set,
    /// Remove the duress passphrase and delete its decoy diary.
    Remove,
}

pub fn run(path: &Path, command: DuressCommand) -> Result<ExitCode> {
    let mut diary = super::open(path)?;
    match command {
        DuressCommand::Set => {
            let duress = crate::passphrase::new("TALLY_DURESS_PASSPHRASE")?;
            diary.set_duress_passphrase(&duress)?;
            say!("Duress passphrase set. Unlocked with it, tally shows a decoy diary of its own");
            say!("(empty until you add to it); the real entries never show under it.");
        }
        DuressCommand::Remove => {
            diary.remove_duress_passphrase()?;
            say!("Duress passphrase removed, and its decoy diary deleted.");
        }
    }
    Ok(ExitCode::SUCCESS)
}
