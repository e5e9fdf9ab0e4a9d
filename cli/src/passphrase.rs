//! Getting the passphrase: from `TALLY_PASSPHRASE` (scripts, tests), or asked on the
//! terminal without echo. Never from a command-line argument, which other users of the
//! machine can read in the process list.

use anyhow::{Context, Result, bail};
use std::io::IsTerminal;

/// The passphrase that opens the diary.
pub fn current() -> Result<String> {
    from_env_or_prompt("TALLY_PASSPHRASE", "Passphrase: ", false)
}

/// A new passphrase, asked twice on a terminal.
pub fn new(var: &str) -> Result<String> {
    from_env_or_prompt(var, "New passphrase: ", true)
}

fn from_env_or_prompt(var: &str, prompt: &str, confirm: bool) -> Result<String> {
    if let Ok(value) = std::env::var(var) {
        return Ok(value);
    }
    if !std::io::stdin().is_terminal() {
        bail!("no passphrase: set {var} or run tally in a terminal");
    }
    let first = rpassword::prompt_password(prompt).context("reading the passphrase")?;
    if confirm {
        let again = rpassword::prompt_password("Again: ").context("reading the passphrase")?;
        if again != first {
            bail!("the two passphrases differ; nothing was changed");
        }
    }
    Ok(first)
}
