//! The export screen: what the victim chose to disclose, and — before anything is written —
//! every entry the pack will carry and why (chosen, named by an entry, a version of an
//! entry), the count withheld, and the problems with the choices.
//!
//! The plan itself is the pack's ([`Diary::disclosure_plan`]): this view only words it, so
//! the screen shows exactly what the pack writer will write.

use crate::zone::Zone;

use super::field::{Errors, Field, FieldError, Problem};
use super::read::Rows;
use super::timeline::{Context, TimelineItem};
use crate::diary::Diary;
use crate::error::Result;
use crate::locale::Words;
use crate::model::EntryKind;
pub use crate::pack::{DisclosureChoices, DisclosurePlan, DisclosureReason, PlannedEntry};

/// One entry going out, as the screen lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedItem {
    /// The entry as the timeline shows it.
    pub item: TimelineItem,
    /// Why it goes out.
    pub why: DisclosureReason,
    /// "Chosen", "Named by entry 5", "A correction of entry 5".
    pub why_text: String,
}

/// The export screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportScreen {
    /// Every entry the pack will carry, in entry order.
    pub going_out: Vec<PlannedItem>,
    /// Entries withheld: only their hashes travel.
    pub withheld: u64,
    /// Entries in the diary.
    pub total: u64,
    /// "14 entries go out: 11 chosen, 2 people they name, 1 correction. 30 are withheld."
    pub summary: String,
    /// Problems with the choices (a period that ends before it starts, nothing chosen).
    pub errors: Vec<FieldError>,
    /// Whether exporting would write a pack now.
    pub ready: bool,
}

/// The problems with the choices themselves.
pub fn review_choices(choices: &DisclosureChoices, words: &Words) -> Vec<FieldError> {
    let mut errors = Errors::default();
    if let (Some(from), Some(to)) = (choices.from, choices.to)
        && to < from
    {
        errors.add(Field::EndDate, Problem::EndBeforeStart, words);
    }
    errors.0
}

/// The export screen for `choices`: the pack's own plan for them, worded.
pub fn export_screen_of(
    diary: &Diary,
    choices: &DisclosureChoices,
    zone: Zone,
    words: &Words,
) -> Result<ExportScreen> {
    let rows = Rows::read(diary)?;
    // Choices with a problem of their own (a period ending before it starts) have no plan:
    // the screen says what is wrong beside the field instead of failing.
    let plan = if review_choices(choices, words).is_empty() {
        diary.disclosure_plan(choices)?
    } else {
        DisclosurePlan {
            total: rows.views.len() as u64,
            ..DisclosurePlan::default()
        }
    };
    Ok(export_screen(&rows, choices, &plan, zone, words))
}

