//! The core's views as terminal lines and JSON: the list's rows, an entry in full with its
//! history, and the summary screen. Nothing is worded here: headlines, dates, statuses and
//! sentences are the views' own, the same the apps show.

use std::path::Path;

use anyhow::{Context, Result};
use serde_json::{Value, json};
use tally_core::diary::Diary;
use tally_core::model::{AttachmentRef, EntryView};
use tally_core::view::{EntryDetail, SummaryView, TimelineItem};

/// Stores a file in the diary through the core's checks (images decoded, metadata read).
pub fn attach(diary: &mut Diary, file: &Path) -> Result<AttachmentRef> {
    diary
        .attach_file(file)
        .with_context(|| format!("attaching {}", file.display()))
}

/// When an item happened, for the list's column: "2024-03-12 17:40 +00:00" or a date.
fn when(item: &TimelineItem) -> String {
    match (&item.time, item.date) {
        (Some(t), _) => t.at.format("%Y-%m-%d %H:%M %:z").to_string(),
        (None, Some(d)) => d.to_string(),
        (None, None) => String::new(),
    }
}

/// One line for `tally list`.
pub fn item_line(item: &TimelineItem) -> String {
    let people = if item.people.is_empty() || item.kind == tally_core::model::EntryKind::Order {
        String::new()
    } else {
        let names: Vec<&str> = item.people.iter().map(|p| p.name.as_str()).collect();
        format!(" [{}]", names.join(", "))
    };
    let status = item
        .status_text
        .as_ref()
        .map(|s| format!(" ({s})"))
        .unwrap_or_default();
    format!(
        "{:>5}  {:<14} {:<22} {}{people}{status}",
        item.seq,
        item.kind.as_str(),
        when(item),
        item.headline
    )
}

/// The JSON of one entry for `tally list --json`: the item as listed, and the entry's
/// current content as the model reads it.
pub fn item_json(item: &TimelineItem, view: Option<&EntryView>) -> Value {
    json!({
        "seq": item.seq,
        "kind": item.kind.as_str(),
        "status": view.map(|v| v.status.as_str()).unwrap_or("damaged"),
        "status_text": item.status_text,
        "recorded_at": view.and_then(|v| v.recorded_at).map(|t| t.to_rfc3339()),
        "time": item.time.as_ref().map(|t| t.at.to_rfc3339()),
        "date": item.date.map(|d| d.to_string()),
        "headline": item.headline,
        "amended_by": view.map(|v| v.amended_by.clone()).unwrap_or_default(),
        "erased_by": view.and_then(|v| v.erased_by),
        "body": view.and_then(|v| v.current.as_ref()),
    })
}

/// The full text of one entry for `tally show`.
pub fn detail(d: &EntryDetail) -> String {
    let mut out = format!("Entry {}: {}\n", d.item.seq, d.item.headline);
    if let Some(s) = &d.item.status_text {
        out.push_str(&format!("{s}\n"));
    }
    let width = d
        .fields
        .iter()
        .map(|f| f.label.chars().count())
        .max()
        .unwrap_or(0);
    for f in &d.fields {
        out.push_str(&format!("{:<width$}  {}\n", f.label, f.value));
    }
    if d.history.len() > 1 {
        out.push('\n');
        out.push_str(&history(d));
    }
    out
}

/// The versions of one entry for `tally history`.
pub fn history(d: &EntryDetail) -> String {
    let mut out = String::new();
    for step in &d.history {
        out.push_str(&step.text);
        if let Some(h) = &step.headline {
            out.push_str(&format!(": {h}"));
        }
        if let Some(r) = &step.reason {
            out.push_str(&format!(" ({r})"));
        }
        out.push('\n');
    }
    out
}

/// The summary screen as text for `tally summary`.
pub fn summary(s: &SummaryView) -> String {
    let mut out = format!("{}\n{}\n", s.period, s.recorded);
    for n in &s.notes {
        out.push_str(&format!("  {n}\n"));
    }
    for c in &s.by_category {
        out.push_str(&format!("  {:<32} {}\n", c.label, c.count));
    }
    let section = |out: &mut String, lines: &[String]| {
        for l in lines {
            out.push_str(&format!("  - {l}\n"));
        }
    };
    section(&mut out, &s.indicators);
    section(&mut out, &s.pattern);
    if let Some(t) = &s.trend {
        section(&mut out, std::slice::from_ref(t));
    }
    let orders: Vec<String> = s.orders.iter().map(|o| o.text.clone()).collect();
    section(&mut out, &orders);
    for b in &s.breaches {
        out.push_str(&format!("    entry {}: {}\n", b.entry, b.text));
    }
    for p in &s.police_contacts {
        let reference = p.reference.as_deref().unwrap_or("-");
        out.push_str(&format!(
            "  police contact, entry {}: {reference}\n",
            p.entry
        ));
        if let Some(note) = &p.blocking_note {
            out.push_str(&format!("    ! {note}\n"));
        }
    }
    section(&mut out, &s.references);
    out
}
