//! One entry in full: its item (headline, time, status), every field as a labelled line,
//! its files, and its whole history — the original as sealed, each correction, and the
//! removal with its reason — so both versions of an amended entry can be read side by side.

use crate::zone::Zone;

use super::headline::{Names, headline};
use super::read::Rows;
use super::time::TimeView;
use super::timeline::{Context, TimelineItem};
use crate::diary::Diary;
use crate::error::{Error, Result};
use crate::locale::Words;
use crate::model::{AttachmentRef, Body, Entry};

/// One labelled line of an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetailField {
    /// "What happened".
    pub label: String,
    /// The value, in the victim's words or the core's.
    pub value: String,
}

/// What a step of the history is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HistoryRole {
    /// The entry as first sealed.
    Original,
    /// A correction, sealed later.
    Correction,
    /// The removal of the entry's content.
    Removal,
}

/// One version of an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryStep {
    /// The entry number of this step (the entry itself, a correction, the removal).
    pub seq: u64,
    /// Original, correction or removal.
    pub role: HistoryRole,
    /// When it was sealed, in the shell's zone; `None` once its content was removed.
    pub sealed: Option<TimeView>,
    /// "Original, sealed 21:31 on 1 March 2024 (UTC+00:00)", "Correction (entry 7) …".
    pub text: String,
    /// The version's headline; `None` for a removal or removed content.
    pub headline: Option<String>,
    /// The reason given for a correction or removal, in the owner's words.
    pub reason: Option<String>,
    /// This version's fields; empty for a removal or removed content.
    pub fields: Vec<DetailField>,
}

/// An entry in full.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryDetail {
    /// The entry as the timeline shows it.
    pub item: TimelineItem,
    /// When it was sealed, in the shell's zone; `None` once removed.
    pub sealed: Option<TimeView>,
    /// The current version's fields, labelled.
    pub fields: Vec<DetailField>,
    /// The files of the current version.
    pub attachments: Vec<AttachmentRef>,
    /// Every version, oldest first.
    pub history: Vec<HistoryStep>,
}

/// Entry `seq` in full.
pub fn entry_detail(diary: &Diary, seq: u64, zone: Zone, words: &Words) -> Result<EntryDetail> {
    let rows = Rows::read(diary)?;
    let ctx = Context::new(&rows.views, zone, words);
    let view = rows.views.iter().find(|v| v.seq == seq).ok_or_else(|| {
        match rows.damaged.iter().find(|d| d.seq == seq) {
            Some(d) => Error::Corrupt(d.reason.clone()),
            None => Error::NoSuchEntry(seq),
        }
    })?;
    let names = Names::of(&rows.views);
    let history = diary
        .history(seq)?
        .into_iter()
        .map(|(s, entry)| history_step(seq, s, entry.as_ref(), &names, zone, words))
        .collect();
    Ok(EntryDetail {
        item: ctx.item(view),
        sealed: view.recorded_at.map(|t| TimeView::in_zone(t, zone, words)),
        fields: view
            .current
            .as_ref()
            .map(|b| fields(b, &names, words))
            .unwrap_or_default(),
        attachments: view
            .current
            .as_ref()
            .map(|b| b.attachments().into_iter().cloned().collect())
            .unwrap_or_default(),
        history,
    })
}

fn history_step(
    target: u64,
    seq: u64,
    entry: Option<&Entry>,
    names: &Names,
    zone: Zone,
    words: &Words,
) -> HistoryStep {
    let sealed = entry.map(|e| TimeView::in_zone(e.recorded_at, zone, words));
    let (role, content, reason) = match entry.map(|e| &e.body) {
        Some(Body::Amendment(a)) => (
            HistoryRole::Correction,
            Some(a.replacement.as_ref()),
            a.reason.clone(),
        ),
        Some(Body::Erasure(e)) => (HistoryRole::Removal, None, e.reason.clone()),
        Some(body) => (HistoryRole::Original, Some(body), None),
        // Content gone: the original, or a correction removed with it.
        None if seq == target => (HistoryRole::Original, None, None),
        None => (HistoryRole::Correction, None, None),
    };
    let id = match (role, &sealed) {
        (HistoryRole::Original, Some(_)) => "history-original",
        (HistoryRole::Correction, Some(_)) => "history-correction",
        (HistoryRole::Removal, Some(_)) => "history-removal",
        (_, None) => "history-content-removed",
    };
    let text = words.with(
        id,
        &[
            ("entry", seq.into()),
            (
                "sealed",
                sealed
                    .as_ref()
                    .map(|s| s.text.clone())
                    .unwrap_or_default()
                    .into(),
            ),
        ],
    );
    HistoryStep {
        seq,
        role,
        text,
        headline: content.map(|b| headline(b, names, words)),
        reason: reason
            .map(|r| r.trim().to_owned())
            .filter(|r| !r.is_empty()),
        fields: content.map(|b| fields(b, names, words)).unwrap_or_default(),
        sealed,
    }
}

/// Collects labelled lines, skipping empty values.
struct Lines<'a> {
    words: &'a Words,
    out: Vec<DetailField>,
}

impl Lines<'_> {
    fn add(&mut self, label_id: &str, value: impl Into<String>) {
        let value = value.into();
        if !value.trim().is_empty() {
            self.out.push(DetailField {
                label: self.words.text(label_id),
                value,
            });
        }
    }

    fn opt(&mut self, label_id: &str, value: Option<&String>) {
        if let Some(v) = value {
            self.add(label_id, v.trim());
        }
    }

    fn list(&mut self, label_id: &str, values: &[String]) {
        self.add(label_id, values.join(", "));
    }
}

