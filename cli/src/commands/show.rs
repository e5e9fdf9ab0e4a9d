//! `tally show N` and `tally history N`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

use crate::render;

/// Arguments of `tally show`.
#[derive(Args, Debug)]
pub struct ShowArgs {
    /// The entry number.
    pub entry: u64,
    /// Print the entry exactly as sealed (the bytes the log hashes).
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
        let mut out = std::io::stdout().lock();
        match out.write_all(&bytes).and_then(|()| out.write_all(b"\n")) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(e.into()),
            _ => return Ok(ExitCode::SUCCESS),
        }
    }
    let view = diary.get(args.entry)?;
    let all = diary.views()?;
    say!("{}", render::view_detail(&view, &all).trim_end());
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
    for (seq, entry) in versions {
        match entry {
            Some(e) => say!(
                "entry {seq}  {}  sealed {}",
                e.kind(),
                e.recorded_at.format("%Y-%m-%d %H:%M UTC")
            ),
            None => say!("entry {seq}  content erased"),
        }
    }
    Ok(ExitCode::SUCCESS)
}
