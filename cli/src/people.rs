//! Naming people on the command line: by entry number, or by name (case-insensitive),
//! resolved against the person entries' latest versions.

use anyhow::{Result, bail};
use tally_core::model::{EntryKind, EntryView};

/// The person entry `name_or_number` refers to.
pub fn resolve(views: &[EntryView], name_or_number: &str) -> Result<u64> {
    let wanted = name_or_number.trim().trim_start_matches('#');
    if let Ok(seq) = wanted.parse::<u64>() {
        return match views.iter().find(|v| v.seq == seq) {
            Some(v) if v.kind == EntryKind::Person && v.current.is_some() => Ok(seq),
            Some(_) => bail!("entry {seq} is not a person"),
            None => bail!("there is no entry {seq}"),
        };
    }
    let by = |test: &dyn Fn(&str) -> bool| -> Vec<u64> {
        views
            .iter()
            .filter(|v| v.person().is_some_and(|p| test(p.name.trim())))
            .map(|v| v.seq)
            .collect()
    };
    // An exact name first; failing that, a name one of whose words matches ("Ben" for
    // "Ben Carter"), as long as only one person has it.
    let mut matches = by(&|name| name.eq_ignore_ascii_case(wanted));
    if matches.is_empty() {
        matches = by(&|name| {
            name.split_whitespace()
                .any(|w| w.eq_ignore_ascii_case(wanted))
        });
    }
    match matches.as_slice() {
        [one] => Ok(*one),
        [] => bail!(
            "no person of that name; add them with `tally add person` or give an entry number"
        ),
        many => bail!(
            "several people have that name (entries {}); give the entry number instead",
            many.iter()
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}
