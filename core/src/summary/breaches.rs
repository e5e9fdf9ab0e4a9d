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

struct Candidate {
    entry: u64,
    source: BreachSource,
    index: Option<usize>,
    at: chrono::DateTime<chrono::FixedOffset>,
    date: chrono::NaiveDate,
    conditions: Vec<String>,
    in_scope: bool,
}

fn candidates(scope: &Scope<'_>, order: &Order) -> Vec<Candidate> {
    let no_contact = order
        .conditions
        .iter()
        .any(|c| matches!(c, Condition::NoContact));
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
    if no_contact {
        for m in &scope.imported {
            if m.people.contains(&order.person) && order.in_force_on(m.date) {
                out.push(Candidate {
                    entry: m.log,
                    source: m.source,
                    index: Some(m.index),
                    at: m.at,
                    date: m.date,
                    conditions: vec![scope.words.text("summary-condition-no-contact-short")],
                    in_scope: m.in_scope,
                });
            }
        }
    }
    out.sort_by_key(|c| (c.at.to_utc(), c.entry, c.index));
    out
}

/// The orders relevant to the summary with their tallies, and every breach inside the
/// filter in time order.
pub(crate) fn breaches(scope: &Scope<'_>) -> (Vec<OrderSummary>, Vec<Breach>) {
    let mut orders = Vec::new();
    let mut listed = Vec::new();
    for (seq, order) in &scope.orders {
        let words = scope.words;
        let name = order_name(order, words);
        let all = candidates(scope, order);
        let breaches_total = all.len();
        let mut in_summary = 0;
        for (n, c) in all.into_iter().enumerate() {
            if !c.in_scope {
                continue;
            }
            in_summary += 1;
            listed.push(Breach {
                order: *seq,
                incident: c.entry,
                source: c.source,
                message_index: c.index,
                number: n + 1,
                at: c.at,
                date: c.date,
                condition: c.conditions.join("; "),
                text: words.with(
                    "summary-breach",
                    &[("n", (n + 1).into()), ("order", (&name).into())],
                ),
            });
        }
        let relevant = scope.filter.person.is_none_or(|p| p == order.person) || in_summary > 0;
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
            entry: *seq,
            order_type: order.order_type,
            person: order.person,
            start: order.start,
            end: order.end,
            reference: order
                .reference
                .as_deref()
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .map(str::to_string),
            conditions: order
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
    (orders, listed)
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
