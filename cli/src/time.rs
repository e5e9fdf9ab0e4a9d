//! Parsing times and dates given on the command line.

use anyhow::{Context, Result};
use chrono::{DateTime, FixedOffset, NaiveDate};

/// An RFC 3339 time with its offset, e.g. `2024-03-12T21:06:00+00:00`.
pub fn instant(s: &str) -> Result<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(s.trim())
        .with_context(|| format!("{s:?} is not a time like 2024-03-12T21:06:00+00:00"))
}

/// A calendar date, e.g. `2024-03-03`.
pub fn date(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .with_context(|| format!("{s:?} is not a date like 2024-03-03"))
}
