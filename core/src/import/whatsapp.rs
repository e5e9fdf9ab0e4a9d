//! WhatsApp `.txt` chat exports ("Export chat" on Android and iOS), parsed exactly and
//! defensively into timestamped messages.
//!
//! WhatsApp publishes no specification of this format; what is handled here is what the
//! apps write, as observed in exports:
//!
//! * Android: `12/03/2024, 21:06 - Name: text` (also `12.03.24, 21:06 - `, 12-hour
//!   `3/12/24, 9:06 PM - `, no comma between date and time);
//! * iOS: `[12/03/2024, 21:05:11] Name: text`, often with U+200E LEFT-TO-RIGHT MARK before
//!   the `[`, before generated texts (attachments, "image omitted", system notices) and
//!   around names; phone-number senders may be wrapped in U+202A … U+202C.
//! * 12-hour times end in `AM`/`PM`, `am`/`pm` or `a.m.`/`p.m.`, after an ASCII space,
//!   U+202F NARROW NO-BREAK SPACE or U+00A0 NO-BREAK SPACE (newer exports use U+202F).
//! * Date fields are separated by `/`, `.` or `-`; two-digit years mean 20yy.
//! * A line that does not start with a date and time of the same layout as the first
//!   message continues the previous message.
//!
//! The date order (day-first or month-first) is not written in the file. It is proven by
//! any date whose first field is over 12 (day-first) or whose second field is over 12
//! (month-first); if no date proves it, the caller must say which, because guessing would
//! silently put messages on the wrong day. See [`parse_whatsapp`].
//!
//! # Bounds
//!
//! * The whole export: [`MAX_INPUT_BYTES`] (256 MiB; a 100,000-message chat is ~10 MB).
//! * One line: [`MAX_LINE_BYTES`] (1 MiB). WhatsApp caps a message at 65,536 characters,
//!   which is at most 256 KiB of UTF-8 on one line; 1 MiB leaves room for that and refuses
//!   a file that is one enormous line (a binary file renamed to `.txt`).
//! * One message (all its lines): [`MAX_MESSAGE_BYTES`] (4 MiB).
//!
//! Parsing is a single hand-written scan over the bytes of each line; the only allocations
//! are each message's own text and sender. Memory is bounded by about twice the input.
//!
//! # Throughput
//!
//! Measured in release mode on the development machine (2 cores shared with other builds):
//! a generated 100,000-message Android export (5.4 MB, every tenth message on three lines)
//! parses in 75–160 ms, about a million messages per second (`cargo test --release -p
//! tally-core import::whatsapp::tests::throughput -- --ignored --nocapture`).

use std::collections::HashSet;

use chrono::{DateTime, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};

use super::error::ImportError;

/// Largest chat export accepted, in bytes.
pub const MAX_INPUT_BYTES: usize = 256 * 1024 * 1024;
/// Longest single line accepted, in bytes.
pub const MAX_LINE_BYTES: usize = 1024 * 1024;
/// Longest single message (first line plus continuation lines) accepted, in bytes.
pub const MAX_MESSAGE_BYTES: usize = 4 * 1024 * 1024;
/// A "sender" longer than this is not a name: the `": "` belongs to a system line's text.
const MAX_SENDER_BYTES: usize = 256;

/// How the numeric dates of the export are to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateOrder {
    /// `12/03/2024` is 12 March 2024.
    DayMonthYear,
    /// `03/12/2024` is 12 March 2024.
    MonthDayYear,
}

/// What the caller knows about the export.
#[derive(Clone, Debug)]
pub struct WhatsAppOptions {
    /// The date order, if the user said; `None` to infer it from the dates.
    pub date_order: Option<DateOrder>,
    /// The time zone of the phone that exported the chat: the file holds local wall-clock
    /// times with no offset.
    pub time_zone: chrono_tz::Tz,
}

/// Which app wrote the export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// `12/03/2024, 21:06 - Name: text`
    Android,
    /// `[12/03/2024, 21:05:11] Name: text`
    Ios,
}

/// What a message is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MessageKind {
    /// Ordinary text.
    Text,
    /// "This message was deleted" / "You deleted this message".
    Deleted,
    /// Media that was not included in the export (`<Media omitted>`, `image omitted`, ...).
    MediaOmitted,
    /// Media included in the export (a zip member of this name); `text` keeps the whole
    /// message as written, including any caption on following lines.
    Media {
        /// The attachment's file name as written in the chat.
        file_name: String,
    },
    /// A notice written by WhatsApp itself (encryption notice, "X added Y", subject
    /// changes, ...). Its `sender` is `None`.
    System,
}

/// One message of the chat.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChatMessage {
    /// When it was sent, converted from local time with the given time zone.
    pub at: DateTime<FixedOffset>,
    /// The sender's name as written (bidirectional-text marks removed); `None` for
    /// system lines.
    pub sender: Option<String>,
    /// The text, with continuation lines joined by `\n`. WhatsApp's leading U+200E mark on
    /// generated texts is removed; everything else is verbatim.
    pub text: String,
    /// What kind of message it is.
    pub kind: MessageKind,
    /// The 1-based line of the file where the message starts.
    pub line: usize,
}

/// A parsed chat.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedChat {
    /// Which app wrote the export.
    pub layout: Layout,
    /// The date order used (given or proven).
    pub date_order: DateOrder,
    /// The messages, in file order.
    pub messages: Vec<ChatMessage>,
    /// Distinct senders, in order of first appearance.
    pub senders: Vec<String>,
}

