//! The date-and-time header that starts every message line of a WhatsApp export, in all
//! the shapes phones write it.
//!
//! A header is `[date, time]` (iPhone), `date, time - ` (Android) or `date, time: ` (old
//! iPhone exports without brackets), where, depending on the phone's language and clock
//! settings:
//!
//! * the date is day, month and year in either order, or year first (`2018/07/25`),
//!   separated by `/`, `.` or `-` (`2018. 1. 29.` with spaces after the dots), in ASCII,
//!   Arabic-Indic, Persian, Devanagari, Bengali or Thai digits, with U+200F marks around
//!   the separators in Arabic; a Japanese era year (`R4`) or a Buddhist one (`2565 BE`);
//! * the date and time are separated by a comma (also the Arabic comma `،`), a colon, a
//!   word (`klo`, `à`, `kl.`, `um`, `at`), or only spaces;
//! * the time is `h:mm`, `hh:mm:ss`, or the same with dots (`21.05.53`), on a 24-hour or
//!   a 12-hour clock whose marker (`AM`, `p.m.`, `a. m.`, `ص`, `午後` …) follows or
//!   precedes it after a space, U+00A0 or U+202F;
//! * Vietnamese iPhones put the time first: `[14:56:01, 3/18/22]`.
//!
//! WhatsApp's invisible marks (U+200E/F, U+202A–E, U+2066–9, U+061C, U+FEFF) may appear
//! anywhere in the header; they are skipped and never decide where a message starts.
//!
//! Nothing here allocates; every step checks bounds, so no line can make it panic.

/// How the header is framed, which is how the exporting app is told apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Framing {
    /// `date, time - text` (Android).
    Dash,
    /// `[date, time] text` (iPhone).
    Brackets,
    /// `date, time: text` (iPhone exports from before 2017).
    Colon,
}

/// Where the year stands in the date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum YearAt {
    /// `12/03/2024`, `03/12/24`.
    Last,
    /// `2024/03/12`, `2024-03-12`.
    First,
}

/// The calendar a year is counted in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Era {
    /// Common era.
    Gregorian,
    /// Thai Buddhist era (`2565 BE` is 2022).
    Buddhist,
    /// A Japanese era by its initial: `R` Reiwa, `H` Heisei, `S` Shōwa.
    Japanese(char),
}

/// Which clock the time is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Clock {
    /// `21:06`.
    H24,
    /// `9:06 PM`, marker after the time.
    H12After,
    /// `午後9:06`, marker before the time.
    H12Before,
}

/// What stays the same from one header to the next in one export. A line that parses as
/// a header of another shape is message text (a quoted or pasted message), not a new
/// message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Shape {
    /// How the header is framed.
    pub framing: Framing,
    /// `/`, `.` or `-`.
    pub date_separator: char,
    /// Where the year stands.
    pub year_at: YearAt,
    /// The time stands before the date.
    pub time_first: bool,
    /// The clock.
    pub clock: Clock,
    /// `:` or `.` between hours and minutes.
    pub time_separator: char,
    /// The time has seconds.
    pub seconds: bool,
}

impl Shape {
    /// Whether another header belongs to the same export. The clock and the seconds are
    /// not compared: 12-hour exports write every time with a marker, and nothing varies
    /// inside one file but the digits; the framing and the date are what a pasted message
    /// from another export would differ in.
    pub fn same_export(&self, other: &Shape) -> bool {
        self.framing == other.framing
            && self.date_separator == other.date_separator
            && self.year_at == other.year_at
            && self.time_first == other.time_first
            && self.time_separator == other.time_separator
    }

    /// The header as a pattern a person can compare with the file, e.g.
    /// `dd/mm/yyyy, hh:mm - ` or `[yyyy-mm-dd hh.mm.ss AM/PM] `.
    pub fn pattern(&self) -> String {
        let s = self.date_separator;
        let date = match self.year_at {
            YearAt::Last => format!("dd{s}mm{s}yy"),
            YearAt::First => format!("yy{s}mm{s}dd"),
        };
        let t = self.time_separator;
        let mut time = format!("hh{t}mm");
        if self.seconds {
            time.push(t);
            time.push_str("ss");
        }
        match self.clock {
            Clock::H24 => {}
            Clock::H12After => time.push_str(" AM/PM"),
            Clock::H12Before => time.insert_str(0, "AM/PM "),
        }
        let stamp = if self.time_first {
            format!("{time}, {date}")
        } else {
            format!("{date}, {time}")
        };
        match self.framing {
            Framing::Dash => format!("{stamp} - "),
            Framing::Brackets => format!("[{stamp}] "),
            Framing::Colon => format!("{stamp}: "),
        }
    }

