//! The one headline of an entry — the line that names it in the timeline, the CLI's
//! `list`, a picker and a history — and the names of the people entries refer to.

use std::collections::HashMap;

use crate::locale::Words;
use crate::model::{Body, EntryKind, EntryView, MessageLog};

/// The current names of the diary's people, to name them where entries refer to them.
#[derive(Debug, Clone, Default)]
pub struct Names(HashMap<u64, String>);

impl Names {
    /// The names of every person entry whose content stands.
    pub fn of(views: &[EntryView]) -> Names {
        Names(
            views
                .iter()
                .filter_map(|v| v.person().map(|p| (v.seq, p.name.trim().to_owned())))
                .collect(),
        )
    }

    /// Person `seq`'s name, if the entry is a person whose content stands.
    pub fn get(&self, seq: u64) -> Option<&str> {
        self.0.get(&seq).map(String::as_str)
    }

    /// Person `seq`'s name, or "entry 4" when it is not known.
    pub fn name_or_entry(&self, seq: u64, words: &Words) -> String {
        self.get(seq).map_or_else(
            || words.with("entry-number", &[("entry", seq.into())]),
            str::to_owned,
        )
    }
}

/// The headline of an entry's content.
pub fn headline(body: &Body, names: &Names, words: &Words) -> String {
    match body {
        Body::Incident(i) => words.with(
            "headline-incident",
            &[
                ("category", words.category(i.category).into()),
                ("summary", i.summary.trim().into()),
            ],
        ),
        Body::Person(p) => words.with(
            "headline-person",
            &[
                ("name", p.name.trim().into()),
                (
                    "relationship",
                    words.relationship_lower(p.relationship).into(),
                ),
            ],
        ),
        Body::Order(o) => {
            let mut args = vec![
                ("type", words.order_type(o.order_type).into()),
                ("person", names.name_or_entry(o.person, words).into()),
                ("start", words.date(o.start).into()),
            ];
            match o.end {
                Some(end) => {
                    args.push(("end", words.date(end).into()));
                    words.with("headline-order", &args)
                }
                None => words.with("headline-order-open", &args),
            }
        }
        Body::PoliceContact(c) => {
            let method = c.method.map(|m| words.method(m));
            let reference = c
                .reference
                .as_deref()
                .map(str::trim)
                .filter(|r| !r.is_empty());
            match (method, reference) {
                (None, None) => words.text("headline-police"),
                (Some(m), None) => words.with("headline-police-method", &[("method", m.into())]),
                (None, Some(r)) => {
                    words.with("headline-police-reference", &[("reference", r.into())])
                }
                (Some(m), Some(r)) => words.with(
                    "headline-police-method-reference",
                    &[("method", m.into()), ("reference", r.into())],
                ),
            }
        }
        Body::MessageLog(m) => message_log_headline(m, words),
        Body::Amendment(a) => words.with("headline-amendment", &[("entry", a.target.into())]),
        Body::Erasure(e) => words.with("headline-erasure", &[("entry", e.target.into())]),
    }
}

/// The headline of an entry whose content was removed: only its kind is left.
pub fn removed_headline(kind: EntryKind, words: &Words) -> String {
    words.with("headline-removed", &[("kind", words.kind(kind).into())])
}

fn message_log_headline(m: &MessageLog, words: &Words) -> String {
    let source = words.source(m.source);
    let (messages, calls) = (m.messages.len(), m.calls.len());
    let id = match (messages, calls) {
        (_, 0) => "headline-messages",
        (0, _) => "headline-calls",
        _ => "headline-messages-calls",
    };
    words.with(
        id,
        &[
            ("source", source.into()),
            ("messages", messages.into()),
            ("calls", calls.into()),
        ],
    )
}
