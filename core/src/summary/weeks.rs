//! Events per ISO week (ISO 8601 week dates: weeks start on Monday, week 1 holds the
//! year's first Thursday) and the trend of frequency and severity.

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;

use super::{CategoryCounts, Scope, severity_rank};
use crate::locale::Words;
use crate::model::Category;

/// The most weeks a summary lists (20 years). A longer period keeps the most recent weeks
/// and says how many earlier ones were left out, so a mistyped year cannot make the
/// summary unbounded.
pub const MAX_WEEKS: usize = 1040;

/// The events of one ISO week.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct WeekCount {
    /// ISO week, e.g. "2024-W10" (the ISO week-numbering year, which differs from the
    /// calendar year around New Year: 30 December 2024 is in "2025-W01").
    pub week: String,
    /// Its Monday.
    pub starts: NaiveDate,
    /// Incidents whose local date falls in the week.
    pub count: usize,
    /// Imported messages and calls counted in the week.
    pub imported: usize,
    /// `count + imported`.
    pub total: usize,
    /// The week's incidents by category.
    pub by_category: CategoryCounts,
}

/// Which way a measure moved from the earlier window to the later one.
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// Higher in the later window.
    Rising,
    /// Lower in the later window.
    Falling,
    /// The same.
    Steady,
}

impl Direction {
    fn word_id(self) -> &'static str {
        match self {
            Direction::Rising => "summary-trend-higher",
            Direction::Falling => "summary-trend-lower",
            Direction::Steady => "summary-trend-same",
        }
    }
}

/// One side of a trend comparison.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct TrendWindow {
    /// First ISO week of the window.
    pub from_week: String,
    /// Last ISO week of the window.
    pub to_week: String,
    /// Number of weeks.
    pub weeks: usize,
    /// Events (incidents, imported messages and calls) in it.
    pub events: usize,
    /// `events / weeks`, to one decimal place.
    pub per_week: f64,
    /// The highest severity rank of its incidents, if any.
    pub highest_severity: Option<u8>,
    /// The earliest incident category at that rank.
    pub highest_category: Option<Category>,
}

/// Frequency and severity, earlier against later.
///
/// The rule: with 8 or more weeks, the last 4 weeks are compared with the 4 before them
/// (what matters for risk now is the recent weeks); with 2 to 7 weeks, the first half of
/// the weeks is compared with the second (the second half takes the middle week when the
/// number is odd). Frequency compares events per week; severity compares the highest
/// [`severity_rank`] recorded in each window. Fewer than 2 weeks: no trend.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Trend {
    /// "last-4-weeks" or "halves".
    pub rule: &'static str,
    /// The earlier window.
    pub earlier: TrendWindow,
    /// The later window.
    pub later: TrendWindow,
    /// Events per week, later against earlier.
    pub frequency: Direction,
    /// Highest severity, later against earlier.
    pub severity: Direction,
    /// The comparison in words.
    pub text: String,
}

/// The Monday of a date's ISO week.
pub(crate) fn monday(d: NaiveDate) -> NaiveDate {
    d.checked_sub_days(Days::new(u64::from(d.weekday().num_days_from_monday())))
        .unwrap_or(d)
}

