//! Course-of-conduct analysis: counts, escalation, order breaches, risk indicators, and the
//! "summary for officers" that opens every report.
//!
//! The 2024 review of police handling of stalking found each report dealt with on its own:
//! nobody saw the pattern, the escalation, or that bail had been breached for the ninth
//! time. [`summarise`] reads every disclosed entry at once and states the pattern as facts
//! the victim recorded ("recorded: 4 visits to work between 3 and 9 March 2024"), never as
//! legal conclusions.
//!
//! Rules shared by every part of the analysis (each is pinned by a test):
//! - **Current version.** Amended entries count as amended; erased entries are not
//!   counted, only tallied in [`Summary::erased_entries`].
//! - **Local dates.** An incident's date is the date of `occurred.start` in its own recorded
//!   UTC offset: the calendar day the victim lived it, whatever the clock change or the
//!   zone the report is read in. Ranges count once, at their start. Approximate times
//!   count normally and are tallied in [`Summary::approximate_times`].
//! - **Time order.** Where order matters (breach numbers, first occurrences) entries are
//!   ordered by the instant they happened, then by entry number.
//! - **Imported conversations** count message by message: 37 messages in one night are 37
//!   contacts. See [`counts`] for which messages count and how overlapping imports of the
//!   same chat are not double counted.
//!
//! The parts: [`counts`] (totals, categories, severity order, people, period), [`weeks`]
//! (ISO weeks and trend), [`breaches`] (orders), [`indicators`] (risk-screening facts),
//! [`police`] (police contacts and references). The report draws it
//! (`report::summary`).

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;

use crate::locale::Words;
use crate::model::{
    Category, ContactMethod, EntryStatus, EntryView, Incident, MessageLog, Order, OrderType,
    Person, PoliceContact, Relationship, Transcripts,
};

pub mod breaches;
pub mod counts;
pub mod indicators;
pub mod overview;
pub mod police;
pub mod weeks;

#[cfg(test)]
mod tests;

pub use counts::{CategoryCounts, severity_rank};
pub use indicators::{
    CategoryIndicator, FearIndicator, FearPoint, Indicators, LifeChangeFact, PreviousIndicator,
    VisitWindow, VisitWindowMax,
};
pub use overview::Overview;
pub use weeks::{Direction, MAX_WEEKS, Trend, TrendWindow, WeekCount};

/// What a summary covers. Every field is optional; the default covers everything given.
///
/// - `person` keeps incidents whose `people` name that person entry, imported
///   conversations whose `people` include them, orders binding them, police contacts that
///   reported at least one disclosed incident naming them, and their person entry's
///   previous harassment or violence.
/// - `from` and `to` are inclusive local dates (see the module's rule on local dates),
///   applied to incidents, imported messages and calls, and police contacts.
/// - Breach numbers ignore the filter: they count over every disclosed entry, so "breach 9"
///   means the same in every summary; the filter only chooses which breaches are listed.
/// - Erased entries have no date or people left, so `erased_entries` counts all of them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SummaryFilter {
    /// Only incidents naming this person entry, and imported conversations with them.
    pub person: Option<u64>,
    /// First local date included (inclusive).
    pub from: Option<NaiveDate>,
    /// Last local date included (inclusive).
    pub to: Option<NaiveDate>,
}

impl SummaryFilter {
    /// Whether a local date is inside the filter's dates (both ends inclusive).
    pub fn includes_date(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|from| day >= from) && self.to.is_none_or(|to| day <= to)
    }

    /// Whether a list of person entries passes the person filter.
    pub fn includes_people(&self, people: &[u64]) -> bool {
        self.person.is_none_or(|p| people.contains(&p))
    }
}

/// The first and last local dates of the recorded events (incidents and counted imported
/// messages and calls) in the summary.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// Date of the first event.
    pub first: NaiveDate,
    /// Date of the last event.
    pub last: NaiveDate,
    /// Calendar days from first to last, both included.
    pub days: i64,
}

/// The longest stretch between two consecutive days with a recorded event.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct QuietGap {
    /// The day of the event before the gap.
    pub from: NaiveDate,
    /// The day of the event after the gap.
    pub to: NaiveDate,
    /// Days from `from` to `to` (so `days - 1` whole days passed with nothing recorded).
    pub days: i64,
    /// The fact in words.
    pub text: String,
}

