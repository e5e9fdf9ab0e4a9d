//! `tally check`: the full integrity check, and the diary against the head this device
//! remembers (a copy older than what this device saw fails, saying how many entries are
//! missing).

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

pub fn run(path: &Path) -> Result<ExitCode> {
    let diary = super::open(path)?;
    let report = diary.check()?;
    for problem in &report.problems {
        say!("PROBLEM {problem}");
    }
    for note in &report.notes {
        say!("NOTE {note}");
    }
    say!(
        "{} entries ({} erased), {} signed tree heads, {} attachments; root {}",
        report.entries,
        report.erased,
        report.heads,
        report.blobs,
        report.root
    );
    say!("Key fingerprint: {}", diary.fingerprint());
    if report.is_ok() {
        say!("OK: every entry, tree head and attachment checks out.");
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!(
            "tally: the diary failed its check: {} problem(s)",
            report.problems.len()
        );
        Ok(ExitCode::FAILURE)
    }
}