/// The date and time at the start of a message line, before the date order is known.
#[derive(Clone, Copy, Debug)]
struct Stamp {
    first: u8,
    second: u8,
    year: u16,
    hour: u8,
    minute: u8,
    sec: u8,
    /// `Some(true)` for PM, `Some(false)` for AM, `None` for a 24-hour time.
    pm: Option<bool>,
}

/// A message line's header: its stamp, the layout, and where `Name: text` begins.
#[derive(Clone, Copy, Debug)]
struct Header {
    stamp: Stamp,
    layout: Layout,
    rest: usize,
}

/// A message between the two passes.
struct Pending {
    stamp: Stamp,
    line: usize,
    sender: Option<String>,
    text: String,
    kind: MessageKind,
    /// Blank lines seen after the text, kept only if more text follows (WhatsApp trims
    /// messages, so blank lines before the next message or the end are layout).
    blank_lines: usize,
}

/// Parses a WhatsApp export given as raw bytes: checks the size bound and UTF-8 (naming
/// the line of the first invalid byte), then [`parse_whatsapp`].
pub fn parse_whatsapp_bytes(
    bytes: &[u8],
    options: &WhatsAppOptions,
) -> Result<ParsedChat, ImportError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(ImportError::TooLarge {
            what: "chat export",
            limit: MAX_INPUT_BYTES as u64,
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_whatsapp(text, options),
        Err(e) => {
            let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            Err(ImportError::NotUtf8 { line: Some(line) })
        }
    }
}

/// Parses a WhatsApp `.txt` chat export.
///
/// Date order: `options.date_order` if given (a date that contradicts it is
/// [`ImportError::ContradictsDateOrder`]); otherwise proven by the dates themselves. If no
/// date proves either order, [`ImportError::AmbiguousDateOrder`] (unless every date reads
/// the same both ways, e.g. all on the 1st of January); if one date proves day-first and
/// another month-first, [`ImportError::InconsistentDateOrder`] naming both lines.
///
/// Time zone: a local time that never happened (the hour skipped when clocks go forward)
/// is [`ImportError::NonexistentLocalTime`]: it means the time zone is wrong, and the user
/// must know. A local time that happened twice (the hour repeated when clocks go back)
/// takes the *earlier* instant and carries on: the export records no offset, so the
/// information needed to choose is simply not in the file; refusing would make every chat
/// that spans that hour unimportable, and the choice is deterministic (re-importing gives
/// the same record) and wrong by at most one hour, only within that hour. The stored
/// original export keeps the wall-clock time as written.
pub fn parse_whatsapp(text: &str, options: &WhatsAppOptions) -> Result<ParsedChat, ImportError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(ImportError::TooLarge {
            what: "chat export",
            limit: MAX_INPUT_BYTES as u64,
        });
    }
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }

    let mut layout: Option<Layout> = None;
    let mut pending: Vec<Pending> = Vec::new();
    // The first line proving each date order, for inference and for error messages.
    let mut day_first_proof: Option<usize> = None;
    let mut month_first_proof: Option<usize> = None;
    let mut all_symmetric = true;

    for (index, raw_line) in text.split('\n').enumerate() {
        let line_no = index + 1;
        if raw_line.len() > MAX_LINE_BYTES {
            return Err(ImportError::LineTooLong {
                line: line_no,
                limit: MAX_LINE_BYTES as u64,
            });
        }
        let line = raw_line.strip_suffix('\r').unwrap_or(raw_line);

        let header = parse_header(line).filter(|h| layout.is_none_or(|l| l == h.layout));
        match header {
            Some(h) => {
                layout = Some(h.layout);
                let s = h.stamp;
                if s.first == 0 || s.second == 0 || (s.first > 12 && s.second > 12) {
                    return Err(ImportError::ImpossibleDate { line: line_no });
                }
                if s.first > 12 && day_first_proof.is_none() {
                    day_first_proof = Some(line_no);
                }
                if s.second > 12 && month_first_proof.is_none() {
                    month_first_proof = Some(line_no);
                }
                all_symmetric &= s.first == s.second;
                let rest = line.get(h.rest..).unwrap_or_default();
                let (sender, text, kind) = split_message(rest);
                pending.push(Pending {
                    stamp: s,
                    line: line_no,
                    sender,
                    text,
                    kind,
                    blank_lines: 0,
                });
            }
            None => {
                let Some(current) = pending.last_mut() else {
                    if line.trim().is_empty() {
                        continue;
                    }
                    return Err(ImportError::NotWhatsAppExport { line: line_no });
                };
                if line.is_empty() {
                    current.blank_lines += 1;
                    continue;
                }
                let added = current.blank_lines + 1 + line.len();
                if current.text.len() + added > MAX_MESSAGE_BYTES {
                    return Err(ImportError::TooLarge {
                        what: "one message",
                        limit: MAX_MESSAGE_BYTES as u64,
                    });
                }
                current.text.reserve(added);
                for _ in 0..=current.blank_lines {
                    current.text.push('\n');
                }
                current.blank_lines = 0;
                current.text.push_str(line);
            }
        }
    }

    let (Some(layout), false) = (layout, pending.is_empty()) else {
        return Err(ImportError::Empty);
    };

    let date_order = resolve_date_order(
        options.date_order,
        day_first_proof,
        month_first_proof,
        all_symmetric,
    )?;

    let mut messages = Vec::with_capacity(pending.len());
    let mut senders = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    // Consecutive messages usually share a minute: cache the last conversion.
    let mut last: Option<(NaiveDateTime, DateTime<FixedOffset>)> = None;
    for p in pending {
        let local = local_datetime(&p.stamp, date_order)
            .ok_or(ImportError::ImpossibleDate { line: p.line })?;
        let at = match last {
            Some((l, at)) if l == local => at,
            _ => {
                let at = match options.time_zone.from_local_datetime(&local) {
                    LocalResult::Single(t) => t.fixed_offset(),
                    LocalResult::Ambiguous(earlier, _later) => earlier.fixed_offset(),
                    LocalResult::None => {
                        return Err(ImportError::NonexistentLocalTime { line: p.line });
                    }
                };
                last = Some((local, at));
                at
            }
        };
        if let Some(name) = &p.sender
            && !seen.contains(name)
        {
            seen.insert(name.clone());
            senders.push(name.clone());
        }
        messages.push(ChatMessage {
            at,
            sender: p.sender,
            text: p.text,
            kind: p.kind,
            line: p.line,
        });
    }

    Ok(ParsedChat {
        layout,
        date_order,
        messages,
        senders,
    })
}

