//! `tally list`: entries as the diary shows them, with filters; `--json` for scripts.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::Args;
use tally_core::diary::ListFilter;
use tally_core::model::{Category, EntryKind};
use tally_core::view::{Rows, entry_list};

use crate::time::date;
use crate::{render, terminal};

/// Arguments of `tally list`.
#[derive(Args, Debug)]
pub struct ListArgs {
    /// Print JSON (an array of entries) instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Only this kind (incident, person, order, police-contact, message-log); repeatable.
    #[arg(long = "kind")]
    pub kinds: Vec<String>,
    /// Only incidents of this category; repeatable.
    #[arg(long = "category", value_parser = super::add::parse_category)]
    pub categories: Vec<Category>,
    /// Only entries concerning this person (name or entry number).
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    /// Only entries on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only entries on or before this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Also show amendments and erasures as entries of their own.
    #[arg(long)]
    pub all: bool,
}

pub fn run(path: &Path, args: ListArgs) -> Result<ExitCode> {
    let diary = super::open(path)?;
    let mut filter = ListFilter {
        categories: args.categories,
        include_corrections: args.all,
        ..ListFilter::default()
    };
    for k in &args.kinds {
        match EntryKind::parse(k) {
            Some(kind) => filter.kinds.push(kind),
            None => bail!("{k:?} is not a kind of entry"),
        }
    }
    if let Some(p) = &args.person {
        filter.person = Some(crate::people::resolve(&diary.views()?, p)?);
    }
    filter.from = args.from.as_deref().map(date).transpose()?;
    filter.to = args.to.as_deref().map(date).transpose()?;
    let rows = Rows::read(&diary)?;
    let items = entry_list(&rows, &filter, terminal::zone(), terminal::words());
    if args.json {
        let out: Vec<_> = items
            .iter()
            .map(|i| render::item_json(i, rows.views.iter().find(|v| v.seq == i.seq)))
            .collect();
        say!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        for item in &items {
            say!("{}", render::item_line(item));
        }
        if items.is_empty() {
            say!("(no entries)");
        }
    }
    Ok(ExitCode::SUCCESS)
}