/// The date a category was first recorded.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct FirstOccurrence {
    /// The category.
    pub category: Category,
    /// Its rank in the severity order ([`severity_rank`]).
    pub severity: u8,
    /// Local date of its first incident.
    pub date: NaiveDate,
    /// That incident's entry number.
    pub entry: u64,
    /// The fact in words.
    pub text: String,
}

/// Where a breach was recorded.
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum BreachSource {
    /// An incident entry.
    Incident,
    /// One message of an imported conversation.
    Message,
    /// One call of an imported call log.
    Call,
}

/// One recorded event that contradicts a condition of a recorded order.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct Breach {
    /// The order's entry number.
    pub order: u64,
    /// The entry number of the incident, or of the message log for imported messages.
    pub incident: u64,
    /// What `incident` is.
    pub source: BreachSource,
    /// For imported messages and calls: the position in the log's messages (or calls),
    /// from 0.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message_index: Option<usize>,
    /// 1-based count of breaches of this order, in time order.
    pub number: usize,
    /// When it happened, with its recorded offset.
    pub at: DateTime<FixedOffset>,
    /// Its local date.
    pub date: NaiveDate,
    /// The condition(s) contradicted, in words ("no contact", "stay away from …").
    pub condition: String,
    /// E.g. "breach 9 of the bail conditions of 3 March 2024".
    pub text: String,
}

/// A recorded order and how often the summary's events contradict it.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct OrderSummary {
    /// The order's entry number.
    pub entry: u64,
    /// Its kind.
    pub order_type: OrderType,
    /// The person entry it binds.
    pub person: u64,
    /// First day in force.
    pub start: NaiveDate,
    /// Last day in force, if any.
    pub end: Option<NaiveDate>,
    /// The court or police reference, trimmed.
    pub reference: Option<String>,
    /// Its conditions in words.
    pub conditions: Vec<String>,
    /// E.g. "the bail conditions of 3 March 2024".
    pub name: String,
    /// Breaches among every disclosed entry (what the breach numbers count).
    pub breaches_total: usize,
    /// Breaches inside this summary's filter.
    pub breaches_in_summary: usize,
    /// The tally in words.
    pub text: String,
}

/// One contact with the police, as recorded.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct PoliceContactSummary {
    /// Entry number.
    pub entry: u64,
    /// When, with its recorded offset.
    pub at: DateTime<FixedOffset>,
    /// Local date.
    pub date: NaiveDate,
    /// How.
    pub method: Option<ContactMethod>,
    /// The force.
    pub force: Option<String>,
    /// The reference number, trimmed; `None` when none was given.
    pub reference: Option<String>,
    /// Officer name and number.
    pub officer: Option<String>,
    /// Incidents reported (entry numbers).
    pub reported: Vec<u64>,
    /// The advice, as the victim heard it.
    pub advice: Option<String>,
    /// The outcome.
    pub outcome: Option<String>,
    /// What was promised next.
    pub follow_up: Option<String>,
    /// The advice mentions blocking (see [`police::mentions_blocking`]).
    pub advised_blocking: bool,
    /// Why blocking advice is flagged, when it is.
    pub blocking_note: Option<String>,
}

/// The distinct police references given for reports about one person.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct PersonReferences {
    /// The person entry.
    pub person: u64,
    /// The distinct references, as first written.
    pub references: Vec<String>,
    /// How many.
    pub count: usize,
    /// The fact in words.
    pub text: String,
}

/// The counts for one person entry (the name is left out: it is in the person entry).
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct PersonCounts {
    /// The person entry.
    pub person: u64,
    /// Their relationship to the victim, when the person entry is disclosed.
    pub relationship: Option<Relationship>,
    /// Incidents naming them.
    pub incidents_total: usize,
    /// Those incidents by category.
    pub by_category: CategoryCounts,
    /// Imported messages counted from conversations with them.
    pub messages_counted: usize,
    /// Imported calls counted from call logs with them.
    pub calls_counted: usize,
    /// Their first and last recorded event.
    pub period: Option<Period>,
}