/// The export screen for a plan already made.
pub fn export_screen(
    rows: &Rows,
    choices: &DisclosureChoices,
    plan: &DisclosurePlan,
    zone: Zone,
    words: &Words,
) -> ExportScreen {
    let (withheld, total) = (plan.withheld, plan.total);
    let plan = plan.entries.as_slice();
    let ctx = Context::new(&rows.views, zone, words);
    let mut errors = review_choices(choices, words);
    let going_out: Vec<PlannedItem> = plan
        .iter()
        .filter_map(|line| {
            let view = ctx.by_seq.get(&line.seq)?;
            let item = ctx.item(view);
            let why_text = match line.reason {
                DisclosureReason::Chosen => words.text("export-chosen"),
                DisclosureReason::NamedBy(n) => {
                    words.with("export-named-by", &[("entry", n.into())])
                }
                DisclosureReason::VersionOf(n) => {
                    let id = if item.kind == EntryKind::Erasure {
                        "export-removal-of"
                    } else {
                        "export-correction-of"
                    };
                    words.with(id, &[("entry", n.into())])
                }
            };
            Some(PlannedItem {
                item,
                why: line.reason,
                why_text,
            })
        })
        .collect();
    let chosen = plan
        .iter()
        .filter(|l| l.reason == DisclosureReason::Chosen)
        .count() as u64;
    if chosen == 0 && errors.is_empty() {
        errors.push(FieldError {
            field: Field::Target,
            problem: Problem::Required,
            text: words.text("export-nothing-chosen"),
        });
    }
    let named = plan
        .iter()
        .filter(|l| matches!(l.reason, DisclosureReason::NamedBy(_)))
        .count() as u64;
    let versions = plan.len() as u64 - chosen - named;
    let summary = words.with(
        "export-summary",
        &[
            ("going", (plan.len() as u64).into()),
            ("chosen", chosen.into()),
            ("named", named.into()),
            ("versions", versions.into()),
            ("withheld", withheld.into()),
        ],
    );
    ExportScreen {
        ready: errors.is_empty(),
        going_out,
        withheld,
        total,
        summary,
        errors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    use crate::model::{
        Body, Category, EntryStatus, EntryView, Incident, Occurred, Person, Relationship,
    };

    fn view(seq: u64, body: Body) -> EntryView {
        EntryView {
            seq,
            kind: body.kind(),
            recorded_at: None,
            status: EntryStatus::Original,
            current: Some(body),
            amended_by: Vec::new(),
            erased_by: None,
        }
    }

    fn rows() -> Rows {
        let at =
            chrono::DateTime::parse_from_rfc3339("2024-03-01T21:30:00+00:00").unwrap_or_default();
        let mut threat = Incident::new(
            Occurred::at(at),
            Category::Threat,
            "said he would burn the car",
        );
        threat.people = vec![1];
        Rows::from_views(vec![
            view(1, Body::Person(Person::new("Sam", Relationship::ExPartner))),
            view(2, Body::Incident(threat)),
        ])
    }

    #[test]
    fn the_screen_says_what_goes_out_and_why_before_anything_is_written() {
        let plan = DisclosurePlan {
            entries: vec![
                PlannedEntry {
                    seq: 1,
                    kind: EntryKind::Person,
                    reason: DisclosureReason::NamedBy(2),
                },
                PlannedEntry {
                    seq: 2,
                    kind: EntryKind::Incident,
                    reason: DisclosureReason::Chosen,
                },
            ],
            withheld: 5,
            total: 7,
        };
        let choices = DisclosureChoices {
            categories: vec![Category::Threat],
            ..DisclosureChoices::default()
        };
        let screen = export_screen(&rows(), &choices, &plan, Zone::UTC, Words::en_gb());
        let why: Vec<&str> = screen
            .going_out
            .iter()
            .map(|p| p.why_text.as_str())
            .collect();
        assert_eq!(why, ["Named by entry 2", "Chosen"]);
        assert_eq!(
            screen.going_out[1].item.headline,
            "Threat: said he would burn the car"
        );
        assert_eq!(
            screen.summary,
            "2 entries go out: 1 chosen, 1 person or entry they name, 0 corrections or removals. 5 are withheld: only their hashes travel."
        );
        assert!(screen.ready);
    }

    #[test]
    fn a_backwards_period_or_an_empty_choice_is_named_and_not_ready() {
        let choices = DisclosureChoices {
            from: NaiveDate::from_ymd_opt(2024, 4, 1),
            to: NaiveDate::from_ymd_opt(2024, 3, 1),
            ..DisclosureChoices::default()
        };
        let nothing = DisclosurePlan {
            entries: Vec::new(),
            withheld: 7,
            total: 7,
        };
        let screen = export_screen(&rows(), &choices, &nothing, Zone::UTC, Words::en_gb());
        assert!(!screen.ready);
        assert_eq!(screen.errors[0].problem, Problem::EndBeforeStart);
        let empty = export_screen(
            &rows(),
            &DisclosureChoices::default(),
            &nothing,
            Zone::UTC,
            Words::en_gb(),
        );
        assert_eq!(
            empty.errors[0].text,
            "Nothing is chosen: no entry would go out."
        );
    }
}
