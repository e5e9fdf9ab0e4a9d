//! Breaches of recorded orders, counted one by one and numbered per order.
//!
//! The review found bail breached in 10 of 12 cases and one arrest: each breach was seen
//! alone. Here an event breaches an order when, as recorded:
//! - the order binds a person the event names (an incident's `people`, a message log's
//!   `people`);
//! - the event's local date is one the order is in force ([`Order::in_force_on`]; an order
//!   with no end stays in force);
//! - it contradicts a condition:
//!   - **no contact** (direct or indirect): any incident naming the bound person, of any
//!     category (a third-party contact is indirect contact), and every counted message or
//!     call of an imported conversation with them (see [`super::counts`]), one breach each;
//!   - **stay away from a place**: an incident whose place (its text or its saved name)
//!     matches the condition's place ([`place_matches`]).
//!   - other conditions are written in free text and are never matched automatically.
//!
//! Breaches are numbered 1, 2, 3 … per order in the time order they happened, over every
//! disclosed entry, so "breach 9" means the same whatever dates or person the summary is
//! filtered to; the summary lists those inside its filter. An incident that contradicts
//! two conditions of one order is one breach of that order, naming both conditions.

use std::collections::BinaryHeap;

use super::counts::Contact;
use super::{Breach, BreachSource, OrderSummary, Scope};
use crate::locale::Words;
use crate::model::{Condition, Order, Place};

/// Lower case, every run of characters other than letters and digits made one space, and
/// trimmed: "12, Elm Road" and "12 elm  road" read the same.
fn normalise(s: &str) -> String {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether an incident's place matches a stay-away condition's place: after
/// normalising both (case, punctuation, spacing), either contains the other as whole
/// words. "Home" matches "outside my home" and "home"; "Elm Road" matches "12 Elm Road";
/// "Acme" does not match "Acmeville". The incident's free text and its saved place name
/// are both tried. An empty place matches nothing.
pub fn place_matches(condition_place: &str, place: &Place) -> bool {
    let cond = normalise(condition_place);
    if cond.is_empty() {
        return false;
    }
    let padded_cond = format!(" {cond} ");
    [Some(place.text.as_str()), place.saved.as_deref()]
        .into_iter()
        .flatten()
        .map(normalise)
        .filter(|p| !p.is_empty())
        .any(|p| {
            let padded = format!(" {p} ");
            padded.contains(&padded_cond) || padded_cond.contains(&padded)
        })
}

/// "the bail conditions of 3 March 2024".
pub fn order_name(order: &Order, words: &Words) -> String {
    words.with(
        "summary-order-name",
        &[
            ("type", words.order_type_lower(order.order_type).into()),
            ("date", words.date(order.start).into()),
        ],
    )
}

/// A condition in words.
pub fn describe_condition(c: &Condition, words: &Words) -> String {
    match c {
        Condition::NoContact => words.text("summary-condition-no-contact"),
        Condition::StayAway { place } => words.with(
            "summary-condition-stay-away",
            &[("place", place.trim().into())],
        ),
        Condition::Other { text } => text.trim().to_string(),
    }
}

/// Message breaches of one order listed one by one at most (the earliest inside the
/// summary's filter); every breach is counted all the same. A conversation imported whole
/// can hold thousands of messages inside an order's dates: each is a breach and is
/// counted, but a list of thousands is read by no one.
pub const MAX_LISTED_BREACHES: usize = 2_000;

#[derive(Clone)]
struct Candidate {
    entry: u64,
    source: BreachSource,
    index: Option<usize>,
    at: chrono::DateTime<chrono::FixedOffset>,
    date: chrono::NaiveDate,
    conditions: Vec<String>,
    in_scope: bool,
}

impl Candidate {
    /// The time order breaches are numbered in: the instant, then the entry, then the
    /// position in a conversation (an incident before its entry's messages).
    fn key(&self) -> (chrono::DateTime<chrono::Utc>, u64, Option<usize>) {
        (self.at.to_utc(), self.entry, self.index)
    }
}

/// The breaches of one order as the conversations are read.
struct OrderWatch<'a> {
    seq: u64,
    order: &'a Order,
    no_contact: bool,
    /// Incidents contradicting it, in time order.
    incidents: Vec<Candidate>,
    /// Message and call breaches seen, and of them inside the filter.
    messages: usize,
    messages_in_scope: usize,
    /// Every message breach, while there are few enough to list (`None` after).
    every: Option<Vec<Candidate>>,
    /// The earliest message breaches inside the filter (a max-heap by time, so the
    /// latest is dropped first).
    earliest: BinaryHeap<Earliest>,
    /// Once there are too many to keep: the breaches to list (those, and the incidents
    /// inside the filter), in time order …
    listed: Vec<Candidate>,
    /// … and how many message breaches come right before each (counted by a second
    /// reading of the conversations; summed, how many come before it).
    before: Vec<usize>,
}

