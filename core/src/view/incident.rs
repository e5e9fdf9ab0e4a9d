//! Quick capture and the full incident form: one draft the shell fills field by field,
//! started at now in the shell's zone, reviewed as the victim types, sealed when it holds.
//! Details added after a quick capture are a correction of the quick record, which stays
//! sealed as it was; no reason is invented for it (what is sealed is the victim's words).

use crate::zone::Zone;
use chrono::{DateTime, Utc};

use super::draft::{Review, When, now_fields, optional, read_offset};
use super::field::{Errors, Field, FieldError, FormOutcome, Problem};
use super::time::{ClockAnswer, TimeView};
use crate::diary::Diary;
use crate::error::{Error, Result};
use crate::locale::Words;
use crate::model::{
    AttachmentRef, Body, Category, Coordinates, Impact, Incident, LifeChange, Occurred, Place,
    Witness,
};

/// An incident being written. Dates are `YYYY-MM-DD` and times `HH:MM`, local to the
/// place; empty strings are fields not filled in.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct IncidentDraft {
    /// The local date it happened (or started).
    pub date: String,
    /// The local time it happened (or started).
    pub time: String,
    /// For something that went on for a while: the local date it ended.
    pub end_date: String,
    /// The local time it ended.
    pub end_time: String,
    /// The time is the victim's best recollection.
    pub approximate: bool,
    /// The answer to the clock-change question about the start, once asked.
    pub clock: Option<ClockAnswer>,
    /// The answer to the clock-change question about the end.
    pub end_clock: Option<ClockAnswer>,
    /// The offset ("+02:00") of the incident being corrected: its times keep the offset
    /// of the place they were recorded in. Empty for a new incident (read in the zone).
    pub kept_offset: String,
    /// What kind of behaviour.
    pub category: Option<Category>,
    /// The people involved (person entries).
    pub people: Vec<u64>,
    /// Where, in the victim's words.
    pub place: String,
    /// A saved place name (Home, Work …).
    pub saved_place: String,
    /// Where the phone was, if the victim chose to record it.
    pub coordinates: Option<Coordinates>,
    /// One line: what happened.
    pub summary: String,
    /// The full account.
    pub details: String,
    /// Fear, 0 to 10.
    pub fear: Option<u8>,
    /// How daily life changed.
    pub changes: Vec<LifeChange>,
    /// Anything else about the effect.
    pub impact_notes: String,
    /// Who saw or heard it.
    pub witnesses: Vec<Witness>,
    /// Files already stored with `attach_file` or `attach_bytes`.
    pub attachments: Vec<AttachmentRef>,
}

impl IncidentDraft {
    /// A new incident, happening now in `zone` (to the minute).
    pub fn new(now: DateTime<Utc>, zone: Zone) -> IncidentDraft {
        let (date, time) = now_fields(now, zone);
        IncidentDraft {
            date,
            time,
            ..IncidentDraft::default()
        }
    }

