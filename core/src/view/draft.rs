//! What every form shares: reading typed dates and times, the rule that nothing is recorded
//! as happening in the future, the clock-change question, and the review a shell shows
//! while the victim types.

use crate::zone::Zone;
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};

use super::field::{Errors, Field, FieldError, Problem};
use super::time::{ClockAnswer, ClockQuestion, TimeView, resolve};
use crate::locale::Words;

/// How far ahead of the device clock a time may be and still count as now: the time on a
/// form was "now" when the screen opened, and clocks drift.
pub const FUTURE_GRACE_SECONDS: i64 = 60;

/// What a form's fields say so far: every problem, the clock-change questions to ask,
/// and the times that would be stored.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Review {
    /// Every problem, in the order of the form's fields.
    pub errors: Vec<FieldError>,
    /// The question about the start time, when the clocks changed around it.
    pub clock_question: Option<ClockQuestion>,
    /// The question about the end time, likewise.
    pub end_clock_question: Option<ClockQuestion>,
    /// The start (or only) time as it would be stored.
    pub start: Option<TimeView>,
    /// The end time as it would be stored.
    pub end: Option<TimeView>,
    /// Whether saving would seal the entry now.
    pub ready: bool,
}

/// Reads "2024-03-01"; `None` for empty.
pub(crate) fn read_date(
    text: &str,
    field: Field,
    errors: &mut Errors,
    words: &Words,
) -> Option<NaiveDate> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let parsed = NaiveDate::parse_from_str(t, "%Y-%m-%d").ok();
    if parsed.is_none() {
        errors.add(field, Problem::NotADate, words);
    }
    parsed
}

/// Reads "21:30" or "21:30:15"; `None` for empty.
pub(crate) fn read_time(
    text: &str,
    field: Field,
    errors: &mut Errors,
    words: &Words,
) -> Option<NaiveTime> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let parsed = NaiveTime::parse_from_str(t, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(t, "%H:%M:%S"))
        .ok();
    if parsed.is_none() {
        errors.add(field, Problem::NotATime, words);
    }
    parsed
}

/// Reads "+01:00", the offset an entry being corrected was recorded in.
pub(crate) fn read_offset(text: &str) -> Option<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("2000-01-01T00:00:00{}", text.trim()))
        .ok()
        .map(|t| *t.offset())
}

/// A local date and time from a form, read in `zone` — or in `kept` (the offset of an
/// entry being corrected, which keeps the place's offset). Raises the clock-change
/// question instead of guessing, and refuses a time in the future.
pub(crate) struct When<'a> {
    pub date: &'a str,
    pub time: &'a str,
    pub answer: Option<ClockAnswer>,
    pub date_field: Field,
    pub time_field: Field,
    pub required: bool,
}

impl When<'_> {
    pub(crate) fn read(
        &self,
        kept: Option<FixedOffset>,
        zone: Zone,
        now: DateTime<Utc>,
        errors: &mut Errors,
        words: &Words,
    ) -> (Option<DateTime<FixedOffset>>, Option<ClockQuestion>) {
        let date = read_date(self.date, self.date_field, errors, words);
        let time = read_time(self.time, self.time_field, errors, words);
        let (date, time) = match (date, time) {
            (Some(d), Some(t)) => (d, t),
            (d, t) => {
                if self.required || !self.date.trim().is_empty() || !self.time.trim().is_empty() {
                    if d.is_none() && self.date.trim().is_empty() {
                        errors.add(self.date_field, Problem::Required, words);
                    }
                    if t.is_none() && self.time.trim().is_empty() {
                        errors.add(self.time_field, Problem::Required, words);
                    }
                }
                return (None, None);
            }
        };
        let (at, question) = match kept {
            Some(offset) => (
                offset.from_local_datetime(&date.and_time(time)).single(),
                None,
            ),
            None => {
                let resolved = resolve(date, time, zone);
                let question = resolved.question(date, time, words);
                let at = resolved.pick(self.answer);
                if at.is_none() {
                    errors.add(self.time_field, Problem::ClockChange, words);
                }
                (at, question)
            }
        };
        if let Some(t) = at
            && t.to_utc() > now + Duration::seconds(FUTURE_GRACE_SECONDS)
        {
            errors.add(self.time_field, Problem::InFuture, words);
        }
        (at, question)
    }
}

/// The text of an optional free-text field: trimmed, `None` when empty.
pub(crate) fn optional(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// The values of a list field: trimmed, empty ones dropped, duplicates dropped.
pub(crate) fn list(values: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in values {
        let t = v.trim();
        if !t.is_empty() && !out.iter().any(|o| o == t) {
            out.push(t.to_owned());
        }
    }
    out
}

/// Now, in minutes, in `zone`: the date and time a new form starts with.
pub(crate) fn now_fields(now: DateTime<Utc>, zone: Zone) -> (String, String) {
    let local = now.with_timezone(&zone);
    (
        local.format("%Y-%m-%d").to_string(),
        local.format("%H:%M").to_string(),
    )
}