    /// The app that writes this framing.
    pub fn app(&self) -> &'static str {
        match self.framing {
            Framing::Dash => "Android",
            Framing::Brackets | Framing::Colon => "iPhone",
        }
    }
}

/// The date and time as written, before the date order is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    /// The first number of the date as written (the year when the year is first).
    pub first: u16,
    /// The second number.
    pub second: u16,
    /// The third number.
    pub third: u16,
    /// Digits the year was written with (2 means 20yy).
    pub year_digits: u8,
    /// The year's calendar.
    pub era: Era,
    /// Hour as written.
    pub hour: u8,
    /// Minute.
    pub minute: u8,
    /// Second (0 when not written).
    pub second_of_minute: u8,
    /// `Some(true)` for PM, `Some(false)` for AM, `None` on a 24-hour clock.
    pub pm: Option<bool>,
}

/// A recognised header.
#[derive(Clone, Copy, Debug)]
pub struct Header {
    /// Its date and time.
    pub stamp: Stamp,
    /// Its shape.
    pub shape: Shape,
    /// Byte offset in the line where the message (`Name: text` or a notice) begins.
    pub rest: usize,
}

/// How far a line got before it stopped looking like a header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reached {
    /// Nothing like a date at the start.
    Nothing,
    /// A date, but no time after it.
    Date,
    /// A date and a time, but not the end of a header.
    Time,
}

/// Why a line is not a header, for error messages: how far it got, the byte offset of
/// the first thing not understood (everything before it is date, time and punctuation,
/// never message text), and what was expected there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Miss {
    /// How far the line got.
    pub reached: Reached,
    /// Byte offset of the first character not understood.
    pub at: usize,
    /// What was expected there, in words.
    pub expected: &'static str,
    /// A date shape that is recognised but refused (a year-less date, a month name).
    pub refused: Option<Refused>,
}

/// Date shapes that are recognised and refused, with their own message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    /// `18 Mar 12:14` or `18/3, 12:14`: no year.
    NoYear,
    /// `28 Aug 2013`: the month is a word.
    MonthName,
}