/// The course-of-conduct summary. Serialises to the JSON the CLI prints and the report reads.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Summary {
    /// What the summary covers.
    pub filter: SummaryFilter,
    /// First and last recorded event.
    pub period: Option<Period>,
    /// Incidents counted (current versions, not erased, inside the filter).
    pub incidents_total: usize,
    /// Incidents by category (every category, zeros included).
    pub by_category: CategoryCounts,
    /// Incidents whose time the victim marked as approximate.
    pub approximate_times: usize,
    /// Incidents recorded as a from–to range (counted once, at the start).
    pub ranges: usize,
    /// Counted incidents that were corrected (counted as corrected).
    pub amended_incidents: usize,
    /// Entries of any kind whose content was erased (not counted anywhere else).
    pub erased_entries: usize,
    /// Of those, incidents.
    pub erased_incidents: usize,
    /// Messages counted from imported conversations, one contact each.
    pub messages_counted: usize,
    /// Calls counted from imported call logs, one contact each.
    pub calls_counted: usize,
    /// Messages and calls found in more than one import of the same conversation and
    /// counted once.
    pub duplicate_imports_skipped: usize,
    /// Every ISO week from the first to the last event, zeros included.
    pub weeks: Vec<WeekCount>,
    /// Earliest weeks left out of `weeks` because the period exceeds [`MAX_WEEKS`].
    pub weeks_omitted: usize,
    /// Frequency and severity, earlier against later.
    pub trend: Option<Trend>,
    /// The longest gap between recorded events.
    pub longest_quiet_gap: Option<QuietGap>,
    /// When each category first appeared, in severity order.
    pub first_occurrences: Vec<FirstOccurrence>,
    /// The facts a stalking risk screening asks about.
    pub indicators: Indicators,
    /// Recorded orders relevant to the summary, with their breach tallies.
    pub orders: Vec<OrderSummary>,
    /// Every breach inside the filter, in time order (of each order, message breaches up
    /// to [`breaches::MAX_LISTED_BREACHES`], the earliest).
    pub order_breaches: Vec<Breach>,
    /// Breaches inside the filter counted but not listed in `order_breaches`.
    pub breaches_not_listed: usize,
    /// Every police contact inside the filter, in time order.
    pub police_contacts: Vec<PoliceContactSummary>,
    /// Distinct police references per person.
    pub distinct_references_per_person: Vec<PersonReferences>,
    /// The counts per person entry.
    pub per_person: Vec<PersonCounts>,
    /// The opening facts in words: period, what was recorded, how it was counted.
    pub overview: Overview,
}

/// An incident as the analysis reads it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Inc<'a> {
    pub seq: u64,
    pub incident: &'a Incident,
    pub amended: bool,
    /// Local date of `occurred.start`.
    pub date: NaiveDate,
    /// Inside the summary's filter.
    pub in_scope: bool,
}

impl Inc<'_> {
    pub fn at(&self) -> DateTime<FixedOffset> {
        self.incident.occurred.start
    }
    pub fn category(&self) -> Category {
        self.incident.category
    }
}

