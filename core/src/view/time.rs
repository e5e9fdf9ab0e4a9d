//! Times on screens: a time shown as the victim recorded it (with its offset), local times
//! read in the IANA zone the shell passes, and the question asked — never guessed — when a
//! local time happened twice or not at all because the clocks changed.

use crate::zone::Zone;
use chrono::{
    DateTime, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone,
};

use crate::locale::Words;

/// A time as the victim recorded it: the local date and time of the place, with the UTC
/// offset it was recorded in, whatever zone the screen is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeView {
    /// The time with its offset, exactly as stored.
    pub at: DateTime<FixedOffset>,
    /// Its local date.
    pub date: NaiveDate,
    /// Its local time of day, "21:30".
    pub time: String,
    /// Its offset, "+01:00".
    pub offset: String,
    /// "21:30 on 1 March 2024 (UTC+01:00)".
    pub text: String,
}

impl TimeView {
    /// The time `at` as recorded.
    pub fn of(at: DateTime<FixedOffset>, words: &Words) -> TimeView {
        let date = at.date_naive();
        let time = at.format("%H:%M").to_string();
        let offset = at.format("%:z").to_string();
        let text = words.with(
            "time-full",
            &[
                ("time", (&time).into()),
                ("date", words.date(date).into()),
                ("offset", (&offset).into()),
            ],
        );
        TimeView {
            at,
            date,
            time,
            offset,
            text,
        }
    }

    /// A UTC instant (when an entry was sealed) shown in the shell's zone.
    pub fn in_zone(at: DateTime<chrono::Utc>, zone: Zone, words: &Words) -> TimeView {
        TimeView::of(at.with_timezone(&zone).fixed_offset(), words)
    }
}

/// Parses an IANA time zone name (`Europe/London`, `UTC`).
pub fn parse_zone(name: &str) -> Option<Zone> {
    name.trim().parse::<Zone>().ok()
}

/// Which of two candidate times a clock-change question was answered with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClockAnswer {
    /// The earlier instant: the first time a repeated hour happened, or, for a time the
    /// clocks skipped, the reading before the change.
    Earlier,
    /// The later instant.
    Later,
}

/// Why a local time needs a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClockChange {
    /// The clocks went back: this local time happened twice.
    Twice,
    /// The clocks went forward: this local time never happened.
    Skipped,
}

/// One answer to a clock-change question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClockChoice {
    /// What to put in the draft to choose it.
    pub answer: ClockAnswer,
    /// The time it means, with its offset.
    pub time: TimeView,
    /// "The first time (01:30, UTC+01:00)".
    pub label: String,
}

/// The question a local time raises when the clocks changed around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClockQuestion {
    /// Twice or skipped.
    pub change: ClockChange,
    /// "01:30 happened twice on 27 October 2024 (the clocks went back). Which was it?"
    pub text: String,
    /// The two answers, earlier first.
    pub choices: Vec<ClockChoice>,
}

/// A local date and time read in a zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// One instant.
    At(DateTime<FixedOffset>),
    /// The clocks changed around it: two candidates, earlier first.
    Ambiguous {
        /// Twice or skipped.
        change: ClockChange,
        /// The earlier candidate.
        earlier: DateTime<FixedOffset>,
        /// The later candidate.
        later: DateTime<FixedOffset>,
    },
}

/// Reads a local date and time in `zone`.
pub fn resolve(date: NaiveDate, time: NaiveTime, zone: Zone) -> Resolved {
    let local = NaiveDateTime::new(date, time);
    match zone.from_local_datetime(&local) {
        LocalResult::Single(t) => Resolved::At(t.fixed_offset()),
        LocalResult::Ambiguous(a, b) => {
            let (a, b) = (a.fixed_offset(), b.fixed_offset());
            let (earlier, later) = if a <= b { (a, b) } else { (b, a) };
            Resolved::Ambiguous {
                change: ClockChange::Twice,
                earlier,
                later,
            }
        }
        LocalResult::None => {
            // The wall-clock time fell in the gap. Read it with the offset in force before
            // the gap and with the one after: each gives a real instant, shown at its real
            // local time (01:30 in London on 31 March is 00:30 GMT or 02:30 BST).
            let probe = chrono::Duration::hours(3);
            let before = zone
                .from_local_datetime(&(local - probe))
                .earliest()
                .map(|t| t.offset().fix());
            let after = zone
                .from_local_datetime(&(local + probe))
                .latest()
                .map(|t| t.offset().fix());
            let candidates: Vec<DateTime<FixedOffset>> = [before, after]
                .into_iter()
                .flatten()
                .filter_map(|offset| offset.from_local_datetime(&local).single())
                .map(|t| t.with_timezone(&zone).fixed_offset())
                .collect();
            match candidates.as_slice() {
                [a, b] if a != b => {
                    let (earlier, later) = if a <= b { (*a, *b) } else { (*b, *a) };
                    Resolved::Ambiguous {
                        change: ClockChange::Skipped,
                        earlier,
                        later,
                    }
                }
                // A gap with no offsets around it cannot happen in the tz database; read
                // it in UTC rather than fail, and the question still shows the time.
                _ => {
                    let t = chrono::Utc.from_utc_datetime(&local).fixed_offset();
                    Resolved::Ambiguous {
                        change: ClockChange::Skipped,
                        earlier: t,
                        later: t,
                    }
                }
            }
        }
    }
}

