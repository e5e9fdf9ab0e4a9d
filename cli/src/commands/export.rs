//! `tally export`: write an evidence pack of the entries chosen, with a progress bar on a
//! terminal.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use tally_core::diary::{Diary, ListFilter, Progress};
use tally_core::model::Category;
use tally_core::pack::{ExportOptions, ExportSummary};

use crate::time::date;

/// Arguments of `tally export`.
#[derive(Args, Debug)]
pub struct ExportArgs {
    /// The pack to write (a .zip).
    #[arg(long, value_name = "FILE.zip")]
    pub out: PathBuf,
    /// Only entries on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only entries on or before this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only entries concerning this person (name or entry number); repeatable.
    #[arg(long = "person", value_name = "NAME")]
    pub people: Vec<String>,
    /// Only incidents of this category; repeatable.
    #[arg(long = "category", value_parser = super::add::parse_category)]
    pub categories: Vec<Category>,
    /// Only these entries: N,N,…
    #[arg(long, value_name = "N,N…")]
    pub entries: Vec<String>,
    /// A checkpoint given out earlier, to list in the pack; repeatable.
    #[arg(long = "checkpoint", value_name = "FILE")]
    pub checkpoints: Vec<PathBuf>,
}

/// A progress bar on a terminal, nothing otherwise.
pub struct Bar(Option<ProgressBar>);

impl Bar {
    pub fn new(message: &'static str) -> Self {
        if !std::io::stderr().is_terminal() {
            return Bar(None);
        }
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar.set_message(message);
        Bar(Some(bar))
    }

    pub fn finish(&self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}

impl Progress for Bar {
    fn update(&self, done: u64, total: Option<u64>) {
        if let Some(b) = &self.0 {
            if let Some(t) = total {
                b.set_length(t);
            }
            b.set_position(done);
        }
    }
}

/// Exports with `options`, showing progress.
pub fn export(diary: &Diary, out: &Path, options: &ExportOptions) -> Result<ExportSummary> {
    let bar = Bar::new("Exporting");
    let summary = diary.export_pack(out, options, &bar);
    bar.finish();
    Ok(summary?)
}

pub fn run(path: &Path, args: ExportArgs) -> Result<ExitCode> {
    let diary = super::open(path)?;
    let views = diary.views()?;
    let mut selection = ListFilter {
        categories: args.categories,
        from: args.from.as_deref().map(date).transpose()?,
        to: args.to.as_deref().map(date).transpose()?,
        entries: super::entry_numbers(&args.entries)?,
        ..ListFilter::default()
    };
    // One person per pack keeps the filter simple; several people are exported together
    // by naming their entries.
    if let [one] = args.people.as_slice() {
        selection.person = Some(crate::people::resolve(&views, one)?);
    } else if args.people.len() > 1 {
        anyhow::bail!("give one --person per pack (or list the entries with --entries)");
    }
    let mut checkpoints = Vec::new();
    for file in &args.checkpoints {
        checkpoints.push(
            std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?,
        );
    }
    let options = ExportOptions {
        selection,
        checkpoints,
    };
    let s = export(&diary, &args.out, &options)?;
    say!("Wrote {}", s.path.display());
    say!(
        "{} entries disclosed, {} withheld, {} attachments; signed by {}",
        s.disclosed,
        s.withheld,
        s.attachments,
        s.fingerprint
    );
    Ok(ExitCode::SUCCESS)
}
