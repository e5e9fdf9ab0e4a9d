//! `tally summary`: the course-of-conduct summary (counts, weeks, indicators, order
//! breaches, police contacts), as text or `--json`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;
use tally_core::summary::{SummaryFilter, summarise};

use crate::time::date;

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
    let summary = summarise(&views, &filter, &diary)?;
    if args.json {
        say!("{}", serde_json::to_string_pretty(&summary)?);
        return Ok(ExitCode::SUCCESS);
    }
    let json = serde_json::to_value(&summary)?;
    say!("Incidents recorded: {}", json["incidents_total"]);
    if let Some(map) = json["by_category"].as_object() {
        for (category, count) in map {
            if count.as_u64().unwrap_or(0) > 0 {
                say!("  {category:<28} {count}");
            }
        }
    }
    if let Some(breaches) = json["order_breaches"].as_array() {
        say!("Order breaches recorded: {}", breaches.len());
        for b in breaches {
            if let Some(text) = b["text"].as_str() {
                say!("  entry {}: {text}", b["incident"]);
            }
        }
    }
    if let Some(contacts) = json["police_contacts"].as_array() {
        say!("Police contacts: {}", contacts.len());
        for c in contacts {
            let reference = c["reference"].as_str().unwrap_or("no reference");
            let flag = if c["advised_blocking"].as_bool() == Some(true) {
                "  (advised blocking: blocking can escalate the behaviour and loses evidence)"
            } else {
                ""
            };
            say!("  entry {}: {reference}{flag}", c["entry"]);
        }
    }
    if let Some(ind) = json["indicators"].as_object() {
        say!("Indicators (as recorded):");
        for (_, value) in ind {
            if let Some(text) = value.get("text").and_then(|t| t.as_str()) {
                say!("  - {text}");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