fn resolve_date_order(
    given: Option<DateOrder>,
    day_first_proof: Option<usize>,
    month_first_proof: Option<usize>,
    all_symmetric: bool,
) -> Result<DateOrder, ImportError> {
    match (given, day_first_proof, month_first_proof) {
        (Some(DateOrder::DayMonthYear), _, Some(line)) => {
            Err(ImportError::ContradictsDateOrder { line })
        }
        (Some(DateOrder::MonthDayYear), Some(line), _) => {
            Err(ImportError::ContradictsDateOrder { line })
        }
        (Some(order), _, _) => Ok(order),
        (None, Some(day_first_line), Some(month_first_line)) => {
            Err(ImportError::InconsistentDateOrder {
                day_first_line,
                month_first_line,
            })
        }
        (None, Some(_), None) => Ok(DateOrder::DayMonthYear),
        (None, None, Some(_)) => Ok(DateOrder::MonthDayYear),
        // Every date is like 01/01 or 07/07: both readings give the same dates.
        (None, None, None) if all_symmetric => Ok(DateOrder::DayMonthYear),
        (None, None, None) => Err(ImportError::AmbiguousDateOrder),
    }
}

fn local_datetime(s: &Stamp, order: DateOrder) -> Option<NaiveDateTime> {
    let (day, month) = match order {
        DateOrder::DayMonthYear => (s.first, s.second),
        DateOrder::MonthDayYear => (s.second, s.first),
    };
    let date = NaiveDate::from_ymd_opt(i32::from(s.year), u32::from(month), u32::from(day))?;
    let hour = match s.pm {
        None if s.hour <= 23 => s.hour,
        Some(pm) if (1..=12).contains(&s.hour) => (s.hour % 12) + if pm { 12 } else { 0 },
        _ => return None,
    };
    let time = NaiveTime::from_hms_opt(u32::from(hour), u32::from(s.minute), u32::from(s.sec))?;
    Some(NaiveDateTime::new(date, time))
}

/// Bidirectional-text controls WhatsApp scatters around names and generated texts.
fn is_bidi_mark(c: char) -> bool {
    matches!(
        c,
        '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'
    )
}

/// A tiny cursor over a line's bytes; every step checks bounds, so no input can panic it.
struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }
    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    fn eat_str(&mut self, s: &[u8]) -> bool {
        if self.b.get(self.i..).is_some_and(|r| r.starts_with(s)) {
            self.i += s.len();
            true
        } else {
            false
        }
    }
    /// `min..=max` ASCII digits as a number.
    fn number(&mut self, min: usize, max: usize) -> Option<u16> {
        let start = self.i;
        let mut n: u16 = 0;
        while self.i - start < max {
            match self.peek() {
                Some(d @ b'0'..=b'9') => {
                    n = n * 10 + u16::from(d - b'0');
                    self.i += 1;
                }
                _ => break,
            }
        }
        let len = self.i - start;
        // A longer run of digits is not this field.
        if len < min || matches!(self.peek(), Some(b'0'..=b'9')) {
            return None;
        }
        Some(n)
    }
    /// Space, U+202F NARROW NO-BREAK SPACE or U+00A0 NO-BREAK SPACE.
    fn eat_space(&mut self) -> bool {
        self.eat(b' ') || self.eat_str("\u{202F}".as_bytes()) || self.eat_str("\u{A0}".as_bytes())
    }
}

/// Recognises the date-and-time header of a message line, in either layout.
fn parse_header(line: &str) -> Option<Header> {
    let mut c = Cursor {
        b: line.as_bytes(),
        i: 0,
    };
    // iOS puts U+200E before the `[` of lines that carry attachments or notices.
    while c.eat_str("\u{200E}".as_bytes()) || c.eat_str("\u{200F}".as_bytes()) {}
    let layout = if c.eat(b'[') {
        Layout::Ios
    } else {
        Layout::Android
    };

    let first = c.number(1, 2)?;
    let sep = c.peek().filter(|s| matches!(s, b'/' | b'.' | b'-'))?;
    c.i += 1;
    let second = c.number(1, 2)?;
    if !c.eat(sep) {
        return None;
    }
    let year_start = c.i;
    let year = c.number(2, 4)?;
    let year = match c.i - year_start {
        2 => 2000 + year,
        4 => year,
        _ => return None,
    };
    c.eat(b',');
    if !c.eat_space() {
        return None;
    }
    while c.eat_space() {}

    let hour = c.number(1, 2)?;
    if !c.eat(b':') {
        return None;
    }
    let minute = c.number(2, 2)?;
    let sec = if c.eat(b':') { c.number(2, 2)? } else { 0 };

    // Optional AM/PM marker, with or without a (possibly non-breaking) space before it.
    let before_marker = c.i;
    while c.eat_space() {}
    let pm = match c.peek() {
        Some(b'a' | b'A') => Some(false),
        Some(b'p' | b'P') => Some(true),
        _ => None,
    };
    let pm = match pm {
        Some(pm) => {
            c.i += 1;
            c.eat(b'.');
            if !(c.eat(b'm') || c.eat(b'M')) {
                return None;
            }
            c.eat(b'.');
            Some(pm)
        }
        None => {
            c.i = before_marker;
            None
        }
    };

    match layout {
        Layout::Ios => {
            if !c.eat(b']') {
                return None;
            }
            c.eat(b' ');
        }
        Layout::Android => {
            if !c.eat_str(b" - ") {
                return None;
            }
        }
    }
    // `c.i` sits after ASCII bytes or whole multi-byte sequences, so it is a char boundary.
    line.get(c.i..)?;
    Some(Header {
        stamp: Stamp {
            first: u8::try_from(first).ok()?,
            second: u8::try_from(second).ok()?,
            year,
            hour: u8::try_from(hour).ok()?,
            minute: u8::try_from(minute).ok()?,
            sec: u8::try_from(sec).ok()?,
            pm,
        },
        layout,
        rest: c.i,
    })
}

