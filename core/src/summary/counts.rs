//! Totals: incidents by category, the severity order of categories, which imported
//! messages and calls count, the period, the longest quiet gap, first occurrences, and the
//! same counts per person.

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;
use serde::ser::SerializeMap;

use super::{BreachSource, FirstOccurrence, Period, PersonCounts, QuietGap, Scope, SummaryFilter};
use crate::error::Result;
use crate::locale::Words;
use crate::model::{Category, MessageLog, MessageStatus, TranscriptLine, Transcripts};

/// The severity rank of a category, 1 (least) to 9 (most):
///
/// | rank | categories |
/// |---|---|
/// | 1 | message, call, email-or-letter, gift-or-item, online, other |
/// | 2 | third-party-contact |
/// | 3 | sighting-or-following, loitering, tracking-or-device-misuse |
/// | 4 | visit-other |
/// | 5 | visit-work |
/// | 6 | visit-home |
/// | 7 | property-damage |
/// | 8 | threat |
/// | 9 | violence |
///
/// Why this order: it follows the escalation stalking risk screenings (S-DASH, SASH) look
/// for. Remote contact is the common base (rank 1). Drawing in third parties widens the
/// behaviour beyond the victim (2). Being watched, waited for or tracked shows the person
/// knows where the victim is (3). Turning up in person is next, and the more private the
/// place the more it shows: somewhere else (4), work (5), home, where the victim sleeps and
/// should be safe (6). Attacks on property (7), threats (8) and violence (9) are the
/// strongest predictors of harm and head the list. "Other" has no known severity, so it
/// ranks with the base and can never make a trend look worse than it was recorded.
pub fn severity_rank(category: Category) -> u8 {
    match category {
        Category::Message
        | Category::Call
        | Category::EmailOrLetter
        | Category::GiftOrItem
        | Category::Online
        | Category::Other => 1,
        Category::ThirdPartyContact => 2,
        Category::SightingOrFollowing | Category::Loitering | Category::TrackingOrDeviceMisuse => 3,
        Category::VisitOther => 4,
        Category::VisitWork => 5,
        Category::VisitHome => 6,
        Category::PropertyDamage => 7,
        Category::Threat => 8,
        Category::Violence => 9,
    }
}

/// Every category, least severe first ([`severity_rank`]; within a rank, in form order).
pub fn severity_order() -> Vec<Category> {
    let mut all = Category::ALL.to_vec();
    // Stable sort keeps form order within a rank.
    all.sort_by_key(|c| severity_rank(*c));
    all
}

fn index_of(category: Category) -> usize {
    Category::ALL
        .iter()
        .position(|c| *c == category)
        .unwrap_or(0)
}

/// A count for every category. Serialises as a JSON object keyed by
/// [`Category::as_str`], every category present (zeros included) in form order, so the
/// shape never depends on the data.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CategoryCounts([usize; 16]);

impl CategoryCounts {
    /// The count for one category.
    pub fn get(&self, category: Category) -> usize {
        self.0[index_of(category)]
    }

    /// Adds one to a category.
    pub fn add(&mut self, category: Category) {
        self.0[index_of(category)] += 1;
    }

    /// The sum over all categories.
    pub fn total(&self) -> usize {
        self.0.iter().sum()
    }

    /// The categories with a non-zero count, least severe first.
    pub fn present(&self) -> Vec<(Category, usize)> {
        severity_order()
            .into_iter()
            .map(|c| (c, self.get(c)))
            .filter(|(_, n)| *n > 0)
            .collect()
    }
}

impl Serialize for CategoryCounts {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(Category::ALL.len()))?;
        for c in Category::ALL {
            map.serialize_entry(c.as_str(), &self.get(c))?;
        }
        map.end()
    }
}

pub(crate) struct Totals {
    pub incidents_total: usize,
    pub by_category: CategoryCounts,
    pub approximate_times: usize,
    pub ranges: usize,
    pub amended_incidents: usize,
    pub messages_counted: usize,
    pub calls_counted: usize,
}

pub(crate) fn totals(scope: &Scope<'_>) -> Totals {
    let mut t = Totals {
        incidents_total: 0,
        by_category: CategoryCounts::default(),
        approximate_times: 0,
        ranges: 0,
        amended_incidents: 0,
        messages_counted: 0,
        calls_counted: 0,
    };
    for i in scope.scoped_incidents() {
        t.incidents_total += 1;
        t.by_category.add(i.category());
        t.approximate_times += usize::from(i.incident.occurred.approximate);
        t.ranges += usize::from(i.incident.occurred.end.is_some());
        t.amended_incidents += usize::from(i.amended);
    }
    for (&(_, _, call), &n) in &scope.imported.by_day {
        if call {
            t.calls_counted += n;
        } else {
            t.messages_counted += n;
        }
    }
    t
}

