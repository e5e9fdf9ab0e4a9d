//! `tally passwd`: change the passphrase. The diary is re-keyed: a new data key, and every
//! entry, tree head and attachment sealed again under it, so a copy of the old header
//! opens nothing written from now on.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use crate::steps::Steps;

pub fn run(path: &Path) -> Result<ExitCode> {
    let old = crate::passphrase::current()?;
    let (mut diary, seen) = super::unlock(path, &old)?;
    let new = crate::passphrase::new("TALLY_NEW_PASSPHRASE")?;
    {
        let bar = Steps::new("Sealing again");
        diary.change_passphrase_with_progress(&old, &new, &bar)?;
    }
    super::remember(&diary, seen.as_ref())?;
    say!("Passphrase changed: every entry, tree head and attachment is sealed under a new key.");
    say!("Backups made before still open with the old passphrase; make a new one.");
    Ok(ExitCode::SUCCESS)
}