/// "2024-W10".
pub(crate) fn iso_week_label(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

pub(crate) fn weekly(scope: &Scope<'_>) -> (Vec<WeekCount>, usize) {
    let dates = scope.event_dates();
    let (Some(first), Some(last)) = (dates.first(), dates.last()) else {
        return (Vec::new(), 0);
    };
    let (mut start, end) = (monday(*first), monday(*last));
    let span = usize::try_from((end - start).num_days() / 7).unwrap_or(0) + 1;
    let omitted = span.saturating_sub(MAX_WEEKS);
    if omitted > 0 {
        start = end
            .checked_sub_days(Days::new(7 * (MAX_WEEKS as u64 - 1)))
            .unwrap_or(end);
    }
    let mut weeks = Vec::with_capacity(span.min(MAX_WEEKS));
    let mut week = start;
    while week <= end {
        weeks.push(WeekCount {
            week: iso_week_label(week),
            starts: week,
            count: 0,
            imported: 0,
            total: 0,
            by_category: CategoryCounts::default(),
        });
        match week.checked_add_days(Days::new(7)) {
            Some(next) => week = next,
            None => break,
        }
    }
    let slot = |d: NaiveDate| -> Option<usize> {
        let days = (monday(d) - start).num_days();
        if days < 0 {
            return None;
        }
        usize::try_from(days / 7).ok()
    };
    for i in scope.scoped_incidents() {
        if let Some(w) = slot(i.date).and_then(|s| weeks.get_mut(s)) {
            w.count += 1;
            w.total += 1;
            w.by_category.add(i.category());
        }
    }
    for (&(_, date, _), &n) in &scope.imported.by_day {
        if let Some(w) = slot(date).and_then(|s| weeks.get_mut(s)) {
            w.imported += n;
            w.total += n;
        }
    }
    (weeks, omitted)
}

fn window(weeks: &[WeekCount], scope: &Scope<'_>) -> Option<TrendWindow> {
    let (first, last) = (weeks.first()?, weeks.last()?);
    let until = last.starts.checked_add_days(Days::new(6))?;
    let events: usize = weeks.iter().map(|w| w.total).sum();
    let mut highest: Option<(u8, Category)> = None;
    for i in scope
        .scoped_incidents()
        .filter(|i| i.date >= first.starts && i.date <= until)
    {
        let rank = severity_rank(i.category());
        if highest.is_none_or(|(r, _)| rank > r) {
            highest = Some((rank, i.category()));
        }
    }
    let per_week = (events as f64 / weeks.len() as f64 * 10.0).round() / 10.0;
    Some(TrendWindow {
        from_week: first.week.clone(),
        to_week: last.week.clone(),
        weeks: weeks.len(),
        events,
        per_week,
        highest_severity: highest.map(|(r, _)| r),
        highest_category: highest.map(|(_, c)| c),
    })
}

fn describe(w: &TrendWindow, words: &Words) -> String {
    if w.from_week == w.to_week {
        w.from_week.clone()
    } else {
        words.with(
            "summary-weeks-range",
            &[("from", (&w.from_week).into()), ("to", (&w.to_week).into())],
        )
    }
}

pub(crate) fn trend(weeks: &[WeekCount], scope: &Scope<'_>) -> Option<Trend> {
    let n = weeks.len();
    if n < 2 {
        return None;
    }
    let (rule, earlier, later) = if n >= 8 {
        ("last-4-weeks", &weeks[n - 8..n - 4], &weeks[n - 4..])
    } else {
        ("halves", &weeks[..n / 2], &weeks[n / 2..])
    };
    let (earlier, later) = (window(earlier, scope)?, window(later, scope)?);
    // Compare rates exactly: events_l / weeks_l against events_e / weeks_e.
    let frequency = match (later.events * earlier.weeks).cmp(&(earlier.events * later.weeks)) {
        std::cmp::Ordering::Greater => Direction::Rising,
        std::cmp::Ordering::Less => Direction::Falling,
        std::cmp::Ordering::Equal => Direction::Steady,
    };
    let severity = match later
        .highest_severity
        .unwrap_or(0)
        .cmp(&earlier.highest_severity.unwrap_or(0))
    {
        std::cmp::Ordering::Greater => Direction::Rising,
        std::cmp::Ordering::Less => Direction::Falling,
        std::cmp::Ordering::Equal => Direction::Steady,
    };
    let words = scope.words;
    let most = |w: &TrendWindow| {
        w.highest_category.map_or_else(
            || words.text("summary-trend-no-incident"),
            |c| words.category_lower(c),
        )
    };
    let text = words.with(
        "summary-trend",
        &[
            ("earlier", format!("{:.1}", earlier.per_week).into()),
            ("earlier-weeks", describe(&earlier, words).into()),
            ("later", format!("{:.1}", later.per_week).into()),
            ("later-weeks", describe(&later, words).into()),
            ("direction", words.text(frequency.word_id()).into()),
            ("earlier-category", most(&earlier).into()),
            ("later-category", most(&later).into()),
        ],
    );
    Some(Trend {
        rule,
        earlier,
        later,
        frequency,
        severity,
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn iso_weeks_use_the_iso_year_around_new_year() {
        assert_eq!(iso_week_label(d(2024, 12, 30)), "2025-W01");
        assert_eq!(iso_week_label(d(2021, 1, 3)), "2020-W53");
        assert_eq!(iso_week_label(d(2024, 3, 31)), "2024-W13");
        assert_eq!(iso_week_label(d(2024, 4, 1)), "2024-W14");
        assert_eq!(monday(d(2024, 3, 31)), d(2024, 3, 25));
        assert_eq!(monday(d(2024, 4, 1)), d(2024, 4, 1));
    }
}
