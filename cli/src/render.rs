//! Turning entries into lines and JSON for the terminal, and attaching files.

use std::path::Path;

use anyhow::{Context, Result};
use serde_json::{Value, json};
use tally_core::diary::Diary;
use tally_core::model::{AttachmentRef, Body, EntryStatus, EntryView};

/// Streams a file into the diary.
pub fn attach(diary: &mut Diary, file: &Path) -> Result<AttachmentRef> {
    diary
        .attach_file(file)
        .with_context(|| format!("attaching {}", file.display()))
}

fn name_of(all: &[EntryView], seq: u64) -> String {
    all.iter()
        .find(|v| v.seq == seq)
        .and_then(|v| v.person())
        .map_or_else(|| format!("#{seq}"), |p| p.name.clone())
}

/// The date and one-line description of a body.
fn headline(body: &Body, all: &[EntryView]) -> (String, String) {
    match body {
        Body::Incident(i) => {
            let people: Vec<String> = i.people.iter().map(|&p| name_of(all, p)).collect();
            let who = if people.is_empty() {
                String::new()
            } else {
                format!(" [{}]", people.join(", "))
            };
            (
                i.occurred.start.format("%Y-%m-%d %H:%M %:z").to_string(),
                format!("{}: {}{who}", i.category.label(), i.summary),
            )
        }
        Body::Person(p) => (
            String::new(),
            format!("{} ({})", p.name, p.relationship.as_str()),
        ),
        Body::Order(o) => (
            o.start.to_string(),
            format!(
                "{} binding {} from {} {}",
                o.order_type.label(),
                name_of(all, o.person),
                o.start,
                o.end
                    .map_or_else(|| "(no end date)".to_owned(), |e| format!("to {e}"))
            ),
        ),
        Body::PoliceContact(c) => (
            c.at.format("%Y-%m-%d %H:%M %:z").to_string(),
            format!(
                "Police contact{}{}",
                c.reference
                    .as_ref()
                    .map_or(String::new(), |r| format!(" ref {r}")),
                c.advice
                    .as_ref()
                    .map_or(String::new(), |a| format!("; advice: {a}"))
            ),
        ),
        Body::MessageLog(m) => (
            m.time_span().map_or(String::new(), |(first, _)| {
                first.format("%Y-%m-%d %H:%M %:z").to_string()
            }),
            format!(
                "{} messages and {} calls imported from {}",
                m.message_count(),
                m.call_count(),
                m.source.as_str()
            ),
        ),
        Body::Amendment(a) => (String::new(), format!("correction of entry {}", a.target)),
        Body::Erasure(e) => (String::new(), format!("erasure of entry {}", e.target)),
    }
}

/// One line for `tally list`.
pub fn view_line(v: &EntryView, all: &[EntryView]) -> String {
    let (date, text) = match &v.current {
        Some(body) => headline(body, all),
        None => (
            String::new(),
            format!("(content erased by entry {})", v.erased_by.unwrap_or(0)),
        ),
    };
    let status = match v.status {
        EntryStatus::Original => String::new(),
        EntryStatus::Amended => " (amended)".to_owned(),
        EntryStatus::Erased => " (erased)".to_owned(),
    };
    format!(
        "{:>5}  {:<14} {:<22} {text}{status}",
        v.seq,
        v.kind.as_str(),
        date
    )
}

/// The JSON of one entry for `tally list --json`.
pub fn view_json(v: &EntryView, all: &[EntryView]) -> Value {
    let (date, text) = v
        .current
        .as_ref()
        .map(|b| headline(b, all))
        .unwrap_or_default();
    json!({
        "seq": v.seq,
        "kind": v.kind.as_str(),
        "status": v.status.as_str(),
        "recorded_at": v.recorded_at.map(|t| t.to_rfc3339()),
        "date": date,
        "headline": text,
        "amended_by": v.amended_by,
        "erased_by": v.erased_by,
        "body": v.current,
    })
}

/// The full text of one entry for `tally show`.
pub fn view_detail(v: &EntryView, all: &[EntryView]) -> String {
    let mut out = format!(
        "Entry {} ({}, {})\n",
        v.seq,
        v.kind.as_str(),
        v.status.as_str()
    );
    if let Some(t) = v.recorded_at {
        out.push_str(&format!("Sealed: {}\n", t.format("%Y-%m-%d %H:%M:%S UTC")));
    }
    if !v.amended_by.is_empty() {
        let list: Vec<String> = v.amended_by.iter().map(u64::to_string).collect();
        out.push_str(&format!(
            "Corrected by entries: {} (see `tally history {}`)\n",
            list.join(", "),
            v.seq
        ));
    }
    match &v.current {
        None => out.push_str(&format!(
            "Content erased by entry {}.\n",
            v.erased_by.unwrap_or(0)
        )),
        Some(body) => {
            let (date, text) = headline(body, all);
            if !date.is_empty() {
                out.push_str(&format!("When: {date}\n"));
            }
            out.push_str(&format!("{text}\n"));
            let pretty = serde_json::to_string_pretty(body).unwrap_or_default();
            out.push_str(&pretty);
            out.push('\n');
        }
    }
    out
}