/// Every disclosed entry, sorted out by kind, with the filter applied as flags so that
/// parts which must see everything (breach numbers) can.
pub(crate) struct Scope<'a> {
    pub filter: &'a SummaryFilter,
    /// The language the sentences are written in.
    pub words: &'a Words,
    /// All incidents, in time order.
    pub incidents: Vec<Inc<'a>>,
    /// Counted imported messages and calls inside the filter, by log and day.
    pub imported: counts::ImportedTally,
    pub persons: Vec<(u64, &'a Person)>,
    pub orders: Vec<(u64, &'a Order)>,
    pub police: Vec<(u64, &'a PoliceContact)>,
    pub logs: Vec<(u64, &'a MessageLog)>,
    pub erased_entries: usize,
    pub erased_incidents: usize,
}

impl<'a> Scope<'a> {
    fn new(entries: &'a [EntryView], filter: &'a SummaryFilter, words: &'a Words) -> Self {
        let mut scope = Scope {
            filter,
            words,
            incidents: Vec::new(),
            imported: counts::ImportedTally::default(),
            persons: Vec::new(),
            orders: Vec::new(),
            police: Vec::new(),
            logs: Vec::new(),
            erased_entries: 0,
            erased_incidents: 0,
        };
        for view in entries {
            if view.status == EntryStatus::Erased || view.current.is_none() {
                scope.erased_entries += 1;
                if view.kind == crate::model::EntryKind::Incident {
                    scope.erased_incidents += 1;
                }
                continue;
            }
            if let Some(incident) = view.incident() {
                let date = incident.occurred.start.date_naive();
                scope.incidents.push(Inc {
                    seq: view.seq,
                    incident,
                    amended: view.status == EntryStatus::Amended,
                    date,
                    in_scope: filter.includes_date(date)
                        && filter.includes_people(&incident.people),
                });
            } else if let Some(p) = view.person() {
                scope.persons.push((view.seq, p));
            } else if let Some(o) = view.order() {
                scope.orders.push((view.seq, o));
            } else if let Some(pc) = view.police_contact() {
                scope.police.push((view.seq, pc));
            } else if let Some(log) = view.message_log() {
                scope.logs.push((view.seq, log));
            }
        }
        scope.incidents.sort_by_key(|i| (i.at().to_utc(), i.seq));
        scope
    }

    /// Incidents inside the filter, in time order.
    pub fn scoped_incidents(&self) -> impl Iterator<Item = &Inc<'a>> {
        self.incidents.iter().filter(|i| i.in_scope)
    }

    /// The local dates with an event inside the filter (incidents, messages, calls),
    /// sorted, each once.
    pub fn event_dates(&self) -> Vec<NaiveDate> {
        let mut dates: Vec<NaiveDate> = self
            .scoped_incidents()
            .map(|i| i.date)
            .chain(self.imported.by_day.keys().map(|&(_, d, _)| d))
            .collect();
        dates.sort_unstable();
        dates.dedup();
        dates
    }

    /// A disclosed incident by entry number.
    pub fn incident(&self, seq: u64) -> Option<&Inc<'a>> {
        self.incidents.iter().find(|i| i.seq == seq)
    }
}

/// Summarises every entry the diary (or a pack) discloses, in seq order, as the course of
/// conduct an officer needs to see, in British English (the language of reports).
/// Entries it cannot place (erased, or referring to entries not disclosed) are counted as
/// such or left out.
///
/// Imported conversations are read through `transcripts` (the diary, for transcripts it
/// holds; [`crate::model::InlineOnly`] for views without one), a message at a time: once,
/// and a second time only when an order has more message breaches than are listed (to
/// number the listed ones). Memory grows with the days the conversations span, not with
/// their messages. Fails only when a conversation's messages cannot be read.
pub fn summarise(
    entries: &[EntryView],
    filter: &SummaryFilter,
    transcripts: &dyn Transcripts,
) -> crate::Result<Summary> {
    summarise_in(entries, filter, transcripts, Words::en_gb())
}

/// [`summarise`], with every sentence in the language of `words`.
pub fn summarise_in(
    entries: &[EntryView],
    filter: &SummaryFilter,
    transcripts: &dyn Transcripts,
    words: &Words,
) -> crate::Result<Summary> {
    let mut scope = Scope::new(entries, filter, words);
    let mut watch = breaches::Watch::new(&scope);
    let logs = scope.logs.clone();
    let people = |c: &counts::Contact| logs.get(c.log).map_or(&[][..], |(_, l)| &l.people[..]);
    scope.imported =
        counts::imported_contacts(&logs, filter, transcripts, &mut |c| watch.see(c, people(c)))?;
    if watch.needs_second_reading() {
        counts::imported_contacts(&logs, filter, transcripts, &mut |c| {
            watch.rank(c, people(c))
        })?;
    }
    let totals = counts::totals(&scope);
    let (weeks, weeks_omitted) = weeks::weekly(&scope);
    let trend = weeks::trend(&weeks, &scope);
    let (orders, order_breaches, breaches_not_listed) = watch.finish(&scope);
    let police_contacts = police::contacts(&scope);
    let distinct_references_per_person = police::references_per_person(&scope, &police_contacts);
    let mut summary = Summary {
        filter: filter.clone(),
        period: counts::period(&scope.event_dates()),
        incidents_total: totals.incidents_total,
        by_category: totals.by_category,
        approximate_times: totals.approximate_times,
        ranges: totals.ranges,
        amended_incidents: totals.amended_incidents,
        erased_entries: scope.erased_entries,
        erased_incidents: scope.erased_incidents,
        messages_counted: totals.messages_counted,
        calls_counted: totals.calls_counted,
        duplicate_imports_skipped: scope.imported.skipped,
        weeks,
        weeks_omitted,
        trend,
        longest_quiet_gap: counts::longest_quiet_gap(&scope.event_dates(), words),
        first_occurrences: counts::first_occurrences(&scope),
        indicators: indicators::indicators(&scope),
        orders,
        order_breaches,
        breaches_not_listed,
        police_contacts,
        distinct_references_per_person,
        per_person: counts::per_person(&scope),
        overview: Overview::default(),
    };
    summary.overview = overview::overview(&summary, words);
    Ok(summary)
}