/// A candidate ordered by its time key.
struct Earliest(Candidate);

impl PartialEq for Earliest {
    fn eq(&self, other: &Self) -> bool {
        self.0.key() == other.0.key()
    }
}

impl Eq for Earliest {}

impl PartialOrd for Earliest {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Earliest {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.key().cmp(&other.0.key())
    }
}

/// Every order's breaches, gathered while the conversations are read (see
/// [`super::counts::imported_contacts`]): incidents first, then one or two readings.
pub(crate) struct Watch<'a> {
    orders: Vec<OrderWatch<'a>>,
    /// "no contact", in the summary's language: the condition a message breaches.
    no_contact: String,
}

impl<'a> Watch<'a> {
    /// The orders of `scope` with their incident breaches.
    pub fn new(scope: &Scope<'a>) -> Self {
        let orders = scope
            .orders
            .iter()
            .map(|&(seq, order)| OrderWatch {
                seq,
                order,
                no_contact: order
                    .conditions
                    .iter()
                    .any(|c| matches!(c, Condition::NoContact)),
                incidents: incident_candidates(scope, order),
                messages: 0,
                messages_in_scope: 0,
                every: Some(Vec::new()),
                earliest: BinaryHeap::new(),
                listed: Vec::new(),
                before: Vec::new(),
            })
            .collect();
        Watch {
            orders,
            no_contact: scope.words.text("summary-condition-no-contact-short"),
        }
    }

    /// Whether a conversation's contact breaches `w`.
    fn breaches(w: &OrderWatch<'_>, c: &Contact, people: &[u64]) -> bool {
        w.no_contact && people.contains(&w.order.person) && w.order.in_force_on(c.date)
    }

    fn candidate(c: &Contact, no_contact: &str) -> Candidate {
        Candidate {
            entry: c.seq,
            source: c.source,
            index: Some(c.index),
            at: c.at,
            date: c.date,
            conditions: vec![no_contact.to_owned()],
            in_scope: c.in_scope,
        }
    }

    /// The first reading: one counted contact from a conversation with `people`.
    pub fn see(&mut self, c: &Contact, people: &[u64]) {
        let no_contact = &self.no_contact;
        for w in &mut self.orders {
            if !Self::breaches(w, c, people) {
                continue;
            }
            w.messages += 1;
            w.messages_in_scope += usize::from(c.in_scope);
            if let Some(every) = &mut w.every {
                if every.len() < MAX_LISTED_BREACHES {
                    every.push(Self::candidate(c, no_contact));
                } else {
                    w.every = None;
                }
            }
            if c.in_scope {
                w.earliest.push(Earliest(Self::candidate(c, no_contact)));
                if w.earliest.len() > MAX_LISTED_BREACHES {
                    w.earliest.pop();
                }
            }
        }
    }

    /// Whether any order has too many message breaches to number without a second
    /// reading.
    pub fn needs_second_reading(&mut self) -> bool {
        let mut needed = false;
        for w in &mut self.orders {
            if w.every.is_none() {
                let mut listed: Vec<Candidate> = std::mem::take(&mut w.earliest)
                    .into_iter()
                    .map(|e| e.0)
                    .chain(w.incidents.iter().filter(|c| c.in_scope).cloned())
                    .collect();
                listed.sort_by_key(Candidate::key);
                w.before = vec![0; listed.len() + 1];
                w.listed = listed;
                needed = true;
            }
        }
        needed
    }

    /// The second reading: counts, for each listed breach, the message breaches before it.
    pub fn rank(&mut self, c: &Contact, people: &[u64]) {
        let no_contact = &self.no_contact;
        for w in &mut self.orders {
            if w.every.is_some() || !Self::breaches(w, c, people) {
                continue;
            }
            let key = Self::candidate(c, no_contact).key();
            // Every listed breach after this one has one more message breach before it.
            let first_after = w.listed.partition_point(|l| l.key() <= key);
            if let Some(slot) = w.before.get_mut(first_after) {
                *slot += 1;
            }
        }
    }