/// The invisible marks WhatsApp writes around names, numbers and generated texts.
pub fn is_mark(c: char) -> bool {
    matches!(
        c,
        '\u{200E}'
            | '\u{200F}'
            | '\u{061C}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// A space inside a header: ASCII, U+00A0 NO-BREAK SPACE, U+202F NARROW NO-BREAK SPACE,
/// U+2009 THIN SPACE.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{A0}' | '\u{202F}' | '\u{2009}')
}

/// A digit's value in any of the scripts phones write dates in.
fn digit(c: char) -> Option<u16> {
    let base = match c {
        '0'..='9' => '0',
        '\u{0660}'..='\u{0669}' => '\u{0660}', // Arabic-Indic
        '\u{06F0}'..='\u{06F9}' => '\u{06F0}', // Extended Arabic-Indic (Persian, Urdu)
        '\u{0966}'..='\u{096F}' => '\u{0966}', // Devanagari
        '\u{09E6}'..='\u{09EF}' => '\u{09E6}', // Bengali
        '\u{0E50}'..='\u{0E59}' => '\u{0E50}', // Thai
        _ => return None,
    };
    u16::try_from(u32::from(c) - u32::from(base)).ok()
}

/// 12-hour markers written after the time, lower-cased, with their meaning (`true` PM).
/// Spaces inside a marker (`a. m.`) may be any of [`is_space`].
const MARKERS_AFTER: &[(&str, bool)] = &[
    ("a. m.", false),
    ("p. m.", true),
    ("a.m.", false),
    ("p.m.", true),
    ("a.m", false),
    ("p.m", true),
    ("am", false),
    ("pm", true),
    ("ص", false),       // Arabic
    ("م", true),        // Arabic
    ("ق.ظ.", false),    // Persian
    ("ب.ظ.", true),     // Persian
    ("पूर्वाह्न", false),  // Hindi
    ("अपराह्न", true),   // Hindi
    ("π.μ.", false),    // Greek
    ("μ.μ.", true),     // Greek
    ("sa", false),      // Vietnamese (sáng)
    ("ch", true),       // Vietnamese (chiều)
    ("ก่อนเที่ยง", false), // Thai
    ("หลังเที่ยง", true),  // Thai
    ("pg", false),      // Malay
    ("ptg", true),      // Malay
    ("öö", false),      // Turkish
    ("ös", true),       // Turkish
];

/// 12-hour markers written before the time (East Asian and Turkish clocks).
const MARKERS_BEFORE: &[(&str, bool)] = &[
    ("午前", false), // Japanese
    ("午後", true),
    ("上午", false), // Chinese
    ("下午", true),
    ("오전", false), // Korean
    ("오후", true),
    ("öö", false), // Turkish
    ("ös", true),
];

/// Words some languages put between the date and the time (Finnish, French, Danish,
/// Norwegian, Swedish, German, English), lower-cased.
const DATE_TIME_WORDS: &[(&str, ())] = &[
    ("klo", ()),
    ("kl.", ()),
    ("kl", ()),
    ("à", ()),
    ("um", ()),
    ("at", ()),
];

/// A cursor over a line; every step checks bounds.
struct Cursor<'a> {
    s: &'a str,
    i: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a str {
        self.s.get(self.i..).unwrap_or_default()
    }
    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }
    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.i += c.len_utf8();
        Some(c)
    }
    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.i += c.len_utf8();
            true
        } else {
            false
        }
    }
    fn skip_marks(&mut self) {
        while self.peek().is_some_and(is_mark) {
            self.bump();
        }
    }
    /// Skips marks and spaces; returns whether any space was seen.
    fn skip_space(&mut self) -> bool {
        let mut any = false;
        while let Some(c) = self.peek() {
            if is_space(c) {
                any = true;
            } else if !is_mark(c) {
                break;
            }
            self.bump();
        }
        any
    }
    /// `1..=max` digits (of one script or mixed) as a number, and how many there were; a
    /// longer run of digits is not this field.
    fn number(&mut self, max: usize) -> Option<(u16, usize)> {
        let start = self.i;
        let mut n: u16 = 0;
        let mut count = 0;
        while let Some(d) = self.peek().and_then(digit) {
            if count == max {
                self.i = start;
                return None;
            }
            n = n.saturating_mul(10).saturating_add(d);
            count += 1;
            self.bump();
        }
        if count == 0 {
            self.i = start;
            return None;
        }
        Some((n, count))
    }
    /// Matches one of `words` (lower-case, spaces standing for any [`is_space`]) at the
    /// cursor, case-insensitively; on a match, moves past it.
    fn eat_word<T: Copy>(&mut self, words: &[(&str, T)]) -> Option<T> {
        for &(word, value) in words {
            if let Some(len) = match_word(self.rest(), word) {
                self.i += len;
                return Some(value);
            }
        }
        None
    }
}

/// The byte length of `word` at the start of `text`, compared case-insensitively, with
/// a space in `word` matching any header space, and not followed by a letter (so `am`
/// does not match the start of a name).
fn match_word(text: &str, word: &str) -> Option<usize> {
    let mut t = text.char_indices().peekable();
    for w in word.chars() {
        let (_, c) = t.next()?;
        let same = if w == ' ' {
            is_space(c)
        } else if c.is_ascii() {
            c.to_ascii_lowercase() == w
        } else {
            c == w || c.to_lowercase().eq(std::iter::once(w))
        };
        if !same {
            return None;
        }
    }
    let end = t.peek().map_or(text.len(), |&(i, _)| i);
    let next = text.get(end..).and_then(|r| r.chars().next());
    if next.is_some_and(|c| c.is_alphabetic())
        && word.chars().last().is_some_and(char::is_alphabetic)
    {
        return None;
    }
    Some(end)
}

fn miss(reached: Reached, at: usize, expected: &'static str) -> Miss {
    Miss {
        reached,
        at,
        expected,
        refused: None,
    }
}

/// A parsed date: three numbers as written, where the year stands, its digits and era,
/// and the separator.
struct DateParts {
    numbers: [u16; 3],
    year_at: YearAt,
    year_digits: u8,
    era: Era,
    separator: char,
}

