//! The opening facts of a summary in words: the period, what was recorded, and the notes
//! that explain how the figures were counted (approximate times, ranges, corrections,
//! erasures, duplicate imports). The report's first lines and the apps' summary screen both
//! show these.

use serde::Serialize;

use super::Summary;
use crate::locale::Words;

/// The opening facts of a summary, in words.
#[derive(Serialize, Debug, Clone, PartialEq, Eq, Default)]
pub struct Overview {
    /// "3 March 2024 to 9 April 2024 (38 days)", or that nothing was recorded.
    pub period: String,
    /// "12 incidents, and 37 messages from imported conversations (each message one contact)".
    pub recorded: String,
    /// How the figures were counted, one sentence each; empty when nothing needs saying.
    pub notes: Vec<String>,
}

pub(crate) fn overview(s: &Summary, words: &Words) -> Overview {
    let period = match &s.period {
        Some(p) => words.with(
            "summary-period",
            &[
                ("first", words.date(p.first).into()),
                ("last", words.date(p.last).into()),
                (
                    "days",
                    words.with("count-days", &[("n", p.days.into())]).into(),
                ),
            ],
        ),
        None => words.text("summary-period-none"),
    };
    let mut recorded = words.with(
        "summary-recorded-incidents",
        &[("n", s.incidents_total.into())],
    );
    if s.messages_counted > 0 {
        recorded += &words.with(
            "summary-recorded-messages",
            &[("n", s.messages_counted.into())],
        );
    }
    if s.calls_counted > 0 {
        recorded += &words.with("summary-recorded-calls", &[("n", s.calls_counted.into())]);
    }
    let notes = [
        ("summary-note-approximate", s.approximate_times),
        ("summary-note-ranges", s.ranges),
        ("summary-note-amended", s.amended_incidents),
        ("summary-note-erased", s.erased_entries),
        ("summary-note-duplicates", s.duplicate_imports_skipped),
    ]
    .into_iter()
    .filter(|(_, n)| *n > 0)
    .map(|(id, n)| words.with(id, &[("n", n.into())]))
    .collect();
    Overview {
        period,
        recorded,
        notes,
    }
}
