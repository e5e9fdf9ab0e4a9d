//! `tally show N` and `tally history N`.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;
use tally_core::view::entry_detail;

use crate::{render, terminal};

/// Arguments of `tally show`.
#[derive(Args, Debug)]
pub struct ShowArgs {
    /// The entry number.
    pub entry: u64,
    /// Print the entry exactly as sealed (the bytes the log hashes; on a terminal, control
    /// characters are written out as \uXXXX escapes, which JSON reads the same).
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `tally history`.
#[derive(Args, Debug)]
pub struct HistoryArgs {
    /// The entry number.
    pub entry: u64,
    /// Print JSON: each version exactly as sealed.
    #[arg(long)]
    pub json: bool,
}

pub fn run(path: &Path, args: ShowArgs) -> Result<ExitCode> {
    let diary = super::open(path)?;
    if args.json {
        let bytes = diary.entry_bytes(args.entry)?;
        // Piped to a file, the exact bytes (they hash to the entry's leaf); on a terminal,
        // nothing that could drive it.
        let bytes = if std::io::stdout().is_terminal() {
            terminal::safe(&String::from_utf8_lossy(&bytes))
                .into_owned()
                .into_bytes()
        } else {
            bytes
        };
        let mut out = std::io::stdout().lock();
        match out.write_all(&bytes).and_then(|()| out.write_all(b"\n")) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(e.into()),
            _ => return Ok(ExitCode::SUCCESS),
        }
    }
    let detail = entry_detail(&diary, args.entry, terminal::zone(), terminal::words())?;
    say!("{}", render::detail(&detail).trim_end());
    Ok(ExitCode::SUCCESS)
}

pub fn history(path: &Path, args: HistoryArgs) -> Result<ExitCode> {
    let diary = super::open(path)?;
    let versions = diary.history(args.entry)?;
    if args.json {
        let mut items = Vec::new();
        for (seq, entry) in &versions {
            items.push(match entry {
                Some(_) => serde_json::from_slice::<serde_json::Value>(&diary.entry_bytes(*seq)?)?,
                None => serde_json::json!({ "seq": seq, "status": "erased" }),
            });
        }
        say!("{}", serde_json::to_string_pretty(&items)?);
        return Ok(ExitCode::SUCCESS);
    }
    let detail = entry_detail(&diary, args.entry, terminal::zone(), terminal::words())?;
    say!("{}", render::history(&detail).trim_end());
    Ok(ExitCode::SUCCESS)
}
