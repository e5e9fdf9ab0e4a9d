//! Police contacts as recorded: every reference number and the advice given, blocking advice
//! flagged, and how many different references the reports about one person were given.
//!
//! The review found reports lost between officers and never linked, and victims told to
//! block the stalker. Several references for one person show reports that were not linked;
//! blocking advice is flagged because blocking can escalate the behaviour and stops
//! further contact being seen and kept as evidence.

use std::collections::BTreeMap;

use super::{PersonReferences, PoliceContactSummary, Scope};

/// Whether advice mentions blocking: the word "block", "blocks", "blocked" or "blocking"
/// as a whole word, in any case. "Blockade" and "unblock" do not count.
pub fn mentions_blocking(advice: &str) -> bool {
    advice
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .any(|w| matches!(w.as_str(), "block" | "blocks" | "blocked" | "blocking"))
}

/// A reference as recorded, trimmed; `None` if blank.
pub fn clean_reference(r: Option<&str>) -> Option<String> {
    r.map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string)
}

/// The key two spellings of one reference share: case and spaces ignored ("ab 123/24" is
/// "AB123/24").
fn reference_key(r: &str) -> String {
    r.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

fn trimmed(s: &Option<String>) -> Option<String> {
    clean_reference(s.as_deref())
}

/// Every police contact inside the filter, in time order. With a person filter, a contact
/// is included when it reported at least one disclosed incident naming that person (a
/// contact that reported nothing cannot be placed with anyone).
pub(crate) fn contacts(scope: &Scope<'_>) -> Vec<PoliceContactSummary> {
    let mut out: Vec<PoliceContactSummary> = scope
        .police
        .iter()
        .filter(|(_, pc)| scope.filter.includes_date(pc.at.date_naive()))
        .filter(|(_, pc)| {
            scope.filter.person.is_none_or(|p| {
                pc.reported
                    .iter()
                    .filter_map(|seq| scope.incident(*seq))
                    .any(|i| i.incident.people.contains(&p))
            })
        })
        .map(|(seq, pc)| {
            let advice = trimmed(&pc.advice);
            let advised_blocking = advice.as_deref().is_some_and(mentions_blocking);
            PoliceContactSummary {
                entry: *seq,
                at: pc.at,
                date: pc.at.date_naive(),
                method: pc.method,
                force: trimmed(&pc.force),
                reference: clean_reference(pc.reference.as_deref()),
                officer: trimmed(&pc.officer),
                reported: pc.reported.clone(),
                advice,
                outcome: trimmed(&pc.outcome),
                follow_up: trimmed(&pc.follow_up),
                advised_blocking,
                // Why advice to block is flagged: see the module's first paragraph.
                blocking_note: advised_blocking.then(|| scope.words.text("summary-blocking-note")),
            }
        })
        .collect();
    out.sort_by_key(|c| (c.at.to_utc(), c.entry));
    out
}

/// For each person named by an incident a listed contact reported, the distinct
/// references those contacts were given (case and spaces ignored), in the order first
/// recorded. Only people with at least one reference are listed.
pub(crate) fn references_per_person(
    scope: &Scope<'_>,
    contacts: &[PoliceContactSummary],
) -> Vec<PersonReferences> {
    let mut per: BTreeMap<u64, Vec<(String, String)>> = BTreeMap::new();
    for c in contacts {
        let Some(reference) = &c.reference else {
            continue;
        };
        let key = reference_key(reference);
        let mut people: Vec<u64> = c
            .reported
            .iter()
            .filter_map(|seq| scope.incident(*seq))
            .flat_map(|i| i.incident.people.iter().copied())
            .filter(|p| scope.filter.person.is_none_or(|f| f == *p))
            .collect();
        people.sort_unstable();
        people.dedup();
        for p in people {
            let refs = per.entry(p).or_default();
            if !refs.iter().any(|(k, _)| *k == key) {
                refs.push((key.clone(), reference.clone()));
            }
        }
    }
    per.into_iter()
        .map(|(person, refs)| {
            let references: Vec<String> = refs.into_iter().map(|(_, r)| r).collect();
            let count = references.len();
            let args = [
                ("n", count.into()),
                ("person", person.into()),
                ("references", references.join(", ").into()),
            ];
            let id = if count == 1 {
                "summary-references-one"
            } else {
                "summary-references-many"
            };
            let text = scope.words.with(id, &args);
            PersonReferences {
                person,
                references,
                count,
                text,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advice_to_block_is_flagged_but_blockade_is_not() {
        assert!(mentions_blocking("block him on everything"));
        assert!(mentions_blocking("Try BLOCKING his number"));
        assert!(mentions_blocking("you should have blocked him."));
        assert!(mentions_blocking("block/report"));
        assert!(!mentions_blocking("there was a blockade on the road"));
        assert!(!mentions_blocking("don't unblock him yet"));
        assert!(!mentions_blocking("keep a diary"));
    }

    #[test]
    fn references_are_trimmed_and_spellings_share_a_key() {
        assert_eq!(
            clean_reference(Some("  AB/123/24 ")),
            Some("AB/123/24".into())
        );
        assert_eq!(clean_reference(Some("   ")), None);
        assert_eq!(reference_key("ab 123/24"), reference_key("AB123/24"));
    }
}
