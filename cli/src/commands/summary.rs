//! `tally summary`: the course-of-conduct summary (counts, weeks, indicators, order
//! breaches, police contacts), as text or `--json`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;
use tally_core::summary::{SummaryFilter, summarise};
use tally_core::view::summary_view;

use crate::time::date;
use crate::{render, terminal};

/// Arguments of `tally summary`.
#[derive(Args, Debug)]
pub struct SummaryArgs {
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
    /// Only incidents concerning this person (name or entry number).
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    /// Only incidents on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only incidents on or before this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
}

pub fn run(path: &Path, args: SummaryArgs) -> Result<ExitCode> {
    let diary = super::open(path)?;
    let views = diary.views()?;
    let filter = SummaryFilter {
        person: args
            .person
            .as_deref()
            .map(|p| crate::people::resolve(&views, p))
            .transpose()?,
        from: args.from.as_deref().map(date).transpose()?,
        to: args.to.as_deref().map(date).transpose()?,
    };
    if args.json {
        say!(
            "{}",
            serde_json::to_string_pretty(&summarise(&views, &filter, &*diary)?)?
        );
        return Ok(ExitCode::SUCCESS);
    }
    let view = summary_view(&views, &filter, &*diary, terminal::words())?;
    say!("{}", render::summary(&view).trim_end());
    Ok(ExitCode::SUCCESS)
}