/// The labelled lines of one version of an entry.
pub fn fields(body: &Body, names: &Names, words: &Words) -> Vec<DetailField> {
    let mut l = Lines {
        words,
        out: Vec::new(),
    };
    let people = |seqs: &[u64]| -> String {
        seqs.iter()
            .map(|&s| names.name_or_entry(s, words))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let entries = |seqs: &[u64]| -> String {
        seqs.iter()
            .map(|&s| words.with("entry-number", &[("entry", s.into())]))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match body {
        Body::Incident(i) => {
            l.add("detail-when", TimeView::of(i.occurred.start, words).text);
            if let Some(end) = i.occurred.end {
                l.add("detail-until", TimeView::of(end, words).text);
            }
            if i.occurred.approximate {
                l.add("detail-approximate", words.text("detail-yes"));
            }
            l.add("field-category", words.category(i.category));
            l.add("field-people", people(&i.people));
            if let Some(p) = &i.place {
                l.add("field-place", p.text.trim());
                l.opt("detail-saved-place", p.saved.as_ref());
                if let Some(c) = p.coordinates {
                    l.add("field-coordinates", format!("{:.5}, {:.5}", c.lat, c.lon));
                }
            }
            l.add("field-summary", i.summary.trim());
            l.opt("field-details", i.details.as_ref());
            if let Some(f) = i.impact.fear {
                l.add(
                    "field-fear",
                    words.with("detail-fear-value", &[("fear", f.into())]),
                );
            }
            let changes: Vec<String> = i
                .impact
                .changes
                .iter()
                .map(|c| words.life_change(c))
                .collect();
            l.list("detail-changes", &changes);
            l.opt("field-impact-notes", i.impact.notes.as_ref());
            let witnesses: Vec<String> = i
                .witnesses
                .iter()
                .map(|w| match &w.contact {
                    Some(c) => format!("{} ({})", w.name.trim(), c.trim()),
                    None => w.name.trim().to_owned(),
                })
                .collect();
            l.list("field-witnesses", &witnesses);
            let files: Vec<String> = i.attachments.iter().map(|a| file_line(a, words)).collect();
            l.list("field-attachments", &files);
        }
        Body::Person(p) => {
            l.add("field-name", p.name.trim());
            l.add("field-relationship", words.relationship(p.relationship));
            l.opt("detail-description", p.description.as_ref());
            l.list("detail-vehicles", &p.vehicles);
            l.list("detail-phones", &p.phones);
            l.list("detail-accounts", &p.accounts);
            l.opt("detail-previous-harassment", p.previous_harassment.as_ref());
            l.opt("detail-previous-violence", p.previous_violence.as_ref());
        }
        Body::Order(o) => {
            l.add("field-order-type", words.order_type(o.order_type));
            l.add("field-bound-person", names.name_or_entry(o.person, words));
            l.add("field-start-date", words.date(o.start));
            match o.end {
                Some(end) => l.add("field-end-day", words.date(end)),
                None => l.add("field-end-day", words.text("detail-no-end-date")),
            }
            let conditions: Vec<String> = o
                .conditions
                .iter()
                .map(|c| crate::summary::breaches::describe_condition(c, words))
                .collect();
            l.add("field-conditions", conditions.join("; "));
            l.opt("field-reference", o.reference.as_ref());
            l.opt("detail-issued-by", o.issued_by.as_ref());
        }
        Body::PoliceContact(c) => {
            l.add("detail-when", TimeView::of(c.at, words).text);
            if let Some(m) = c.method {
                l.add("detail-method", words.method(m));
            }
            l.opt("detail-force", c.force.as_ref());
            l.opt("field-reference", c.reference.as_ref());
            l.opt("detail-officer", c.officer.as_ref());
            l.add("field-reported", entries(&c.reported));
            l.opt("detail-advice", c.advice.as_ref());
            l.opt("detail-outcome", c.outcome.as_ref());
            l.opt("detail-follow-up", c.follow_up.as_ref());
        }
        Body::MessageLog(m) => {
            l.add("detail-source", words.source(m.source));
            l.opt("detail-time-zone", m.time_zone.as_ref());
            l.add("field-people", people(&m.people));
            l.list("detail-chosen-senders", &m.chosen_senders);
            l.add("detail-messages", m.messages.len().to_string());
            if !m.calls.is_empty() {
                l.add("detail-calls", m.calls.len().to_string());
            }
            l.add("detail-original-file", file_line(&m.original, words));
        }
        Body::Amendment(a) => {
            l.add(
                "field-target",
                words.with("entry-number", &[("entry", a.target.into())]),
            );
            l.opt("field-reason", a.reason.as_ref());
        }
        Body::Erasure(e) => {
            l.add(
                "field-target",
                words.with("entry-number", &[("entry", e.target.into())]),
            );
            l.add("detail-kind", words.kind(e.kind));
            l.opt("field-reason", e.reason.as_ref());
        }
    }
    l.out
}

/// "photo.jpg (image/jpeg, 2.1 MB, SHA-256 ab12…)".
fn file_line(a: &AttachmentRef, words: &Words) -> String {
    words.with(
        "detail-file",
        &[
            ("name", a.file_name.as_deref().unwrap_or("").into()),
            ("type", a.media_type.as_str().into()),
            ("size", a.size.into()),
            ("sha256", a.sha256.get(..12).unwrap_or(&a.sha256).into()),
        ],
    )
}
