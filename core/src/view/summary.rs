//! The summary screen: the course-of-conduct summary for officers as the app, the CLI and
//! the report show it — period, counts, the weekly chart's bars, the indicator sentences,
//! every breach, every police contact with advice to block flagged — all from one
//! [`crate::summary::Summary`], in the shell's language.

use chrono::NaiveDate;

use crate::locale::Words;
use crate::model::{Category, EntryView, Transcripts};
use crate::summary::{SummaryFilter, summarise_in};

/// Incidents of one category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryCount {
    /// The category.
    pub category: Category,
    /// Its label.
    pub label: String,
    /// How many incidents.
    pub count: u64,
}

/// One bar of the weekly chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekBar {
    /// The ISO week, "2024-W10".
    pub week: String,
    /// Its Monday.
    pub starts: NaiveDate,
    /// Incidents in it.
    pub incidents: u64,
    /// Imported messages and calls counted in it.
    pub imported: u64,
    /// Both together: the bar's height.
    pub total: u64,
    /// The week's incidents by category (categories with none left out).
    pub by_category: Vec<CategoryCount>,
}

/// One order and its breaches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderLine {
    /// The order's entry number.
    pub entry: u64,
    /// "Breaches recorded: 9 of the bail conditions of 3 March 2024."
    pub text: String,
    /// Breaches among every disclosed entry.
    pub breaches: u64,
}

/// One breach of an order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BreachLine {
    /// The order's entry number.
    pub order: u64,
    /// The incident or message log that breached it.
    pub entry: u64,
    /// Its number within the order, from 1.
    pub number: u64,
    /// Its local date.
    pub date: NaiveDate,
    /// "breach 9 of the bail conditions of 3 March 2024".
    pub text: String,
}

/// One police contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoliceLine {
    /// Its entry number.
    pub entry: u64,
    /// Its local date.
    pub date: NaiveDate,
    /// The reference given, if any.
    pub reference: Option<String>,
    /// The advice mentions blocking.
    pub advised_blocking: bool,
    /// Why that is flagged, when it is.
    pub blocking_note: Option<String>,
}

/// The summary screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryView {
    /// "3 March 2024 to 9 April 2024 (38 days)".
    pub period: String,
    /// The first and last dates of the recorded events.
    pub first: Option<NaiveDate>,
    /// The last.
    pub last: Option<NaiveDate>,
    /// "12 incidents, and 37 messages from imported conversations …".
    pub recorded: String,
    /// How the figures were counted, one sentence each.
    pub notes: Vec<String>,
    /// Incidents counted.
    pub incidents_total: u64,
    /// Incidents by category, most severe first, categories with none left out.
    pub by_category: Vec<CategoryCount>,
    /// The weekly chart, oldest first.
    pub weeks: Vec<WeekBar>,
    /// The comparison of earlier and later weeks, when there are enough.
    pub trend: Option<String>,
    /// The risk-screening indicators as recorded facts, in the report's order.
    pub indicators: Vec<String>,
    /// The longest gap between recorded events, and when each category first appeared.
    pub pattern: Vec<String>,
    /// Every recorded order with its tally.
    pub orders: Vec<OrderLine>,
    /// Every breach, in time order.
    pub breaches: Vec<BreachLine>,
    /// Every police contact, in time order.
    pub police_contacts: Vec<PoliceLine>,
    /// Distinct police references per person, as sentences.
    pub references: Vec<String>,
    /// Entries whose content the owner erased.
    pub erased_entries: u64,
}

fn counts(present: Vec<(Category, usize)>, words: &Words) -> Vec<CategoryCount> {
    present
        .into_iter()
        .rev()
        .map(|(category, n)| CategoryCount {
            category,
            label: words.category(category),
            count: n as u64,
        })
        .collect()
}

/// The summary screen for the entries given (every entry as the diary shows it), their
/// imported conversations read through `transcripts` (the diary). Fails only when a
/// conversation's messages cannot be read.
pub fn summary_view(
    views: &[EntryView],
    filter: &SummaryFilter,
    transcripts: &dyn Transcripts,
    words: &Words,
) -> crate::Result<SummaryView> {
    let s = summarise_in(views, filter, transcripts, words)?;
    let mut pattern: Vec<String> = s.longest_quiet_gap.iter().map(|g| g.text.clone()).collect();
    pattern.extend(s.first_occurrences.iter().map(|f| f.text.clone()));
    Ok(SummaryView {
        period: s.overview.period.clone(),
        first: s.period.as_ref().map(|p| p.first),
        last: s.period.as_ref().map(|p| p.last),
        recorded: s.overview.recorded.clone(),
        notes: s.overview.notes.clone(),
        incidents_total: s.incidents_total as u64,
        by_category: counts(s.by_category.present(), words),
        weeks: s
            .weeks
            .iter()
            .map(|w| WeekBar {
                week: w.week.clone(),
                starts: w.starts,
                incidents: w.count as u64,
                imported: w.imported as u64,
                total: w.total as u64,
                by_category: counts(w.by_category.present(), words),
            })
            .collect(),
        trend: s.trend.as_ref().map(|t| t.text.clone()),
        indicators: s
            .indicators
            .sentences()
            .into_iter()
            .map(str::to_owned)
            .collect(),
        pattern,
        orders: s
            .orders
            .iter()
            .map(|o| OrderLine {
                entry: o.entry,
                text: o.text.clone(),
                breaches: o.breaches_total as u64,
            })
            .collect(),
        breaches: s
            .order_breaches
            .iter()
            .map(|b| BreachLine {
                order: b.order,
                entry: b.incident,
                number: b.number as u64,
                date: b.date,
                text: b.text.clone(),
            })
            .collect(),
        police_contacts: s
            .police_contacts
            .iter()
            .map(|p| PoliceLine {
                entry: p.entry,
                date: p.date,
                reference: p.reference.clone(),
                advised_blocking: p.advised_blocking,
                blocking_note: p.blocking_note.clone(),
            })
            .collect(),
        references: s
            .distinct_references_per_person
            .iter()
            .map(|r| r.text.clone())
            .collect(),
        erased_entries: s.erased_entries as u64,
    })
}