fn date(c: &mut Cursor<'_>) -> Result<DateParts, Miss> {
    let start = c.i;
    let (a, a_digits) = c
        .number(4)
        .ok_or_else(|| miss(Reached::Nothing, start, "a date"))?;
    c.skip_marks();
    let separator = match c.peek() {
        Some(s @ ('/' | '.' | '-')) => s,
        Some(',') | Some(' ') | Some('\u{A0}') | Some('\u{202F}') => {
            // `18 Mar 12:14` or `18/3, 12:14` come through the other arms; a number
            // followed by a space and a letter is a month written as a word.
            let at = c.i;
            c.skip_space();
            return Err(if c.peek().is_some_and(char::is_alphabetic) {
                Miss {
                    refused: Some(Refused::MonthName),
                    ..miss(Reached::Nothing, at, "a date written with numbers")
                }
            } else {
                miss(Reached::Nothing, at, "a date")
            });
        }
        _ => return Err(miss(Reached::Nothing, c.i, "`/`, `.` or `-` in the date")),
    };
    c.bump();
    c.skip_marks();
    if separator == '.' {
        c.skip_space();
    }
    let (b, _) = c
        .number(2)
        .ok_or_else(|| miss(Reached::Nothing, c.i, "the second number of the date"))?;
    c.skip_marks();
    if !c.eat(separator) {
        let at = c.i;
        // Two numbers, then the time: a date without a year.
        let mut probe = Cursor { s: c.s, i: c.i };
        probe.eat(',');
        probe.skip_space();
        if probe.number(2).is_some() && matches!(probe.peek(), Some(':' | '.')) {
            return Err(Miss {
                refused: Some(Refused::NoYear),
                ..miss(Reached::Nothing, at, "a year")
            });
        }
        return Err(miss(Reached::Nothing, at, "the date's second separator"));
    }
    c.skip_marks();
    if separator == '.' {
        c.skip_space();
    }
    // A Japanese era year: `R4`.
    let era_initial = c.peek().filter(|ch| matches!(ch, 'R' | 'H' | 'S'));
    if era_initial.is_some() {
        c.bump();
    }
    let third_at = c.i;
    let (third, third_digits) = c
        .number(4)
        .ok_or_else(|| miss(Reached::Nothing, third_at, "the third number of the date"))?;
    let year_at = if a_digits >= 3 {
        YearAt::First
    } else {
        YearAt::Last
    };
    let mut era = era_initial.map_or(Era::Gregorian, Era::Japanese);
    let year_digits = match year_at {
        YearAt::First => a_digits,
        YearAt::Last => third_digits,
    };
    match (year_at, era, year_digits) {
        (YearAt::First, Era::Gregorian, 4) => {
            if third_digits > 2 {
                return Err(miss(
                    Reached::Nothing,
                    third_at,
                    "a day of one or two digits",
                ));
            }
        }
        (YearAt::Last, Era::Gregorian, 2 | 4) | (YearAt::Last, Era::Japanese(_), 1 | 2) => {}
        _ => {
            return Err(miss(
                Reached::Nothing,
                third_at,
                "a year of two or four digits",
            ));
        }
    }
    // ` BE`: the Thai Buddhist era.
    let before_era = c.i;
    if c.skip_space() && c.rest().starts_with("BE") {
        c.i += 2;
        era = Era::Buddhist;
    } else {
        c.i = before_era;
    }
    // `2018. 1. 29.`: a dot after the last number too.
    if separator == '.' {
        c.eat('.');
    }
    Ok(DateParts {
        numbers: [a, b, third],
        year_at,
        year_digits: u8::try_from(year_digits).unwrap_or(4),
        era,
        separator,
    })
}

/// A parsed time of day.
struct TimeParts {
    hour: u8,
    minute: u8,
    second: Option<u8>,
    separator: char,
}

fn time(c: &mut Cursor<'_>, reached: Reached) -> Result<TimeParts, Miss> {
    let (hour, _) = c.number(2).ok_or_else(|| miss(reached, c.i, "a time"))?;
    let separator = match c.peek() {
        Some(s @ (':' | '.')) => s,
        _ => return Err(miss(reached, c.i, "`:` or `.` in the time")),
    };
    c.bump();
    let (minute, digits) = c
        .number(2)
        .filter(|&(_, d)| d == 2)
        .ok_or_else(|| miss(reached, c.i, "two digits of minutes"))?;
    debug_assert_eq!(digits, 2);
    let mut second = None;
    let before = c.i;
    if c.eat(separator) {
        match c.number(2) {
            Some((s, 2)) => second = Some(s),
            _ => c.i = before,
        }
    }
    let small = |n: u16| u8::try_from(n).unwrap_or(u8::MAX);
    Ok(TimeParts {
        hour: small(hour),
        minute: small(minute),
        second: second.map(small),
        separator,
    })
}