/// One counted message or call, as the conversations are read.
pub(crate) struct Contact {
    /// Position of its log in [`Scope::logs`].
    pub log: usize,
    /// The log's entry number.
    pub seq: u64,
    /// Position among the log's messages (or calls), from 0.
    pub index: usize,
    pub source: BreachSource,
    pub at: DateTime<FixedOffset>,
    pub date: NaiveDate,
    pub in_scope: bool,
}

/// Counted imported messages and calls inside the filter, by log and local day: all that
/// the totals, weeks, dates and per-person counts need, in memory that grows with the
/// days a conversation spans, not with its messages.
#[derive(Debug, Default)]
pub(crate) struct ImportedTally {
    /// (log position, local date, is a call) → contacts that day.
    pub by_day: BTreeMap<(usize, NaiveDate, bool), usize>,
    /// Found in more than one import of the same conversation and counted once.
    pub skipped: usize,
}

impl ImportedTally {
    fn add(&mut self, c: &Contact) {
        if c.in_scope {
            *self
                .by_day
                .entry((c.log, c.date, c.source == BreachSource::Call))
                .or_insert(0) += 1;
        }
    }
}

/// Which imported messages and calls count as contacts, one each; `each` sees every one
/// (inside the filter or not), in each log's stored order, logs in entry order.
///
/// A message counts when its sender is one the victim chose (`chosen`, or the sender is in
/// the log's `chosen_senders`), it was not sent by the victim (`outgoing`), and it is not
/// a line the app wrote (`System`). Deleted messages and omitted media count: the contact
/// happened even if its content is gone. A call counts when it is chosen (or its number is
/// in `chosen_senders`) and it was not outgoing.
///
/// The same chat may be imported twice (an export in March, another in April holding the
/// March messages again). Counting both would inflate the record and hand the defence a
/// reason to doubt all of it, so across logs a message identical in instant, sender and
/// text is counted as many times as the log holding it most often holds it, not the sum
/// (repeats inside one log are real and all count); the rest are tallied as duplicates.
/// The same conversation imported with different time zones cannot be recognised. Only
/// logs whose time spans overlap another's can share a message, so only theirs are
/// compared, each message by a 64-bit hash of what identifies it.
pub(crate) fn imported_contacts(
    logs: &[(u64, &MessageLog)],
    filter: &SummaryFilter,
    transcripts: &dyn Transcripts,
    each: &mut dyn FnMut(&Contact),
) -> Result<ImportedTally> {
    let spans: Vec<_> = logs.iter().map(|(_, l)| l.time_span()).collect();
    let overlaps = |i: usize| {
        spans.get(i).copied().flatten().is_some_and(|(a, b)| {
            spans
                .iter()
                .enumerate()
                .any(|(j, s)| j != i && s.is_some_and(|(c, d)| a <= d && c <= b))
        })
    };
    let mut tally = ImportedTally::default();
    let mut seen: HashMap<u64, u32> = HashMap::new();
    for (position, (seq, log)) in logs.iter().enumerate() {
        let compare = overlaps(position);
        let chosen_sender = |s: &str| {
            let s = s.trim();
            !s.is_empty() && log.chosen_senders.iter().any(|c| c.trim() == s)
        };
        let in_scope =
            |date: NaiveDate| filter.includes_date(date) && filter.includes_people(&log.people);
        let mut local: HashMap<u64, u32> = HashMap::new();
        let (mut messages, mut calls) = (0usize, 0usize);
        transcripts.for_each_line(*seq, log, &mut |line| {
            let (counts, source, index, at, key) = match &line {
                TranscriptLine::Message(m) => {
                    messages += 1;
                    let counts = (m.chosen || chosen_sender(&m.sender))
                        && !m.outgoing
                        && m.status != MessageStatus::System;
                    let key = compare.then(|| identity(false, &m.at, &m.sender, &m.text, 0));
                    (counts, BreachSource::Message, messages - 1, m.at, key)
                }
                TranscriptLine::Call(c) => {
                    calls += 1;
                    let outgoing = c.direction.trim().eq_ignore_ascii_case("outgoing");
                    let counts = (c.chosen || chosen_sender(&c.number)) && !outgoing;
                    let key = compare.then(|| {
                        identity(true, &c.at, &c.number, &c.direction, c.duration_seconds)
                    });
                    (counts, BreachSource::Call, calls - 1, c.at, key)
                }
            };
            if !counts {
                return Ok(());
            }
            if let Some(key) = key {
                let n = local.entry(key).or_insert(0);
                *n += 1;
                let before = seen.entry(key).or_insert(0);
                if *n <= *before {
                    tally.skipped += 1;
                    return Ok(());
                }
                *before = *n;
            }
            let date = at.date_naive();
            let contact = Contact {
                log: position,
                seq: *seq,
                index,
                source,
                at,
                date,
                in_scope: in_scope(date),
            };
            tally.add(&contact);
            each(&contact);
            Ok(())
        })?;
    }
    Ok(tally)
}

/// What makes two imported messages (or calls) the same one, hashed.
fn identity(call: bool, at: &DateTime<FixedOffset>, who: &str, what: &str, seconds: u64) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (
        call,
        at.timestamp(),
        at.timestamp_subsec_nanos(),
        who,
        what,
        seconds,
    )
        .hash(&mut h);
    h.finish()
}