    /// The orders relevant to the summary with their tallies, and the breaches inside
    /// the filter in time order (each order's message breaches up to
    /// [`MAX_LISTED_BREACHES`]), with how many were counted but not listed.
    pub fn finish(self, scope: &Scope<'_>) -> (Vec<OrderSummary>, Vec<Breach>, usize) {
        let mut orders = Vec::new();
        let mut listed = Vec::new();
        let mut not_listed = 0;
        for w in self.orders {
            let words = scope.words;
            let name = order_name(w.order, words);
            let incidents_in_scope = w.incidents.iter().filter(|c| c.in_scope).count();
            let breaches_total = w.incidents.len() + w.messages;
            let in_summary = incidents_in_scope + w.messages_in_scope;
            let mut numbered: Vec<(usize, Candidate)> = Vec::new();
            match w.every {
                Some(every) => {
                    let mut all: Vec<Candidate> = w.incidents.into_iter().chain(every).collect();
                    all.sort_by_key(Candidate::key);
                    numbered.extend(
                        all.into_iter()
                            .enumerate()
                            .filter(|(_, c)| c.in_scope)
                            .map(|(n, c)| (n + 1, c)),
                    );
                }
                None => {
                    // A number: the incidents before it, the message breaches before it
                    // (the second reading's counts, summed), and one.
                    let mut messages_before = 0;
                    for (c, before) in w.listed.into_iter().zip(&w.before) {
                        messages_before += before;
                        let key = c.key();
                        let incidents_before = w.incidents.partition_point(|x| x.key() < key);
                        numbered.push((incidents_before + messages_before + 1, c));
                    }
                    not_listed += in_summary.saturating_sub(numbered.len());
                }
            }
            for (n, c) in numbered {
                listed.push(Breach {
                    order: w.seq,
                    incident: c.entry,
                    source: c.source,
                    message_index: c.index,
                    number: n,
                    at: c.at,
                    date: c.date,
                    condition: c.conditions.join("; "),
                    text: words.with(
                        "summary-breach",
                        &[("n", n.into()), ("order", (&name).into())],
                    ),
                });
            }
            let relevant =
                scope.filter.person.is_none_or(|p| p == w.order.person) || in_summary > 0;
            if !relevant {
                continue;
            }
            let order_arg = || ("order", (&name).into());
            let text = if in_summary == 0 {
                words.with("summary-order-no-breaches", &[order_arg()])
            } else if in_summary == breaches_total {
                words.with(
                    "summary-order-breaches",
                    &[("n", in_summary.into()), order_arg()],
                )
            } else {
                words.with(
                    "summary-order-breaches-in-part",
                    &[
                        ("n", in_summary.into()),
                        order_arg(),
                        ("total", breaches_total.into()),
                    ],
                )
            };
            orders.push(OrderSummary {
                entry: w.seq,
                order_type: w.order.order_type,
                person: w.order.person,
                start: w.order.start,
                end: w.order.end,
                reference: w
                    .order
                    .reference
                    .as_deref()
                    .map(str::trim)
                    .filter(|r| !r.is_empty())
                    .map(str::to_string),
                conditions: w
                    .order
                    .conditions
                    .iter()
                    .map(|c| describe_condition(c, words))
                    .collect(),
                name,
                breaches_total,
                breaches_in_summary: in_summary,
                text,
            });
        }
        listed.sort_by_key(|b| (b.at.to_utc(), b.incident, b.message_index, b.order));
        (orders, listed, not_listed)
    }
}

fn incident_candidates(scope: &Scope<'_>, order: &Order) -> Vec<Candidate> {
    let mut out = Vec::new();
    for i in &scope.incidents {
        if !i.incident.people.contains(&order.person) || !order.in_force_on(i.date) {
            continue;
        }
        let conditions: Vec<String> = order
            .conditions
            .iter()
            .filter_map(|c| match c {
                Condition::NoContact => {
                    Some(scope.words.text("summary-condition-no-contact-short"))
                }
                Condition::StayAway { place } => i
                    .incident
                    .place
                    .as_ref()
                    .filter(|p| place_matches(place, p))
                    .map(|_| describe_condition(c, scope.words)),
                Condition::Other { .. } => None,
            })
            .collect();
        if !conditions.is_empty() {
            out.push(Candidate {
                entry: i.seq,
                source: BreachSource::Incident,
                index: None,
                at: i.at(),
                date: i.date,
                conditions,
                in_scope: i.in_scope,
            });
        }
    }
    out.sort_by_key(Candidate::key);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(text: &str, saved: Option<&str>) -> Place {
        Place {
            text: text.to_string(),
            saved: saved.map(str::to_string),
            coordinates: None,
        }
    }

    #[test]
    fn stay_away_places_match_by_whole_words_either_way() {
        assert!(place_matches("Home", &place("outside my home", None)));
        assert!(place_matches(
            "the victim's home address",
            &place("", Some("Home"))
        ));
        assert!(place_matches("12 Elm Road", &place("12, ELM  road", None)));
        assert!(place_matches(
            "Elm Road",
            &place("12 Elm Road, Leeds", None)
        ));
        assert!(!place_matches("Acme", &place("Acmeville station", None)));
        assert!(!place_matches("", &place("anything", None)));
        assert!(!place_matches("Home", &place("", None)));
        assert!(!place_matches(
            "Home",
            &place("Tesco car park", Some("Shop"))
        ));
    }
}
