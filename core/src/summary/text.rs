//! Wording shared by the summary's factual sentences: dates as people write them in
//! statements ("3 March 2024"), date spans, and plurals.

use chrono::{Datelike, NaiveDate};

/// "3 March 2024".
pub(crate) fn date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// "on 3 March 2024", "between 3 and 9 March 2024", "between 28 February and 5 March
/// 2024", "between 30 December 2024 and 2 January 2025".
pub(crate) fn span(a: NaiveDate, b: NaiveDate) -> String {
    let (a, b) = if a <= b { (a, b) } else { (b, a) };
    if a == b {
        format!("on {}", date(a))
    } else if a.year() == b.year() && a.month() == b.month() {
        format!("between {} and {}", a.day(), date(b))
    } else if a.year() == b.year() {
        format!("between {} and {}", a.format("%-d %B"), date(b))
    } else {
        format!("between {} and {}", date(a), date(b))
    }
}

/// "1 threat", "3 threats".
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn spans_read_like_a_statement() {
        assert_eq!(
            span(d(2024, 3, 3), d(2024, 3, 9)),
            "between 3 and 9 March 2024"
        );
        assert_eq!(span(d(2024, 3, 9), d(2024, 3, 9)), "on 9 March 2024");
        assert_eq!(
            span(d(2024, 2, 28), d(2024, 3, 5)),
            "between 28 February and 5 March 2024"
        );
        assert_eq!(
            span(d(2024, 12, 30), d(2025, 1, 2)),
            "between 30 December 2024 and 2 January 2025"
        );
        assert_eq!(count(1, "threat", "threats"), "1 threat");
        assert_eq!(count(0, "threat", "threats"), "0 threats");
    }
}