/// Phrases in the would-be sender of an Android line that mark it as a system notice
/// whose own text contains `": "` (e.g. a new subject `"Re: Friday"`).
const SYSTEM_IN_SENDER: &[&str] = &[
    " changed the subject",
    " changed the group description",
    " changed this group's",
    " created group",
    " added ",
    " removed ",
    " joined using",
];

/// iOS writes notices as `Chat name: \u{200E}notice`; these phrases identify them.
const SYSTEM_PHRASES: &[&str] = &[
    "end-to-end encrypted",
    "created group",
    "created this group",
    " added ",
    "changed the subject",
    "changed this group's",
    "changed the group description",
    " left",
    " removed ",
    "joined using this group's invite link",
    "security code",
    "blocked this contact",
    "unblocked this contact",
    "disappearing messages",
    "business account",
    "changed their phone number",
    "changed to",
];

/// Splits `Name: text` (or a system line) and classifies the message.
fn split_message(rest: &str) -> (Option<String>, String, MessageKind) {
    let Some(colon) = rest.find(": ") else {
        let text = rest.trim_start_matches(is_bidi_mark);
        return (None, text.to_owned(), MessageKind::System);
    };
    let (raw_sender, raw_text) = (
        rest.get(..colon).unwrap_or_default(),
        rest.get(colon + 2..).unwrap_or_default(),
    );
    let sender = raw_sender.trim_matches(|c: char| is_bidi_mark(c) || c.is_whitespace());
    if sender.is_empty()
        || raw_sender.len() > MAX_SENDER_BYTES
        || SYSTEM_IN_SENDER.iter().any(|p| raw_sender.contains(p))
    {
        let text = rest.trim_start_matches(is_bidi_mark);
        return (None, text.to_owned(), MessageKind::System);
    }

    let generated = raw_text.starts_with('\u{200E}');
    let text = raw_text.trim_start_matches('\u{200E}');
    let kind = classify(text);
    // Older iOS exports write the encryption notice under the chat's name without the
    // U+200E mark; no one types this sentence as a message.
    let notice = text.starts_with("Messages and calls are end-to-end encrypted")
        || text.starts_with("Messages to this group are now secured with end-to-end encryption");
    if kind == MessageKind::Text && (notice || (generated && is_system_phrase(text))) {
        return (None, text.to_owned(), MessageKind::System);
    }
    let sender: String = sender.chars().filter(|&c| !is_bidi_mark(c)).collect();
    (Some(sender), text.to_owned(), kind)
}

fn is_system_phrase(text: &str) -> bool {
    // Notices are single short lines; only look at a bounded prefix.
    let head = text.get(..text.len().min(300)).unwrap_or(text);
    SYSTEM_PHRASES.iter().any(|p| head.contains(p))
}

/// Media placeholders written by iOS in place of media left out of the export.
const IOS_OMITTED: &[&str] = &[
    "image omitted",
    "video omitted",
    "audio omitted",
    "sticker omitted",
    "document omitted",
    "GIF omitted",
    "Contact card omitted",
];

/// Classifies a message by its first line (captions may follow on the next lines).
fn classify(text: &str) -> MessageKind {
    let first = text.split('\n').next().unwrap_or_default();
    let t = first.trim_matches(|c: char| is_bidi_mark(c) || c.is_whitespace());
    if t == "<Media omitted>"
        || IOS_OMITTED.contains(&t)
        // iOS: "report.pdf • 3 pages ‎document omitted"
        || t.ends_with("\u{200E}document omitted")
    {
        return MessageKind::MediaOmitted;
    }
    let t_nodot = t.strip_suffix('.').unwrap_or(t);
    if t_nodot == "This message was deleted" || t_nodot == "You deleted this message" {
        return MessageKind::Deleted;
    }
    if let Some(inner) = t
        .strip_prefix("<attached: ")
        .and_then(|s| s.strip_suffix('>'))
    {
        let name = inner.trim();
        if !name.is_empty() {
            return MessageKind::Media {
                file_name: name.to_owned(),
            };
        }
    }
    if let Some(name) = t.strip_suffix(" (file attached)") {
        let name = name.trim_matches(|c: char| is_bidi_mark(c) || c.is_whitespace());
        if !name.is_empty() {
            return MessageKind::Media {
                file_name: name.to_owned(),
            };
        }
    }
    MessageKind::Text
}

/// The last path component of a zip member name (`/` or `\` separated).
fn base_name(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}

