//! HTML escaping and the small builders every report section uses: readable dates, user
//! text blocks, safe links inside the pack, and labels for the model's enums.
//!
//! Everything the victim typed (or an imported chat contained) reaches the page through
//! [`escape`]; nothing else in the report writes user text. Links are only ever fragment
//! links (`#…`) or relative paths inside the pack (checked by [`pack_href`]), so the report
//! can never fetch or point at anything on a network.

use std::fmt::Write as _;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};

use crate::model::{ContactMethod, LifeChange, Relationship};

/// Escapes text for use in HTML text content and in quoted attribute values.
///
/// Replaces `&`, `<`, `>`, `"` and `'`; replaces NUL and the other C0/C1 control
/// characters (except tab, line feed and carriage return) with U+FFFD, because the HTML
/// parser would otherwise treat them as errors and different browsers would show
/// different things for the same evidence.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// User text shown inline (a name, a file name): escaped and wrapped in `<bdi>` so that
/// right-to-left or bidi-override characters in it cannot reorder the text around it
/// (a file called `photo\u{202E}gpj.exe` must not pass for a JPEG).
pub(crate) fn inline(text: &str) -> String {
    format!("<bdi>{}</bdi>", escape(text))
}

/// User text shown as a block (details, notes): escaped; the `.text` class keeps its line
/// breaks (`white-space: pre-wrap`) and isolates its direction.
pub(crate) fn block(text: &str) -> String {
    format!("<div class=\"text\">{}</div>", escape(text))
}

/// A date and time as people read it, in the offset it was recorded in:
/// `Tue 12 Mar 2024, 21:06 (UTC+00:00)`.
pub(crate) fn datetime(at: &DateTime<FixedOffset>) -> String {
    format!(
        "{} (UTC{})",
        at.format("%a %-d %b %Y, %H:%M"),
        at.format("%:z")
    )
}

/// A UTC instant as people read it: `Tue 12 Mar 2024, 21:06 (UTC+00:00)`.
pub(crate) fn datetime_utc(at: &DateTime<Utc>) -> String {
    datetime(&at.fixed_offset())
}

/// The time of day with its offset: `21:06 (UTC+01:00)`.
pub(crate) fn time_of_day(at: &DateTime<FixedOffset>) -> String {
    format!("{} (UTC{})", at.format("%H:%M"), at.format("%:z"))
}

/// A day: `Tue 12 Mar 2024`.
pub(crate) fn day(d: &NaiveDate) -> String {
    d.format("%a %-d %b %Y").to_string()
}

/// A day without its weekday, for periods: `12 Mar 2024`.
pub(crate) fn short_day(d: &NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

/// A time written as text elsewhere (tree heads, checkpoints): readable when it is
/// RFC 3339, otherwise shown exactly as given.
pub(crate) fn text_time(s: &str) -> String {
    match DateTime::parse_from_rfc3339(s) {
        Ok(t) => format!(
            "{} <span class=\"muted\">({})</span>",
            datetime(&t),
            escape(s)
        ),
        Err(_) => escape(s),
    }
}

/// An ISO 8601 machine-readable value for `<time datetime>`.
pub(crate) fn iso<Tz: TimeZone>(at: &DateTime<Tz>) -> String
where
    Tz::Offset: std::fmt::Display,
{
    at.to_rfc3339()
}

/// A byte count as people read it, with the exact count beside it.
pub(crate) fn size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {} ({bytes} bytes)", UNITS[unit])
}

/// The `href` for a file inside the pack, or `None` when the path is not a plain relative
/// path (a scheme, an absolute path, a parent directory, odd characters). The report must
/// never link outside the pack, whatever the pack writer hands it.
pub(crate) fn pack_href(path: &str) -> Option<String> {
    let ok = !path.is_empty()
        && !path.starts_with('/')
        && !path.contains("..")
        && !path.contains("//")
        && path
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '-' | '_'));
    ok.then(|| escape(path))
}

/// The id of the element showing entry `seq` (incidents, people, orders, contacts).
pub(crate) fn entry_id(seq: u64) -> String {
    format!("entry-{seq}")
}

/// A list of items joined for reading: "a", "a and b", "a, b and c".
pub(crate) fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Entry numbers as compact ranges: `1–5, 7, 9–10`.
pub(crate) fn seq_ranges(seqs: &[u64]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < seqs.len() {
        let start = seqs[i];
        let mut end = start;
        while i + 1 < seqs.len() && seqs[i + 1] == end + 1 {
            end = seqs[i + 1];
            i += 1;
        }
        if !out.is_empty() {
            out.push_str(", ");
        }
        if end == start {
            let _ = write!(out, "{start}");
        } else {
            let _ = write!(out, "{start}\u{2013}{end}");
        }
        i += 1;
    }
    out
}

/// A relationship as a report reader says it.
pub(crate) fn relationship(r: Relationship) -> &'static str {
    match r {
        Relationship::ExPartner => "ex-partner",
        Relationship::Acquaintance => "acquaintance",
        Relationship::Colleague => "colleague",
        Relationship::Neighbour => "neighbour",
        Relationship::Stranger => "stranger",
        Relationship::Police => "police officer or staff",
        Relationship::Other => "other",
    }
}

/// How a police contact happened, as a report reader says it.
pub(crate) fn contact_method(m: ContactMethod) -> &'static str {
    match m {
        ContactMethod::Call999 => "999 call",
        ContactMethod::Call101 => "101 call",
        ContactMethod::Online => "online report",
        ContactMethod::InPerson => "in person at a police station",
        ContactMethod::OfficerVisit => "visit by an officer",
        ContactMethod::Written => "email or letter",
        ContactMethod::Other => "other",
    }
}

/// A change to daily life, as a report reader says it (escaped when it is the victim's
/// own words).
pub(crate) fn life_change(c: &LifeChange) -> String {
    match c {
        LifeChange::MovedHome => "moved home".into(),
        LifeChange::ChangedRoute => "changed route".into(),
        LifeChange::TimeOffWork => "time off work or changed job".into(),
        LifeChange::ChangedNumberOrAccounts => "changed phone number or accounts".into(),
        LifeChange::StoppedGoingOut => "stopped going out, or goes out less".into(),
        LifeChange::ExtraSecurity => "installed cameras, alarms or locks".into(),
        LifeChange::SoughtHealthHelp => "sought medical or mental-health help".into(),
        LifeChange::Other(text) => inline(text),
    }
}

/// Plural helper: `1 entry`, `2 entries`.
pub(crate) fn count(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_cannot_break_out_of_text_or_attributes() {
        assert_eq!(
            escape("<img src=x onerror='a'>\"&"),
            "&lt;img src=x onerror=&#39;a&#39;&gt;&quot;&amp;"
        );
        assert_eq!(escape("a\u{0}b\u{1b}c\nd"), "a\u{FFFD}b\u{FFFD}c\nd");
    }

    #[test]
    fn only_plain_relative_paths_become_links() {
        assert_eq!(
            pack_href("attachments/ab12.jpg").as_deref(),
            Some("attachments/ab12.jpg")
        );
        for bad in [
            "https://example.com/x.jpg",
            "//example.com/x",
            "/etc/passwd",
            "../outside.txt",
            "javascript:alert(1)",
            "a b.jpg",
            "",
        ] {
            assert_eq!(pack_href(bad), None, "{bad}");
        }
    }

    #[test]
    fn entry_numbers_read_as_ranges() {
        assert_eq!(seq_ranges(&[1, 2, 3, 5, 7, 8]), "1\u{2013}3, 5, 7\u{2013}8");
        assert_eq!(seq_ranges(&[]), "");
    }
}