    /// A draft holding an incident's current content, for correcting it.
    pub fn from_incident(i: &Incident) -> IncidentDraft {
        let start = i.occurred.start;
        let end = i.occurred.end;
        let place = i.place.clone().unwrap_or_default();
        IncidentDraft {
            date: start.format("%Y-%m-%d").to_string(),
            time: start.format("%H:%M").to_string(),
            end_date: end
                .map(|e| e.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            end_time: end
                .map(|e| e.format("%H:%M").to_string())
                .unwrap_or_default(),
            approximate: i.occurred.approximate,
            clock: None,
            end_clock: None,
            kept_offset: start.format("%:z").to_string(),
            category: Some(i.category),
            people: i.people.clone(),
            place: place.text,
            saved_place: place.saved.unwrap_or_default(),
            coordinates: place.coordinates,
            summary: i.summary.clone(),
            details: i.details.clone().unwrap_or_default(),
            fear: i.impact.fear,
            changes: i.impact.changes.clone(),
            impact_notes: i.impact.notes.clone().unwrap_or_default(),
            witnesses: i.witnesses.clone(),
            attachments: i.attachments.clone(),
        }
    }
}

/// Reads the draft: every problem, the clock questions, and the incident it would seal.
fn read(
    d: &IncidentDraft,
    zone: Zone,
    now: DateTime<Utc>,
    words: &Words,
) -> (Review, Option<Incident>) {
    let mut errors = Errors::default();
    let kept = read_offset(&d.kept_offset);
    let (start, clock_question) = When {
        date: &d.date,
        time: &d.time,
        answer: d.clock,
        date_field: Field::Date,
        time_field: Field::Time,
        required: true,
    }
    .read(kept, zone, now, &mut errors, words);
    let (end, end_clock_question) = When {
        date: if d.end_date.trim().is_empty() && !d.end_time.trim().is_empty() {
            // An end time alone ends on the day it started.
            &d.date
        } else {
            &d.end_date
        },
        time: &d.end_time,
        answer: d.end_clock,
        date_field: Field::EndDate,
        time_field: Field::EndTime,
        required: false,
    }
    .read(kept, zone, now, &mut errors, words);
    if let (Some(s), Some(e)) = (start, end)
        && e < s
    {
        errors.add(Field::EndTime, Problem::EndBeforeStart, words);
    }
    if d.category.is_none() {
        errors.add(Field::Category, Problem::Required, words);
    }
    if d.summary.trim().is_empty() {
        errors.add(Field::Summary, Problem::Required, words);
    }
    if let Some(f) = d.fear
        && f > 10
    {
        errors.add(Field::Fear, Problem::OutOfRange { min: 0, max: 10 }, words);
    }
    let incident = match (start, d.category) {
        (Some(start), Some(category)) => {
            let place = Place {
                text: d.place.trim().to_owned(),
                saved: optional(&d.saved_place),
                coordinates: d.coordinates,
            };
            let has_place =
                !place.text.is_empty() || place.saved.is_some() || place.coordinates.is_some();
            Some(Incident {
                occurred: Occurred {
                    start,
                    end,
                    approximate: d.approximate,
                },
                category,
                people: dedup(&d.people),
                place: has_place.then_some(place),
                summary: d.summary.trim().to_owned(),
                details: optional(&d.details),
                impact: Impact {
                    fear: d.fear,
                    changes: d.changes.clone(),
                    notes: optional(&d.impact_notes),
                },
                witnesses: d
                    .witnesses
                    .iter()
                    .map(|w| Witness {
                        name: w.name.trim().to_owned(),
                        contact: w.contact.as_deref().and_then(optional),
                    })
                    .collect(),
                attachments: d.attachments.clone(),
            })
        }
        _ => None,
    };
    // The model's own rules (lengths, ranges, witnesses' names) speak through the same
    // field errors; references to other entries are checked against the diary on saving.
    if let Some(i) = &incident {
        let mut unreferenced = i.clone();
        unreferenced.people.clear();
        if let Err(e) = Body::Incident(unreferenced).validate(&NoEntries) {
            errors.add_error(FieldError::from_validation(&e, words));
        }
    }
    let ready = errors.is_empty() && incident.is_some();
    let review = Review {
        errors: errors.0,
        clock_question,
        end_clock_question,
        start: start.map(|t| TimeView::of(t, words)),
        end: end.map(|t| TimeView::of(t, words)),
        ready,
    };
    (review, incident.filter(|_| ready))
}

/// What the incident form shows now: problems, clock questions, the times it would store.
pub fn review_incident(d: &IncidentDraft, zone: Zone, now: DateTime<Utc>, words: &Words) -> Review {
    read(d, zone, now, words).0
}

/// Seals the draft as a new incident, or refuses it naming every field to fix.
pub fn save_incident(
    diary: &mut Diary,
    d: &IncidentDraft,
    zone: Zone,
    now: DateTime<Utc>,
    words: &Words,
) -> Result<FormOutcome> {
    let (review, incident) = read(d, zone, now, words);
    submit(diary, review, incident.map(Body::Incident), words)
}

/// Seals `body` when the form gave one; otherwise refuses with the review's errors.
pub(crate) fn submit(
    diary: &mut Diary,
    review: Review,
    body: Option<Body>,
    words: &Words,
) -> Result<FormOutcome> {
    match body {
        Some(body) => seal(diary, body, words),
        None => Ok(FormOutcome::Refused {
            errors: review.errors,
        }),
    }
}

/// The incident the draft would seal, for a correction (see `amend`).
pub(crate) fn incident_of(
    d: &IncidentDraft,
    zone: Zone,
    now: DateTime<Utc>,
    words: &Words,
) -> std::result::Result<Incident, Vec<FieldError>> {
    let (review, incident) = read(d, zone, now, words);
    incident.ok_or(review.errors)
}

/// Adds `details` to incident `seq` after a quick capture: a correction whose details are
/// the earlier details followed by these. The quick record stays sealed as it was.
pub fn add_details(
    diary: &mut Diary,
    seq: u64,
    details: &str,
    words: &Words,
) -> Result<FormOutcome> {
    let text = details.trim();
    if text.is_empty() {
        return Ok(refused(Field::Details, Problem::Required, words));
    }
    let view = diary.get(seq)?;
    let Some(mut incident) = view.incident().cloned() else {
        let problem = if view.current.is_none() {
            Problem::Erased { seq }
        } else {
            Problem::NotAmendable { seq }
        };
        return Ok(refused(Field::Target, problem, words));
    };
    incident.details = Some(match incident.details.as_deref().map(str::trim) {
        Some(earlier) if !earlier.is_empty() => format!("{earlier}\n\n{text}"),
        _ => text.to_owned(),
    });
    match diary.amend(seq, Body::Incident(incident), None) {
        Ok(amendment) => Ok(FormOutcome::Saved { seq: amendment }),
        Err(Error::Invalid(e)) => Ok(FormOutcome::Refused {
            errors: vec![FieldError::from_validation(&e, words)],
        }),
        Err(e) => Err(e),
    }
}

/// Appends `body`; a rule the diary enforces becomes a field error, not a failure.
pub(crate) fn seal(diary: &mut Diary, body: Body, words: &Words) -> Result<FormOutcome> {
    match diary.append(body) {
        Ok(seq) => Ok(FormOutcome::Saved { seq }),
        Err(Error::Invalid(e)) => Ok(FormOutcome::Refused {
            errors: vec![FieldError::from_validation(&e, words)],
        }),
        Err(e) => Err(e),
    }
}

pub(crate) fn refused(field: Field, problem: Problem, words: &Words) -> FormOutcome {
    FormOutcome::Refused {
        errors: vec![FieldError::new(field, problem, words)],
    }
}

pub(crate) fn dedup(seqs: &[u64]) -> Vec<u64> {
    let mut out: Vec<u64> = Vec::new();
    for &s in seqs {
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// A lookup for reviewing a draft before any diary is asked: it knows no entries, so a
/// draft's references are cleared before review and checked when sealing.
pub(crate) struct NoEntries;

impl crate::model::EntryLookup for NoEntries {
    fn kind_of(&self, _seq: u64) -> Option<crate::model::EntryKind> {
        None
    }

    fn is_erased(&self, _seq: u64) -> bool {
        false
    }
}