/// A 12-hour marker after the time, with the spaces before it.
fn marker_after(c: &mut Cursor<'_>) -> Option<bool> {
    let before = c.i;
    c.skip_space();
    match c.eat_word(MARKERS_AFTER) {
        Some(pm) => Some(pm),
        None => {
            c.i = before;
            None
        }
    }
}

/// Recognises the header at the start of `line`.
pub fn parse(line: &str) -> Result<Header, Miss> {
    let mut c = Cursor { s: line, i: 0 };
    c.skip_space();
    let brackets = c.eat('[');
    c.skip_space();

    // Time first (Vietnamese iPhones): a number followed by `:`.
    let mut probe = Cursor { s: line, i: c.i };
    let time_first = probe.number(2).is_some() && probe.peek() == Some(':');

    let (date, time, clock) = if time_first {
        let t = time(&mut c, Reached::Nothing)?;
        let pm = marker_after(&mut c);
        c.skip_marks();
        c.eat(',');
        c.skip_space();
        let d = date(&mut c)?;
        let clock = if pm.is_some() {
            Clock::H12After
        } else {
            Clock::H24
        };
        (d, (t, pm), clock)
    } else {
        let d = date(&mut c)?;
        // Between date and time: `,` `،` `:` and/or spaces, and perhaps a word.
        let after_date = c.i;
        c.skip_marks();
        let punct = c.eat(',') || c.eat('\u{060C}') || c.eat(':');
        let spaced = c.skip_space();
        if c.eat_word(DATE_TIME_WORDS).is_some() {
            if !c.skip_space() {
                return Err(miss(
                    Reached::Date,
                    c.i,
                    "a space after the word before the time",
                ));
            }
        } else if !punct && !spaced {
            return Err(miss(
                Reached::Date,
                after_date,
                "a comma or a space after the date",
            ));
        }
        let before = c.eat_word(MARKERS_BEFORE);
        if before.is_some() {
            c.skip_space();
        }
        let t = time(&mut c, Reached::Date)?;
        let after = if before.is_none() {
            marker_after(&mut c)
        } else {
            None
        };
        let clock = match (before, after) {
            (Some(_), _) => Clock::H12Before,
            (None, Some(_)) => Clock::H12After,
            (None, None) => Clock::H24,
        };
        (d, (t, before.or(after)), clock)
    };
    let ((t, pm), d) = (time, date);

    let framing = if brackets {
        c.skip_space();
        if !c.eat(']') {
            return Err(miss(Reached::Time, c.i, "`]` after the time"));
        }
        // One space follows the bracket; a notice may follow it directly.
        c.eat(' ');
        Framing::Brackets
    } else {
        let before = c.i;
        c.skip_marks();
        if c.rest().starts_with(": ") {
            c.i += 2;
            Framing::Colon
        } else {
            c.i = before;
            if !c.skip_space() {
                return Err(miss(Reached::Time, c.i, "` - ` after the time"));
            }
            if !(c.eat('-') || c.eat('\u{2013}')) {
                return Err(miss(Reached::Time, c.i, "` - ` after the time"));
            }
            if !c.eat(' ') {
                // A notice may end right after the dash on an empty line.
                if !c.rest().is_empty() {
                    return Err(miss(Reached::Time, c.i, "a space after ` - `"));
                }
            }
            Framing::Dash
        }
    };
    // `c.i` sits after whole characters, so it is a char boundary.
    line.get(c.i..)
        .ok_or_else(|| miss(Reached::Time, c.i, "the end of the header"))?;
    let [first, second, third] = d.numbers;
    Ok(Header {
        stamp: Stamp {
            first,
            second,
            third,
            year_digits: d.year_digits,
            era: d.era,
            hour: t.hour,
            minute: t.minute,
            second_of_minute: t.second.unwrap_or(0),
            pm,
        },
        shape: Shape {
            framing,
            date_separator: d.separator,
            year_at: d.year_at,
            time_first,
            clock,
            time_separator: t.separator,
            seconds: t.second.is_some(),
        },
        rest: c.i,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn stamp(line: &str) -> (Stamp, Shape, &str) {
        let h = parse(line).unwrap_or_else(|m| panic!("{line:?}: {m:?}"));
        (h.stamp, h.shape, &line[h.rest..])
    }

    fn hms(s: &Stamp) -> (u8, u8, u8, Option<bool>) {
        (s.hour, s.minute, s.second_of_minute, s.pm)
    }

    #[test]
    fn android_and_iphone_headers_of_every_common_shape() {
        type Case<'a> = (
            &'a str,
            [u16; 3],
            (u8, u8, u8, Option<bool>),
            Framing,
            &'a str,
        );
        let cases: &[Case<'_>] = &[
            (
                "12/03/2024, 21:06 - Sam: x",
                [12, 3, 2024],
                (21, 6, 0, None),
                Framing::Dash,
                "Sam: x",
            ),
            (
                "3/12/24, 9:06\u{202F}PM - Sam: x",
                [3, 12, 24],
                (9, 6, 0, Some(true)),
                Framing::Dash,
                "Sam: x",
            ),
            (
                "[12/03/2024, 21:05:11] Sam: x",
                [12, 3, 2024],
                (21, 5, 11, None),
                Framing::Brackets,
                "Sam: x",
            ),
            (
                "\u{200E}[3/13/24, 12:00:01\u{202F}AM] Sam: x",
                [3, 13, 24],
                (12, 0, 1, Some(false)),
                Framing::Brackets,
                "Sam: x",
            ),
            (
                "2018/07/25, 21:06 - Sam: x",
                [2018, 7, 25],
                (21, 6, 0, None),
                Framing::Dash,
                "Sam: x",
            ),
            (
                "2019-08-06, 7:03 a.m. - Sam: x",
                [2019, 8, 6],
                (7, 3, 0, Some(false)),
                Framing::Dash,
                "Sam: x",
            ),
            (
                "[26/01/21 21.05.53] Sam: x",
                [26, 1, 21],
                (21, 5, 53, None),
                Framing::Brackets,
                "Sam: x",
            ),
            (
                "26/01/21 21.06 - Sam: x",
                [26, 1, 21],
                (21, 6, 0, None),
                Framing::Dash,
                "Sam: x",
            ),
            (
                "12/3/25, 2:33:40 p.\u{A0}m. - Sam: x",
                [12, 3, 25],
                (2, 33, 40, Some(true)),
                Framing::Dash,
                "Sam: x",
            ),
            (
                "[12/3/25, 2:33:40 a. m.] Sam: x",
                [12, 3, 25],
                (2, 33, 40, Some(false)),
                Framing::Brackets,
                "Sam: x",
            ),
            (
                "7/1/16, 4:56:55 PM: Sophia: hi",
                [7, 1, 16],
                (4, 56, 55, Some(true)),
                Framing::Colon,
                "Sophia: hi",
            ),
            (
                "[14:56:01, 3/18/22] Sam: x",
                [3, 18, 22],
                (14, 56, 1, None),
                Framing::Brackets,
                "Sam: x",
            ),
            (
                "12.3.2024 klo 21.06 - Sam: x",
                [12, 3, 2024],
                (21, 6, 0, None),
                Framing::Dash,
                "Sam: x",
            ),
            (
                "12/03/2024 à 21:06 - Sam: x",
                [12, 3, 2024],
                (21, 6, 0, None),
                Framing::Dash,
                "Sam: x",
            ),
            (
                "12/03/2024: 21:06 - Sam: x",
                [12, 3, 2024],
                (21, 6, 0, None),
                Framing::Dash,
                "Sam: x",
            ),
            (
                "12/03/2024, 21:06  - Sam: x",
                [12, 3, 2024],
                (21, 6, 0, None),
                Framing::Dash,
                "Sam: x",
            ),
            (
                "\u{FEFF}29.01.18, 12:24 - Mallory: Hey",
                [29, 1, 18],
                (12, 24, 0, None),
                Framing::Dash,
                "Mallory: Hey",
            ),
            (
                "[\u{FEFF}29.01.18, 12:24:03] Mallory: Hey",
                [29, 1, 18],
                (12, 24, 3, None),
                Framing::Brackets,
                "Mallory: Hey",
            ),
            (
                "2018. 1. 29. 오후 12:24 - Sam: x",
                [2018, 1, 29],
                (12, 24, 0, Some(true)),
                Framing::Dash,
                "Sam: x",
            ),
            (
                "1/29/18, 0:24 PM - Sam: x",
                [1, 29, 18],
                (0, 24, 0, Some(true)),
                Framing::Dash,
                "Sam: x",
            ),
        ];
        for (line, date, time, framing, rest) in cases {
            let (s, shape, r) = stamp(line);
            assert_eq!([s.first, s.second, s.third], *date, "{line:?}");
            assert_eq!(hms(&s), *time, "{line:?}");
            assert_eq!(shape.framing, *framing, "{line:?}");
            assert_eq!(r, *rest, "{line:?}");
        }
    }

    #[test]
    fn arabic_headers_with_marks_and_arabic_indic_digits() {
        let line = "[\u{661}\u{668}\u{200F}/\u{663}\u{200F}/\u{662}\u{660}\u{662}\u{662}\u{60C} \
                    \u{662}:\u{665}\u{666}:\u{660}\u{660}\u{A0}\u{645}] \u{202A}+40\u{A0}521\u{202C}: x";
        let (s, shape, rest) = stamp(line);
        assert_eq!([s.first, s.second, s.third], [18, 3, 2022]);
        assert_eq!(hms(&s), (2, 56, 0, Some(true)));
        assert_eq!(shape.framing, Framing::Brackets);
        assert_eq!(rest, "\u{202A}+40\u{A0}521\u{202C}: x");
        let line = "\u{200F}[\u{200F}27\u{200F}/3\u{200F}/2022\u{60C} 21:41:55] Dmitry: x";
        let (s, _, rest) = stamp(line);
        assert_eq!([s.first, s.second, s.third], [27, 3, 2022]);
        assert_eq!(rest, "Dmitry: x");
    }

    #[test]
    fn era_years_are_recognised() {
        let (s, _, _) = stamp("[3/18/2565 BE, 14:56:01] Elon: x");
        assert_eq!((s.third, s.era), (2565, Era::Buddhist));
        let (s, _, _) = stamp("[3/18/R4, 14:56:01] Elon: x");
        assert_eq!((s.third, s.era), (4, Era::Japanese('R')));
    }

    #[test]
    fn lines_that_are_not_headers_say_how_far_they_got() {
        let m = parse("Dear diary").unwrap_err();
        assert_eq!((m.reached, m.at), (Reached::Nothing, 0));
        let m = parse("12/03/2024, 21:06 Sam: x").unwrap_err();
        assert_eq!(m.reached, Reached::Time);
        assert_eq!(&"12/03/2024, 21:06 Sam: x"[..m.at], "12/03/2024, 21:06 ");
        let m = parse("[12/03/2024, 21:06 Sam: x").unwrap_err();
        assert_eq!(
            (m.reached, m.expected),
            (Reached::Time, "`]` after the time")
        );
        let m = parse("12/03/2024 hello").unwrap_err();
        assert_eq!(m.reached, Reached::Date);
        let m = parse("18 Mar 12:14 - Shaggy: x").unwrap_err();
        assert_eq!(m.refused, Some(Refused::MonthName));
        let m = parse("18/3, 12:14 - Shaggy: x").unwrap_err();
        assert_eq!(m.refused, Some(Refused::NoYear));
        assert!(parse("123/03/2024, 21:06 - x").is_err());
        assert!(parse("12/03/20245, 21:06 - x").is_err());
        assert!(parse("12/03/2024, 21:6 - x").is_err());
    }

    #[test]
    fn shapes_tell_exports_apart() {
        let android = stamp("12/03/2024, 21:06 - a").1;
        let ios = stamp("[12/03/2024, 21:06:00] a").1;
        let dotted = stamp("12.03.2024, 21:06 - a").1;
        assert!(!android.same_export(&ios));
        assert!(!android.same_export(&dotted));
        assert!(android.same_export(&stamp("1/3/24, 9:06 PM - a").1));
        assert_eq!(android.pattern(), "dd/mm/yy, hh:mm - ");
        assert_eq!(ios.pattern(), "[dd/mm/yy, hh:mm:ss] ");
    }

    #[test]
    fn words_match_whole_and_case_insensitively() {
        assert_eq!(match_word("PM - x", "pm"), Some(2));
        assert_eq!(match_word("Amy", "am"), None);
        assert_eq!(match_word("a.\u{A0}m. - x", "a. m."), Some(6));
    }
}
