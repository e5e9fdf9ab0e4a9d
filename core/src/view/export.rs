//! The export screen: what the victim chose to disclose, and — before anything is written —
//! every entry the pack will carry and why (chosen, named by an entry, a version of an
//! entry), the count withheld, and the problems with the choices.
//!
//! The plan itself is the pack's (`Diary::disclosure_plan`): this view only words it. Its
//! input is the plan's lines as [`PlanLine`]s, so the screen is tested on its own and the
//! pack's plan is handed over in one conversion.

use chrono::NaiveDate;
use chrono_tz::Tz;

use super::field::{Errors, Field, FieldError, Problem};
use super::read::Rows;
use super::timeline::{Context, TimelineItem};
use crate::locale::Words;
use crate::model::{Category, EntryKind};

/// What the victim chose to disclose. Empty vectors and `None` mean "no restriction on
/// that axis"; all empty means the whole diary. Each kind is chosen explicitly: choosing a
/// category selects incidents of it and brings in nothing else.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportChoices {
    /// First local date disclosed.
    pub from: Option<NaiveDate>,
    /// Last local date disclosed.
    pub to: Option<NaiveDate>,
    /// Only entries concerning these person entries.
    pub people: Vec<u64>,
    /// Only incidents of these categories.
    pub categories: Vec<Category>,
    /// Only these kinds.
    pub kinds: Vec<EntryKind>,
    /// Only these entries.
    pub entries: Vec<u64>,
}

/// Why an entry goes out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DisclosureWhy {
    /// The victim's choices select it.
    Chosen,
    /// A person named by this entry.
    NamedBy(u64),
    /// A correction or removal record of this entry.
    VersionOf(u64),
}

/// One line of the pack's disclosure plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanLine {
    /// The entry going out.
    pub seq: u64,
    /// Why.
    pub why: DisclosureWhy,
}

/// One entry going out, as the screen lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedItem {
    /// The entry as the timeline shows it.
    pub item: TimelineItem,
    /// Why it goes out.
    pub why: DisclosureWhy,
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
pub fn review_choices(choices: &ExportChoices, words: &Words) -> Vec<FieldError> {
    let mut errors = Errors::default();
    if let (Some(from), Some(to)) = (choices.from, choices.to)
        && to < from
    {
        errors.add(Field::EndDate, Problem::EndBeforeStart, words);
    }
    errors.0
}

/// The export screen for a plan: `plan` is every entry going out and why, `withheld` and
/// `total` the plan's counts.
pub fn export_screen(
    rows: &Rows,
    choices: &ExportChoices,
    plan: &[PlanLine],
    withheld: u64,
    total: u64,
    zone: Tz,
    words: &Words,
) -> ExportScreen {
    let ctx = Context::new(&rows.views, zone, words);
    let mut errors = review_choices(choices, words);
    let going_out: Vec<PlannedItem> = plan
        .iter()
        .filter_map(|line| {
            let view = ctx.by_seq.get(&line.seq)?;
            let item = ctx.item(view);
            let why_text = match line.why {
                DisclosureWhy::Chosen => words.text("export-chosen"),
                DisclosureWhy::NamedBy(n) => words.with("export-named-by", &[("entry", n.into())]),
                DisclosureWhy::VersionOf(n) => {
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
                why: line.why,
                why_text,
            })
        })
        .collect();
    let chosen = plan
        .iter()
        .filter(|l| l.why == DisclosureWhy::Chosen)
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
        .filter(|l| matches!(l.why, DisclosureWhy::NamedBy(_)))
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
    use crate::model::{Body, EntryStatus, EntryView, Incident, Occurred, Person, Relationship};

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
        let plan = [
            PlanLine {
                seq: 1,
                why: DisclosureWhy::NamedBy(2),
            },
            PlanLine {
                seq: 2,
                why: DisclosureWhy::Chosen,
            },
        ];
        let choices = ExportChoices {
            categories: vec![Category::Threat],
            ..ExportChoices::default()
        };
        let screen = export_screen(&rows(), &choices, &plan, 5, 7, Tz::UTC, Words::en_gb());
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
        let choices = ExportChoices {
            from: NaiveDate::from_ymd_opt(2024, 4, 1),
            to: NaiveDate::from_ymd_opt(2024, 3, 1),
            ..ExportChoices::default()
        };
        let screen = export_screen(&rows(), &choices, &[], 7, 7, Tz::UTC, Words::en_gb());
        assert!(!screen.ready);
        assert_eq!(screen.errors[0].problem, Problem::EndBeforeStart);
        let empty = export_screen(
            &rows(),
            &ExportChoices::default(),
            &[],
            7,
            7,
            Tz::UTC,
            Words::en_gb(),
        );
        assert_eq!(
            empty.errors[0].text,
            "Nothing is chosen: no entry would go out."
        );
    }
}