/// First and last of a sorted list of dates.
pub(crate) fn period(dates: &[NaiveDate]) -> Option<Period> {
    let (first, last) = (*dates.first()?, *dates.last()?);
    Some(Period {
        first,
        last,
        days: (last - first).num_days() + 1,
    })
}

/// The longest gap between consecutive distinct event dates (the earliest, if several tie).
/// `None` with fewer than two distinct dates.
pub(crate) fn longest_quiet_gap(dates: &[NaiveDate], words: &Words) -> Option<QuietGap> {
    let mut best: Option<(NaiveDate, NaiveDate, i64)> = None;
    for pair in dates.windows(2) {
        let days = (pair[1] - pair[0]).num_days();
        if days > 0 && best.is_none_or(|(_, _, b)| days > b) {
            best = Some((pair[0], pair[1], days));
        }
    }
    best.map(|(from, to, days)| QuietGap {
        from,
        to,
        days,
        text: words.with(
            "summary-quiet-gap",
            &[
                (
                    "days",
                    words.with("count-days", &[("n", days.into())]).into(),
                ),
                ("from", words.date(from).into()),
                ("to", words.date(to).into()),
            ],
        ),
    })
}

/// The first incident of each category inside the filter, in severity order.
pub(crate) fn first_occurrences(scope: &Scope<'_>) -> Vec<FirstOccurrence> {
    severity_order()
        .into_iter()
        .filter_map(|category| {
            // Incidents are in time order, so the first match is the first occurrence.
            let first = scope
                .scoped_incidents()
                .find(|i| i.category() == category)?;
            Some(FirstOccurrence {
                category,
                severity: severity_rank(category),
                date: first.date,
                entry: first.seq,
                text: scope.words.with(
                    "summary-first-occurrence",
                    &[
                        ("category", scope.words.category_lower(category).into()),
                        ("date", scope.words.date(first.date).into()),
                        ("entry", first.seq.into()),
                    ],
                ),
            })
        })
        .collect()
}

/// The counts per person entry: every disclosed person entry inside the person filter, and
/// any person an in-scope incident or conversation names whose entry was not disclosed.
pub(crate) fn per_person(scope: &Scope<'_>) -> Vec<PersonCounts> {
    let mut people: Vec<u64> = scope
        .persons
        .iter()
        .map(|(seq, _)| *seq)
        .filter(|seq| scope.filter.person.is_none_or(|p| p == *seq))
        .collect();
    for i in scope.scoped_incidents() {
        people.extend(&i.incident.people);
    }
    for &(log, _, _) in scope.imported.by_day.keys() {
        if let Some((_, l)) = scope.logs.get(log) {
            people.extend(&l.people);
        }
    }
    if let Some(p) = scope.filter.person {
        people.retain(|seq| *seq == p);
        people.push(p);
    }
    people.sort_unstable();
    people.dedup();
    people
        .into_iter()
        .map(|person| {
            let mut by_category = CategoryCounts::default();
            let mut dates = Vec::new();
            for i in scope
                .scoped_incidents()
                .filter(|i| i.incident.people.contains(&person))
            {
                by_category.add(i.category());
                dates.push(i.date);
            }
            let (mut messages_counted, mut calls_counted) = (0, 0);
            for (&(log, date, call), &n) in &scope.imported.by_day {
                if !scope
                    .logs
                    .get(log)
                    .is_some_and(|(_, l)| l.people.contains(&person))
                {
                    continue;
                }
                if call {
                    calls_counted += n;
                } else {
                    messages_counted += n;
                }
                dates.push(date);
            }
            dates.sort_unstable();
            PersonCounts {
                person,
                relationship: scope
                    .persons
                    .iter()
                    .find(|(seq, _)| *seq == person)
                    .map(|(_, p)| p.relationship),
                incidents_total: by_category.total(),
                by_category,
                messages_counted,
                calls_counted,
                period: period(&dates),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severity_order_runs_from_messages_to_violence() {
        let order = severity_order();
        assert_eq!(order.first(), Some(&Category::Message));
        assert_eq!(order.last(), Some(&Category::Violence));
        assert!(severity_rank(Category::VisitHome) > severity_rank(Category::VisitWork));
        assert!(severity_rank(Category::Threat) > severity_rank(Category::PropertyDamage));
        assert_eq!(severity_rank(Category::Other), 1);
        assert_eq!(order.len(), Category::ALL.len());
    }

    #[test]
    fn category_counts_serialise_every_category_by_name() {
        let mut c = CategoryCounts::default();
        c.add(Category::Threat);
        c.add(Category::Threat);
        let json = serde_json::to_value(&c).unwrap_or_default();
        assert_eq!(json["threat"], 2);
        assert_eq!(json["visit-home"], 0);
        assert_eq!(json.as_object().map(|o| o.len()), Some(16));
    }
}