impl Resolved {
    /// The instant an answer picks (an unambiguous time ignores the answer).
    pub fn pick(&self, answer: Option<ClockAnswer>) -> Option<DateTime<FixedOffset>> {
        match (self, answer) {
            (Resolved::At(t), _) => Some(*t),
            (Resolved::Ambiguous { earlier, .. }, Some(ClockAnswer::Earlier)) => Some(*earlier),
            (Resolved::Ambiguous { later, .. }, Some(ClockAnswer::Later)) => Some(*later),
            (Resolved::Ambiguous { .. }, None) => None,
        }
    }

    /// The question to ask, if the clocks changed around this time.
    pub fn question(
        &self,
        date: NaiveDate,
        time: NaiveTime,
        words: &Words,
    ) -> Option<ClockQuestion> {
        let Resolved::Ambiguous {
            change,
            earlier,
            later,
        } = self
        else {
            return None;
        };
        let asked = time.format("%H:%M").to_string();
        let (id, first, second) = match change {
            ClockChange::Twice => ("clock-twice", "clock-first-time", "clock-second-time"),
            ClockChange::Skipped => ("clock-skipped", "clock-before-change", "clock-after-change"),
        };
        let choice = |answer, at: &DateTime<FixedOffset>, label_id: &str| {
            let time = TimeView::of(*at, words);
            let label = words.with(
                label_id,
                &[
                    ("time", (&time.time).into()),
                    ("offset", (&time.offset).into()),
                ],
            );
            ClockChoice {
                answer,
                time,
                label,
            }
        };
        Some(ClockQuestion {
            change: *change,
            text: words.with(
                id,
                &[("time", (&asked).into()), ("date", words.date(date).into())],
            ),
            choices: vec![
                choice(ClockAnswer::Earlier, earlier, first),
                choice(ClockAnswer::Later, later, second),
            ],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn london() -> Zone {
        parse_zone("Europe/London").unwrap_or(Zone::UTC)
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default()
    }

    #[test]
    fn a_winter_evening_keeps_its_winter_offset() {
        let r = resolve(day(2024, 1, 15), hm(21, 30), london());
        assert_eq!(
            r.pick(None).map(|t| t.to_rfc3339()),
            Some("2024-01-15T21:30:00+00:00".into())
        );
    }

    #[test]
    fn half_past_one_in_the_autumn_overlap_is_asked_not_guessed() {
        let r = resolve(day(2024, 10, 27), hm(1, 30), london());
        assert_eq!(r.pick(None), None);
        let q = r.question(day(2024, 10, 27), hm(1, 30), Words::en_gb());
        let q = q.expect("a question");
        assert_eq!(q.change, ClockChange::Twice);
        assert_eq!(
            q.text,
            "01:30 happened twice on 27 October 2024 (the clocks went back). Which was it?"
        );
        let times: Vec<String> = q.choices.iter().map(|c| c.time.at.to_rfc3339()).collect();
        assert_eq!(
            times,
            ["2024-10-27T01:30:00+01:00", "2024-10-27T01:30:00+00:00"]
        );
        assert_eq!(q.choices[0].label, "The first time (01:30, UTC+01:00)");
        assert_eq!(
            r.pick(Some(ClockAnswer::Later)).map(|t| t.to_rfc3339()),
            Some("2024-10-27T01:30:00+00:00".into())
        );
    }

    #[test]
    fn half_past_one_in_the_spring_gap_offers_the_two_real_times() {
        let r = resolve(day(2024, 3, 31), hm(1, 30), london());
        let q = r
            .question(day(2024, 3, 31), hm(1, 30), Words::en_gb())
            .expect("a question");
        assert_eq!(q.change, ClockChange::Skipped);
        assert_eq!(
            q.text,
            "01:30 did not happen on 31 March 2024 (the clocks went forward). Which time did you mean?"
        );
        let times: Vec<String> = q.choices.iter().map(|c| c.time.at.to_rfc3339()).collect();
        assert_eq!(
            times,
            ["2024-03-31T00:30:00+00:00", "2024-03-31T02:30:00+01:00"]
        );
    }
}