/// Picks the chat text among a WhatsApp zip export's member names.
///
/// iOS names it `_chat.txt`; Android `WhatsApp Chat with X.txt` (or, in some languages and
/// versions, `WhatsApp Chat - X.txt`). macOS resource forks (`__MACOSX/`, `._*`) are
/// ignored. `_chat.txt` wins over the Android names; if more than one member matches at
/// the same rank the choice is ambiguous and `None` is returned (the user must pick), as
/// it is when nothing matches.
pub fn chat_file_name_in_zip(names: &[String]) -> Option<&str> {
    let usable = |n: &&String| {
        !n.starts_with("__MACOSX/") && !base_name(n).starts_with("._") && !n.ends_with('/')
    };
    let is_ios = |n: &&String| base_name(n) == "_chat.txt";
    let is_android = |n: &&String| {
        let b = base_name(n);
        b.starts_with("WhatsApp Chat") && b.ends_with(".txt")
    };
    for rank in [&is_ios as &dyn Fn(&&String) -> bool, &is_android] {
        let mut found = names.iter().filter(usable).filter(|n| rank(n));
        if let Some(first) = found.next() {
            return if found.next().is_some() {
                None
            } else {
                Some(first.as_str())
            };
        }
    }
    None
}

/// Pairs each message carrying attached media with the zip member of that file name.
///
/// A member matches when its last path component equals the name written in the chat,
/// exactly (WhatsApp writes the same name into the chat and the zip). Messages whose file
/// is not in the zip are left out; the first member of a given name wins.
pub fn match_media(chat: &ParsedChat, names: &[String]) -> Vec<(usize, String)> {
    let mut by_base: std::collections::HashMap<&str, &String> = std::collections::HashMap::new();
    for name in names {
        if name.starts_with("__MACOSX/") {
            continue;
        }
        by_base.entry(base_name(name)).or_insert(name);
    }
    chat.messages
        .iter()
        .enumerate()
        .filter_map(|(i, m)| match &m.kind {
            MessageKind::Media { file_name } => by_base
                .get(file_name.as_str())
                .map(|member| (i, (*member).clone())),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/import/");

    fn fixture(name: &str) -> Vec<u8> {
        std::fs::read(format!("{FIXTURES}{name}")).unwrap()
    }

    fn opts(tz: chrono_tz::Tz, order: Option<DateOrder>) -> WhatsAppOptions {
        WhatsAppOptions {
            date_order: order,
            time_zone: tz,
        }
    }

    fn london() -> WhatsAppOptions {
        opts(chrono_tz::Europe::London, None)
    }

    fn parse(name: &str, o: &WhatsAppOptions) -> Result<ParsedChat, ImportError> {
        parse_whatsapp_bytes(&fixture(name), o)
    }

    /// (RFC 3339 time, sender, text, kind, line) of every message.
    fn summary(chat: &ParsedChat) -> Vec<(String, Option<&str>, &str, MessageKind, usize)> {
        chat.messages
            .iter()
            .map(|m| {
                (
                    m.at.to_rfc3339(),
                    m.sender.as_deref(),
                    m.text.as_str(),
                    m.kind.clone(),
                    m.line,
                )
            })
            .collect()
    }

    fn media(name: &str) -> MessageKind {
        MessageKind::Media {
            file_name: name.to_owned(),
        }
    }

    #[test]
    fn android_export_is_read_exactly() {
        let chat = parse("android-24h-dmy.txt", &london()).unwrap();
        assert_eq!(chat.layout, Layout::Android);
        assert_eq!(chat.date_order, DateOrder::DayMonthYear);
        assert_eq!(chat.senders, vec!["Sam Stalker", "Alex"]);
        let sam = Some("Sam Stalker");
        assert_eq!(
            summary(&chat),
            vec![
                (
                    "2024-03-12T21:05:00+00:00".into(),
                    None,
                    "Messages and calls are end-to-end encrypted. No one outside of this chat, \
                     not even WhatsApp, can read or listen to them. Tap to learn more.",
                    MessageKind::System,
                    1
                ),
                (
                    "2024-03-12T21:06:00+00:00".into(),
                    sam,
                    "Where are you",
                    MessageKind::Text,
                    2
                ),
                (
                    "2024-03-13T07:15:00+00:00".into(),
                    sam,
                    "I know you're at work.\nI saw your car.\n\nAnswer me",
                    MessageKind::Text,
                    3
                ),
                (
                    "2024-03-13T07:16:00+00:00".into(),
                    Some("Alex"),
                    "Please stop contacting me",
                    MessageKind::Text,
                    7
                ),
                (
                    "2024-03-13T07:20:00+00:00".into(),
                    sam,
                    "<Media omitted>",
                    MessageKind::MediaOmitted,
                    8
                ),
                (
                    "2024-03-13T07:21:00+00:00".into(),
                    sam,
                    "This message was deleted",
                    MessageKind::Deleted,
                    9
                ),
                (
                    "2024-03-13T07:22:00+00:00".into(),
                    Some("Alex"),
                    "You deleted this message",
                    MessageKind::Deleted,
                    10
                ),
                (
                    "2024-03-13T07:30:00+00:00".into(),
                    sam,
                    "IMG-20240313-WA0001.jpg (file attached)\nlook familiar?",
                    media("IMG-20240313-WA0001.jpg"),
                    11
                ),
                (
                    "2024-03-14T23:59:00+00:00".into(),
                    None,
                    "Alex added Jo",
                    MessageKind::System,
                    13
                ),
                (
                    "2024-03-14T23:59:00+00:00".into(),
                    None,
                    "Sam Stalker changed the subject from \"x\" to \"Re: you\"",
                    MessageKind::System,
                    14
                ),
            ]
        );
    }

    #[test]
    fn ios_export_with_invisible_marks_is_read_exactly() {
        let o = opts(chrono_tz::America::New_York, None);
        let chat = parse("ios-12h.txt", &o).unwrap();
        assert_eq!(chat.layout, Layout::Ios);
        assert_eq!(chat.date_order, DateOrder::MonthDayYear);
        assert_eq!(chat.senders, vec!["Sam Stalker", "+44 7700 900123"]);
        let sam = Some("Sam Stalker");
        assert_eq!(
            summary(&chat),
            vec![
                (
                    "2024-03-12T21:05:11-04:00".into(),
                    None,
                    "Messages and calls are end-to-end encrypted. No one outside of this chat, \
                     not even WhatsApp, can read or listen to them.",
                    MessageKind::System,
                    1
                ),
                (
                    "2024-03-12T21:05:40-04:00".into(),
                    sam,
                    "Hey",
                    MessageKind::Text,
                    2
                ),
                (
                    "2024-03-12T21:06:02-04:00".into(),
                    Some("+44 7700 900123"),
                    "who is this",
                    MessageKind::Text,
                    3
                ),
                (
                    "2024-03-12T23:59:59-04:00".into(),
                    sam,
                    "answer\nme",
                    MessageKind::Text,
                    4
                ),
                (
                    "2024-03-13T00:00:01-04:00".into(),
                    sam,
                    "image omitted",
                    MessageKind::MediaOmitted,
                    6
                ),
                (
                    "2024-03-13T00:01:00-04:00".into(),
                    sam,
                    "<attached: 00000012-PHOTO-2024-03-13-00-01-00.jpg>",
                    media("00000012-PHOTO-2024-03-13-00-01-00.jpg"),
                    7
                ),
                (
                    "2024-03-13T12:02:00-04:00".into(),
                    sam,
                    "This message was deleted.",
                    MessageKind::Deleted,
                    8
                ),
                (
                    "2024-03-13T12:03:00-04:00".into(),
                    None,
                    "Sam Stalker added Jo",
                    MessageKind::System,
                    9
                ),
                (
                    "2024-03-13T12:04:00-04:00".into(),
                    sam,
                    "sticker omitted",
                    MessageKind::MediaOmitted,
                    10
                ),
            ]
        );
    }

    #[test]
    fn dotted_dates_with_two_digit_years_mean_this_century() {
        let chat = parse(
            "dots-2digit-years.txt",
            &opts(chrono_tz::Europe::Berlin, None),
        )
        .unwrap();
        assert_eq!(chat.date_order, DateOrder::DayMonthYear);
        let times: Vec<String> = chat.messages.iter().map(|m| m.at.to_rfc3339()).collect();
        // Both before Germany's change to summer time on 31 March 2024.
        assert_eq!(
            times,
            vec!["2024-03-12T21:06:00+01:00", "2024-03-25T08:00:00+01:00"]
        );
    }

    #[test]
    fn month_first_is_proven_by_a_day_over_twelve() {
        let chat = parse("mdy-proven.txt", &opts(chrono_tz::UTC, None)).unwrap();
        assert_eq!(chat.date_order, DateOrder::MonthDayYear);
        let times: Vec<String> = chat.messages.iter().map(|m| m.at.to_rfc3339()).collect();
        assert_eq!(
            times,
            vec!["2024-03-12T21:06:00+00:00", "2024-03-13T09:07:00+00:00"]
        );
    }

    #[test]
    fn ambiguous_dates_ask_for_the_order() {
        let err = parse("ambiguous.txt", &london()).unwrap_err();
        assert!(matches!(err, ImportError::AmbiguousDateOrder), "{err:?}");
        assert!(err.to_string().contains("--date-order dmy|mdy"));
        let chat = parse(
            "ambiguous.txt",
            &opts(chrono_tz::UTC, Some(DateOrder::MonthDayYear)),
        )
        .unwrap();
        assert_eq!(
            chat.messages[0].at.to_rfc3339(),
            "2024-01-02T10:00:00+00:00"
        );
        let chat = parse(
            "ambiguous.txt",
            &opts(chrono_tz::UTC, Some(DateOrder::DayMonthYear)),
        )
        .unwrap();
        assert_eq!(
            chat.messages[0].at.to_rfc3339(),
            "2024-02-01T10:00:00+00:00"
        );
    }

    #[test]
    fn dates_proving_both_orders_name_both_lines() {
        let err = parse("both-orders-impossible.txt", &london()).unwrap_err();
        assert!(
            matches!(
                err,
                ImportError::InconsistentDateOrder {
                    day_first_line: 1,
                    month_first_line: 2
                }
            ),
            "{err:?}"
        );
    }

    #[test]
    fn a_given_order_contradicted_by_a_date_names_the_line() {
        let err = parse(
            "android-24h-dmy.txt",
            &opts(chrono_tz::UTC, Some(DateOrder::MonthDayYear)),
        )
        .unwrap_err();
        assert!(
            matches!(err, ImportError::ContradictsDateOrder { line: 3 }),
            "{err:?}"
        );
        let err = parse(
            "mdy-proven.txt",
            &opts(chrono_tz::UTC, Some(DateOrder::DayMonthYear)),
        )
        .unwrap_err();
        assert!(
            matches!(err, ImportError::ContradictsDateOrder { line: 2 }),
            "{err:?}"
        );
    }

    #[test]
    fn impossible_dates_and_times_name_the_line() {
        for text in [
            "13/13/2024, 10:00 - Sam: x\n",
            "00/05/2024, 10:00 - Sam: x\n",
        ] {
            let err = parse_whatsapp(text, &london()).unwrap_err();
            assert!(
                matches!(err, ImportError::ImpossibleDate { line: 1 }),
                "{err:?}"
            );
        }
        let err = parse_whatsapp(
            "13/05/2024, 10:00 - Sam: x\n31/02/2024, 10:00 - Sam: y\n",
            &london(),
        )
        .unwrap_err();
        assert!(
            matches!(err, ImportError::ImpossibleDate { line: 2 }),
            "{err:?}"
        );
        let err = parse_whatsapp("13/05/2024, 24:00 - Sam: x\n", &london()).unwrap_err();
        assert!(
            matches!(err, ImportError::ImpossibleDate { line: 1 }),
            "{err:?}"
        );
        let err = parse_whatsapp("[13/05/2024, 0:10:00 PM] Sam: x\n", &london()).unwrap_err();
        assert!(
            matches!(err, ImportError::ImpossibleDate { line: 1 }),
            "{err:?}"
        );
    }

    #[test]
    fn time_skipped_by_clocks_going_forward_is_refused_with_its_line() {
        // UK clocks went from 01:00 to 02:00 on 31 March 2024.
        let text = "30/03/2024, 23:00 - Sam: a\n31/03/2024, 01:30 - Sam: b\n";
        let err = parse_whatsapp(text, &london()).unwrap_err();
        assert!(
            matches!(err, ImportError::NonexistentLocalTime { line: 2 }),
            "{err:?}"
        );
    }

    #[test]
    fn repeated_hour_when_clocks_go_back_takes_the_earlier_instant() {
        // UK clocks went from 02:00 BST back to 01:00 GMT on 27 October 2024.
        let text = "27/10/2024, 01:30 - Sam: a\n";
        let chat = parse_whatsapp(text, &london()).unwrap();
        assert_eq!(
            chat.messages[0].at.to_rfc3339(),
            "2024-10-27T01:30:00+01:00"
        );
    }

    #[test]
    fn twelve_hour_clock_edges() {
        let text = "13/05/2024, 12:00 AM - S: midnight\n13/05/2024, 12:30 pm - S: noon\n\
                    13/05/2024, 1:05 P.M. - S: one\n13/05/2024, 11:59\u{202F}p.m. - S: late\n";
        let chat = parse_whatsapp(text, &opts(chrono_tz::UTC, None)).unwrap();
        let times: Vec<String> = chat.messages.iter().map(|m| m.at.to_rfc3339()).collect();
        assert_eq!(
            times,
            vec![
                "2024-05-13T00:00:00+00:00",
                "2024-05-13T12:30:00+00:00",
                "2024-05-13T13:05:00+00:00",
                "2024-05-13T23:59:00+00:00"
            ]
        );
    }

    #[test]
    fn encryption_notice_without_the_mark_has_no_sender() {
        let text = "[13/05/2024, 10:00:00] Sam: Messages and calls are end-to-end encrypted.\n\
                    [13/05/2024, 10:01:00] Sam: hi\n";
        let chat = parse_whatsapp(text, &london()).unwrap();
        assert_eq!(chat.messages[0].sender, None);
        assert_eq!(chat.messages[0].kind, MessageKind::System);
        assert_eq!(chat.senders, vec!["Sam"]);
    }

    #[test]
    fn dashes_as_date_separators_and_no_comma() {
        let text = "13-05-2024 21:06 - Sam: a\n";
        let chat = parse_whatsapp(text, &london()).unwrap();
        assert_eq!(
            chat.messages[0].at.to_rfc3339(),
            "2024-05-13T21:06:00+01:00"
        );
        assert_eq!(chat.messages[0].text, "a");
    }

    #[test]
    fn text_that_is_not_an_export_is_refused() {
        let err =
            parse_whatsapp("\n\nDear diary,\n12/03/2024, 21:06 - Sam: x", &london()).unwrap_err();
        assert!(
            matches!(err, ImportError::NotWhatsAppExport { line: 3 }),
            "{err:?}"
        );
        for empty in ["", "\u{FEFF}", " \n\r\n\t"] {
            let err = parse_whatsapp(empty, &london()).unwrap_err();
            assert!(matches!(err, ImportError::Empty), "{err:?}");
        }
        let err = parse_whatsapp_bytes(&fixture("garbage.bin"), &london()).unwrap_err();
        assert!(
            matches!(
                err,
                ImportError::NotUtf8 { .. } | ImportError::NotWhatsAppExport { .. }
            ),
            "{err:?}"
        );
        let err = parse_whatsapp_bytes(b"13/05/2024, 10:00 - S: a\n\xff\n", &london()).unwrap_err();
        assert!(
            matches!(err, ImportError::NotUtf8 { line: Some(2) }),
            "{err:?}"
        );
    }

    #[test]
    fn overlong_line_and_message_are_refused() {
        let mut text = String::from("13/05/2024, 10:00 - S: ");
        text.push_str(&"x".repeat(MAX_LINE_BYTES));
        let err = parse_whatsapp(&text, &london()).unwrap_err();
        assert!(
            matches!(err, ImportError::LineTooLong { line: 1, .. }),
            "{err:?}"
        );

        let mut text = String::from("13/05/2024, 10:00 - S: a\n");
        let line = "y".repeat(MAX_LINE_BYTES / 2);
        for _ in 0..(MAX_MESSAGE_BYTES / line.len() + 1) {
            text.push_str(&line);
            text.push('\n');
        }
        let err = parse_whatsapp(&text, &london()).unwrap_err();
        assert!(
            matches!(
                err,
                ImportError::TooLarge {
                    what: "one message",
                    ..
                }
            ),
            "{err:?}"
        );
    }

    #[test]
    fn a_line_of_the_other_layout_continues_the_message() {
        let text = "13/05/2024, 10:00 - S: quoting:\n[13/05/2024, 10:00:00] T: fake\n";
        let chat = parse_whatsapp(text, &london()).unwrap();
        assert_eq!(chat.messages.len(), 1);
        assert_eq!(
            chat.messages[0].text,
            "quoting:\n[13/05/2024, 10:00:00] T: fake"
        );
    }

    #[test]
    fn zip_member_for_the_chat_is_found() {
        let names = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let ios = names(&["00000012-PHOTO-2024-03-13-00-01-00.jpg", "_chat.txt"]);
        assert_eq!(chat_file_name_in_zip(&ios), Some("_chat.txt"));
        let android = names(&["IMG-20240313-WA0001.jpg", "WhatsApp Chat with Sam.txt"]);
        assert_eq!(
            chat_file_name_in_zip(&android),
            Some("WhatsApp Chat with Sam.txt")
        );
        let mac = names(&["__MACOSX/._chat.txt", "Chat/_chat.txt", "Chat/._chat.txt"]);
        assert_eq!(chat_file_name_in_zip(&mac), Some("Chat/_chat.txt"));
        let two = names(&["WhatsApp Chat with A.txt", "WhatsApp Chat with B.txt"]);
        assert_eq!(chat_file_name_in_zip(&two), None);
        assert_eq!(chat_file_name_in_zip(&names(&["notes.txt", "a.jpg"])), None);
    }

    #[test]
    fn attached_media_is_paired_with_zip_members() {
        let chat = parse("android-24h-dmy.txt", &london()).unwrap();
        let members = vec![
            "WhatsApp Chat with Sam Stalker.txt".to_owned(),
            "media/IMG-20240313-WA0001.jpg".to_owned(),
            "IMG-20240313-WA0002.jpg".to_owned(),
        ];
        assert_eq!(
            match_media(&chat, &members),
            vec![(7, "media/IMG-20240313-WA0001.jpg".to_owned())]
        );
        let ios = parse("ios-12h.txt", &opts(chrono_tz::UTC, None)).unwrap();
        let members = vec![
            "_chat.txt".to_owned(),
            "00000012-PHOTO-2024-03-13-00-01-00.jpg".to_owned(),
        ];
        assert_eq!(
            match_media(&ios, &members),
            vec![(5, "00000012-PHOTO-2024-03-13-00-01-00.jpg".to_owned())]
        );
    }

    /// A day-first Android export of `n` messages, every tenth one on three lines.
    fn generated_export(n: usize) -> String {
        let mut s = String::with_capacity(n * 70);
        for i in 0..n {
            let day = 13 + (i / 1440) % 16;
            let (h, m) = ((i / 60) % 24, i % 60);
            let who = if i % 3 == 0 { "Alex" } else { "Sam Stalker" };
            s.push_str(&format!(
                "{day:02}/05/2023, {h:02}:{m:02} - {who}: message number {i}\n"
            ));
            if i % 10 == 0 {
                s.push_str("second line\nthird line\n");
            }
        }
        s
    }

    #[test]
    fn generated_export_parses_completely() {
        let text = generated_export(5000);
        let chat = parse_whatsapp(&text, &opts(chrono_tz::UTC, None)).unwrap();
        assert_eq!(chat.messages.len(), 5000);
        assert_eq!(
            chat.messages[10].text,
            "message number 10\nsecond line\nthird line"
        );
    }

    /// Throughput figure for the module documentation; run in release mode with
    /// `--ignored --nocapture`. Not a timed assertion.
    #[test]
    #[ignore = "measurement, run by hand in release mode"]
    fn throughput() {
        let text = generated_export(100_000);
        let o = opts(chrono_tz::Europe::London, None);
        let start = std::time::Instant::now();
        let chat = parse_whatsapp(&text, &o).unwrap();
        let elapsed = start.elapsed();
        assert_eq!(chat.messages.len(), 100_000);
        println!(
            "100,000 messages ({} bytes) parsed in {elapsed:?}",
            text.len()
        );
    }

    const TOKENS: &[&str] = &[
        "12",
        "13",
        "3",
        "0",
        "99",
        "2024",
        "24",
        "/",
        ".",
        "-",
        ", ",
        " ",
        ":",
        "05",
        "[",
        "]",
        " - ",
        ": ",
        "\n",
        "\r\n",
        "AM",
        "pm",
        "a.m.",
        "\u{202F}",
        "\u{A0}",
        "\u{200E}",
        "Sam",
        "<Media omitted>",
        " (file attached)",
        "<attached: x.jpg>",
        "image omitted",
        "This message was deleted",
        " added ",
        "\u{FEFF}",
        "é",
        "😀",
    ];

    use crate::test_support::mutate;

    fn bounded(input: &[u8]) {
        let start = std::time::Instant::now();
        for order in [
            None,
            Some(DateOrder::DayMonthYear),
            Some(DateOrder::MonthDayYear),
        ] {
            let _ = parse_whatsapp_bytes(input, &opts(chrono_tz::Europe::London, order));
        }
        assert!(start.elapsed() < std::time::Duration::from_secs(2));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
            bounded(&bytes);
        }

        #[test]
        fn arbitrary_strings_never_panic(s in any::<String>()) {
            bounded(s.as_bytes());
        }

        #[test]
        fn header_like_token_soup_never_panics(
            parts in proptest::collection::vec(proptest::sample::select(TOKENS), 0..200)
        ) {
            bounded(parts.concat().as_bytes());
        }

        #[test]
        fn mutated_fixtures_never_panic(
            which in 0usize..6,
            edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..12)
        ) {
            let name = ["android-24h-dmy.txt", "ios-12h.txt", "dots-2digit-years.txt",
                "ambiguous.txt", "both-orders-impossible.txt", "mdy-proven.txt"][which];
            bounded(&mutate(&fixture(name), &edits));
        }
    }
}
