//! `tally export`: write an evidence pack of exactly the entries chosen, with a progress
//! bar on a terminal; `--dry-run` prints the disclosure plan (every entry that would go out
//! and why, and how many are withheld) and writes nothing.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use tally_core::diary::{Diary, Progress};
use tally_core::model::{Category, EntryKind};
use tally_core::pack::{
    DisclosureChoices, DisclosurePlan, DisclosureReason, ExportOptions, ExportSummary,
};

use crate::time::date;

/// Arguments of `tally export`. Each kind of entry is chosen explicitly: `--category`
/// chooses incidents, and chats, orders and police contacts go out only when `--kind`
/// names them (or when nothing narrows the kinds at all).
#[derive(Args, Debug)]
pub struct ExportArgs {
    /// The pack to write (a .zip). Not needed with --dry-run.
    #[arg(long, value_name = "FILE.zip", required_unless_present = "dry_run")]
    pub out: Option<PathBuf>,
    /// Print what would go out and why, and how many entries are withheld; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Only entries on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only entries on or before this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only entries concerning this person (name or entry number); repeatable.
    #[arg(long = "person", value_name = "NAME")]
    pub people: Vec<String>,
    /// Only incidents of this category; repeatable. Other kinds go out only with --kind.
    #[arg(long = "category", value_parser = super::add::parse_category)]
    pub categories: Vec<Category>,
    /// Only entries of this kind (incident, person, order, police-contact, message-log);
    /// repeatable.
    #[arg(long = "kind", value_name = "KIND", value_parser = parse_kind)]
    pub kinds: Vec<EntryKind>,
    /// Only these entries: N,N,…
    #[arg(long, value_name = "N,N…")]
    pub entries: Vec<String>,
    /// A checkpoint given out earlier, to list in the pack; repeatable.
    #[arg(long = "checkpoint", value_name = "FILE")]
    pub checkpoints: Vec<PathBuf>,
}

fn parse_kind(s: &str) -> Result<EntryKind, String> {
    match EntryKind::parse(s) {
        Some(EntryKind::Amendment | EntryKind::Erasure) => Err(format!(
            "{s:?}: corrections are not chosen; they go out with the entries they correct"
        )),
        Some(kind) => Ok(kind),
        None => Err(format!(
            "{s:?} is not a kind of entry (incident, person, order, police-contact, message-log)"
        )),
    }
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
    let mut people = Vec::new();
    for p in &args.people {
        people.push(crate::people::resolve(&views, p)?);
    }
    let choices = DisclosureChoices {
        from: args.from.as_deref().map(date).transpose()?,
        to: args.to.as_deref().map(date).transpose()?,
        people,
        categories: args.categories,
        kinds: args.kinds,
        entries: super::entry_numbers(&args.entries)?,
    };
    if args.dry_run {
        let plan = diary.disclosure_plan(&choices)?;
        print_plan(&plan)?;
        return Ok(ExitCode::SUCCESS);
    }
    let Some(out) = args.out else {
        bail!("give --out FILE.zip (or --dry-run to see what would go out)");
    };
    let mut checkpoints = Vec::new();
    for file in &args.checkpoints {
        checkpoints.push(
            std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?,
        );
    }
    let options = ExportOptions {
        choices,
        checkpoints,
    };
    let s = export(&diary, &out, &options)?;
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

/// The plan, one line per entry going out.
fn print_plan(plan: &DisclosurePlan) -> Result<()> {
    say!(
        "Disclosure plan (nothing written): {} of {} entries would go out, {} withheld.",
        plan.entries.len(),
        plan.total,
        plan.withheld
    );
    for e in &plan.entries {
        let why = match e.reason {
            DisclosureReason::Chosen => "chosen".to_owned(),
            DisclosureReason::NamedBy(n) => format!("a person named by entry {n}"),
            DisclosureReason::VersionOf(n) => format!("a version of entry {n}"),
        };
        say!("  entry {:<6} {:<15} {why}", e.seq, e.kind.as_str());
    }
    Ok(())
}
