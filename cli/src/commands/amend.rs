//! `tally amend N [options of the entry's kind] [--reason TEXT]`: seal a corrected version.
//! The options are those of `tally add <kind>`; fields not given keep their current value.
//! The original and every earlier version stay in the diary and its history.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::{Args, Parser};
use tally_core::model::{Body, EntryKind};

use super::add::{
    IncidentArgs, OrderArgs, PersonArgs, PoliceArgs, apply_incident, apply_order, apply_person,
    apply_police,
};

/// Arguments of `tally amend`.
#[derive(Args, Debug)]
pub struct AmendArgs {
    /// The entry to correct.
    pub entry: u64,
    /// The fields to change: the options of `tally add <kind>` for this entry's kind, and
    /// `--reason TEXT`.
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "OPTIONS"
    )]
    pub options: Vec<String>,
}

#[derive(Parser, Debug)]
#[command(name = "tally amend N", no_binary_name = false)]
struct WithReason<T: Args> {
    #[command(flatten)]
    fields: T,
    /// Why it was corrected.
    #[arg(long)]
    reason: Option<String>,
}

fn parse<T: Args>(kind: EntryKind, options: &[String]) -> Result<(T, Option<String>)> {
    let argv = std::iter::once("tally amend N".to_owned()).chain(options.iter().cloned());
    let parsed = WithReason::<T>::try_parse_from(argv).map_err(|e| {
        let first = e
            .to_string()
            .lines()
            .next()
            .unwrap_or_default()
            .trim_start_matches("error: ")
            .to_owned();
        anyhow::anyhow!(
            "the entry is {}: {first} (see `tally add {} --help`)",
            kind.with_article(),
            kind
        )
    })?;
    Ok((parsed.fields, parsed.reason))
}

pub fn run(path: &Path, args: AmendArgs) -> Result<ExitCode> {
    let mut diary = super::open(path)?;
    let view = diary.get(args.entry)?;
    let Some(current) = view.current else {
        bail!("entry {} was erased; there is nothing to amend", args.entry)
    };
    let (replacement, reason) = match current {
        Body::Person(mut p) => {
            let (a, reason) = parse::<PersonArgs>(EntryKind::Person, &args.options)?;
            apply_person(&mut p, a, false)?;
            (Body::Person(p), reason)
        }
        Body::Incident(mut i) => {
            let (a, reason) = parse::<IncidentArgs>(EntryKind::Incident, &args.options)?;
            apply_incident(&mut diary, &mut i, a)?;
            (Body::Incident(i), reason)
        }
        Body::Order(mut o) => {
            let (a, reason) = parse::<OrderArgs>(EntryKind::Order, &args.options)?;
            let views = diary.views()?;
            apply_order(&views, &mut o, a)?;
            (Body::Order(o), reason)
        }
        Body::PoliceContact(mut c) => {
            let (a, reason) = parse::<PoliceArgs>(EntryKind::PoliceContact, &args.options)?;
            apply_police(&mut c, a)?;
            (Body::PoliceContact(c), reason)
        }
        other => bail!(
            "entry {} is a {}; only people, incidents, orders and police contacts can be amended from the command line",
            args.entry,
            other.kind()
        ),
    };
    if matches!(view.kind, EntryKind::Amendment | EntryKind::Erasure) {
        bail!(
            "entry {} is a correction itself; amend the entry it corrects",
            args.entry
        );
    }
    let seq = diary.amend(args.entry, replacement, reason)?;
    say!("{seq}");
    Ok(ExitCode::SUCCESS)
}
