//! WhatsApp `.txt` chat exports ("Export chat" on Android and iPhone), read exactly and
//! defensively into timestamped messages.
//!
//! WhatsApp publishes no specification of this format; what is handled is what the apps
//! write, in every language, clock and date setting seen in exports: the header grammar
//! is in [`header`], who wrote a line and what kind of message it is in `body`,
//! WhatsApp's own words in `strings`, and how dates become instants in [`dates`].
//!
//! A line that does not start with a header of the same shape as the first message's
//! continues the message above it. Lines that begin with a date and a time are not
//! joined in silence: one that reads as this export's header up to where its header
//! should end, and then not (a header this reader does not understand, say a 12-hour
//! marker it does not know), refuses the import, naming its line, because joining it
//! could give one person's words to another; any other (a quoted message from another
//! export, a date typed at the start of a line) is joined and listed by line number in
//! [`ChatInspection::dated_lines`].
//!
//! # Two passes
//!
//! [`inspect_whatsapp`] reads the export once, keeping no message text: it finds the
//! layout, the senders, whether the day/month order is proven, and every problem (an
//! impossible date, a time that never happened in the zone, an oversized message), so
//! that nothing need be written before the file is known to be good.
//! [`read_whatsapp`] reads it again and hands over the messages one at a time. Memory is
//! bounded by the longest message, whatever the size of the export.
//!
//! # Bounds
//!
//! * The whole export: [`MAX_INPUT_BYTES`] (256 MiB; a 100,000-message chat is ~10 MB).
//! * One line: [`MAX_LINE_BYTES`] (1 MiB). WhatsApp caps a message at 65,536 characters,
//!   which is at most 256 KiB of UTF-8; 1 MiB leaves room and refuses a file that is one
//!   enormous line (a binary renamed to `.txt`).
//! * One message (all its lines): [`MAX_MESSAGE_BYTES`] (4 MiB).
//! * Distinct senders: [`MAX_SENDERS`] (a WhatsApp group holds at most 1,024 people).

mod body;
pub mod dates;
pub mod header;
mod phrases;
mod strings;
mod zip;

use std::collections::HashMap;
use std::io::BufRead;

use crate::zone::Zone;
use chrono::{DateTime, FixedOffset};

use self::dates::{Converter, Evidence, local_datetime};
pub use self::dates::{DateOrder, OrderBasis};
use self::header::{Framing, Header, Miss, Reached, Refused, Shape};
pub(crate) use self::zip::{MediaIndex, base_name};
pub use self::zip::{chat_file_name_in_zip, match_media};
use super::error::ImportError;
use super::lines::for_each_line;

/// Largest chat export accepted, in bytes.
pub const MAX_INPUT_BYTES: usize = 256 * 1024 * 1024;
/// Longest single line accepted, in bytes.
pub const MAX_LINE_BYTES: usize = 1024 * 1024;
/// Longest single message (first line plus continuation lines) accepted, in bytes.
pub const MAX_MESSAGE_BYTES: usize = 4 * 1024 * 1024;
/// Most distinct senders in one export.
pub const MAX_SENDERS: usize = 5_000;
/// Most distinct attached media files one export names.
pub const MAX_MEDIA_FILES: usize = 100_000;
/// Line numbers of dated joined lines kept for the summary (all are counted).
const MAX_LISTED_LINES: usize = 50;

/// What the caller knows about the export.
#[derive(Clone, Debug)]
pub struct WhatsAppOptions {
    /// The date order, if the user said; `None` to take it from the dates.
    pub date_order: Option<DateOrder>,
    /// The time zone of the phone that exported the chat: the file holds local wall-clock
    /// times with no offset.
    pub time_zone: Zone,
}

/// Which app wrote the export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// `12/03/2024, 21:06 - Name: text`
    Android,
    /// `[12/03/2024, 21:05:11] Name: text` (or, before 2017, without the brackets).
    Ios,
}

/// What a message is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MessageKind {
    /// Ordinary text.
    Text,
    /// "This message was deleted" / "You deleted this message", in any language.
    Deleted,
    /// Media that was not included in the export (`<Media omitted>`, `image omitted`, …);
    /// the document's title when the line gives one.
    MediaOmitted {
        /// The document's title, when written (`report.pdf • 3 pages document omitted`).
        file_name: Option<String>,
    },
    /// Media included in the export (a zip member of this name); `text` keeps the whole
    /// message as written, including any caption on following lines.
    Media {
        /// The attachment's file name as written in the chat, marks removed.
        file_name: String,
    },
    /// A notice written by WhatsApp itself (encryption notice, "X added Y", subject
    /// changes, missed calls, …). Its `sender` is `None`.
    System,
}

/// One message of the chat.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChatMessage {
    /// When it was sent, converted from local time with the given time zone.
    pub at: DateTime<FixedOffset>,
    /// The sender's name as written (marks removed); `None` for notices.
    pub sender: Option<String>,
    /// The text, continuation lines joined by `\n`; the marks WhatsApp puts before
    /// generated texts are removed, everything else is verbatim.
    pub text: String,
    /// What kind of message it is.
    pub kind: MessageKind,
    /// The 1-based line of the file where the message starts.
    pub line: usize,
}

/// One sender and how many messages they wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SenderCount {
    /// The name as the chat writes it.
    pub name: String,
    /// Messages from them.
    pub messages: usize,
}

/// What one reading of an export found, without its messages: enough for a person to
/// choose the senders that matter and, only when the file leaves it open, the day/month
/// order.
#[derive(Clone, Debug)]
pub struct ChatInspection {
    /// Which app wrote it.
    pub layout: Layout,
    /// Its header as a pattern (`dd/mm/yy, hh:mm - `).
    pub pattern: String,
    /// The date order and why, or `None` when the dates leave it open (ask the user).
    pub date_order: Option<(DateOrder, OrderBasis)>,
    /// Distinct senders in order of first appearance, with their message counts.
    pub senders: Vec<SenderCount>,
    /// Messages, notices included.
    pub messages: usize,
    /// Of which notices (no sender).
    pub notices: usize,
    /// Lines joined to the message above them (continuation lines, blank lines inside a
    /// message).
    pub joined_lines: usize,
    /// Blank lines that belong to no message (before the first, after a message's end).
    pub skipped_lines: usize,
    /// How many joined lines begin with a date and a time (a quoted message, a date typed
    /// at the start of a line) …
    pub dated_line_count: usize,
    /// … and the first of their line numbers.
    pub dated_lines: Vec<usize>,
    /// Lines in the file.
    pub lines: usize,
    /// The distinct file names of attached media, in order of first mention (a zip
    /// export holds them beside the chat).
    pub media: Vec<String>,
    shape: Shape,
    evidence: Evidence,
    zone: Zone,
}

impl ChatInspection {
    /// The order to read the file in: `given` if the user said (checked against the
    /// dates), else what the dates prove. Fails when the order is left open, or when a
    /// date is impossible or a time never happened in that order and zone.
    pub fn resolve(&self, given: Option<DateOrder>) -> Result<DateOrder, ImportError> {
        self.evidence.resolve(given).map(|(order, _)| order)
    }

    /// Whether the user must be asked for the day/month order.
    pub fn needs_date_order(&self) -> bool {
        self.date_order.is_none()
    }

    /// The time zone the inspection checked local times in.
    pub fn time_zone(&self) -> Zone {
        self.zone
    }

    /// What a second reading must find the same (a file that changed between the two
    /// readings is refused).
    fn fingerprint(&self) -> (usize, usize, usize, usize, usize) {
        (
            self.lines,
            self.messages,
            self.notices,
            self.joined_lines,
            self.skipped_lines,
        )
    }
}

/// A parsed chat, kept whole in memory (for tests and small exports; imports stream).
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
    /// Lines joined to the message above them.
    pub joined_lines: usize,
    /// Blank lines that belong to no message.
    pub skipped_lines: usize,
    /// Joined lines that begin with a date and a time (the first of them).
    pub dated_lines: Vec<usize>,
}

/// How one line of the export is taken.
enum Line<'a> {
    /// A message starts here.
    Header(Header, &'a str),
    /// The line continues the message above (`dated`: it begins with a date and a time).
    More { text: &'a str, dated: bool },
    /// A blank line.
    Blank,
}

/// Decides, line by line, what each line is; the same for both passes.
struct Lines {
    shape: Option<Shape>,
}

impl Lines {
    fn take<'a>(&mut self, line_no: usize, line: &'a str) -> Result<Line<'a>, ImportError> {
        if line
            .trim_matches(|c: char| c.is_whitespace() || header::is_mark(c))
            .is_empty()
        {
            return Ok(Line::Blank);
        }
        match (header::parse(line), self.shape) {
            (Ok(h), None) => {
                self.shape = Some(h.shape);
                Ok(Line::Header(h, line.get(h.rest..).unwrap_or_default()))
            }
            (Ok(h), Some(shape)) if shape.same_export(&h.shape) => {
                Ok(Line::Header(h, line.get(h.rest..).unwrap_or_default()))
            }
            (Ok(_), Some(_)) => Ok(Line::More {
                text: line,
                dated: true,
            }),
            (Err(miss), None) => Err(first_line_refused(line_no, line, &miss)),
            (Err(miss), Some(shape)) => {
                if miss.reached == Reached::Time && ends_like_a_header(line, &miss, &shape) {
                    Err(ImportError::UnreadableHeader {
                        line: line_no,
                        start: quote_header(line, miss.at),
                        expected: miss.expected,
                        pattern: shape.pattern(),
                    })
                } else {
                    Ok(Line::More {
                        text: line,
                        dated: miss.reached == Reached::Time,
                    })
                }
            }
        }
    }
}

/// Whether a line that read as a date and a time goes on, within a few characters, to
/// end as this export's headers end (` - `, `]`, `: `): then it is a header with
/// something in it this reader does not know (`7:03 a. m. - `), not a date typed at the
/// start of a line of text (`04/05/2020 at 3:00 PM to 4:00 PM`).
fn ends_like_a_header(line: &str, miss: &Miss, shape: &Shape) -> bool {
    let bracketed = line
        .trim_start_matches(|c: char| header::is_mark(c) || c == ' ')
        .starts_with('[');
    if bracketed != (shape.framing == Framing::Brackets) {
        return false;
    }
    let after: String = line
        .get(miss.at..)
        .unwrap_or_default()
        .chars()
        .take(14)
        .collect();
    match shape.framing {
        Framing::Dash => after.contains(" - ") || after.contains(" \u{2013} "),
        Framing::Brackets => after.contains(']'),
        Framing::Colon => after.contains(": "),
    }
}

/// The error for a first message line that is not understood.
fn first_line_refused(line: usize, text: &str, miss: &Miss) -> ImportError {
    let start = quote_header(text, miss.at);
    match miss.refused {
        Some(Refused::NoYear) => ImportError::DatesWithoutYear { line, start },
        Some(Refused::MonthName) => ImportError::MonthNames { line, start },
        None => ImportError::NotWhatsAppExport {
            line,
            start,
            expected: miss.expected,
        },
    }
}

/// The part of a line the header reader understood, fit to quote in an error: it holds
/// only date, time and punctuation (the reader stops at the first thing it does not
/// understand, before any message text), without marks and control characters, and at
/// most 40 characters.
fn quote_header(line: &str, at: usize) -> String {
    line.get(..at)
        .unwrap_or_default()
        .chars()
        .filter(|&c| !header::is_mark(c) && !c.is_control())
        .take(40)
        .collect()
}

/// The first pass: everything about the file but its messages' text.
struct Vet {
    lines: Lines,
    zone: Zone,
    evidence: Evidence,
    senders: Vec<SenderCount>,
    sender_index: HashMap<String, usize>,
    messages: usize,
    notices: usize,
    joined: usize,
    skipped: usize,
    dated: Vec<usize>,
    dated_count: usize,
    /// Notices whose text starts `Name:` without a space, by name: messages after all if
    /// Name turns out to send messages elsewhere ([`body`]'s rule 1).
    bare_colon: HashMap<String, usize>,
    /// Attached media file names, and the same as a set.
    media: Vec<String>,
    media_seen: std::collections::HashSet<String>,
    /// Bytes of the message being read and blank lines seen after it.
    current: Option<(usize, usize)>,
    shape: Option<Shape>,
    line_count: usize,
}

impl Vet {
    fn line(&mut self, line_no: usize, line: &str) -> Result<(), ImportError> {
        self.line_count = line_no;
        match self.lines.take(line_no, line)? {
            Line::Blank => match &mut self.current {
                Some((_, blanks)) => *blanks += 1,
                None => self.skipped += 1,
            },
            Line::Header(h, rest) => {
                if let Some((_, blanks)) = self.current.take() {
                    self.skipped += blanks;
                }
                self.shape.get_or_insert(h.shape);
                self.evidence.add(line_no, &h.stamp, &h.shape, self.zone);
                let read = body::read(rest, &|_| false);
                self.messages += 1;
                if let MessageKind::Media { file_name } = &read.kind
                    && !self.media_seen.contains(file_name)
                {
                    if self.media.len() >= MAX_MEDIA_FILES {
                        return Err(ImportError::TooMany {
                            what: "attached media files",
                            limit: MAX_MEDIA_FILES as u64,
                        });
                    }
                    self.media_seen.insert(file_name.clone());
                    self.media.push(file_name.clone());
                }
                match read.sender {
                    None => {
                        self.notices += 1;
                        if let Some(name) = body::bare_colon_name(rest)
                            && (self.bare_colon.len() < MAX_SENDERS
                                || self.bare_colon.contains_key(&name))
                        {
                            *self.bare_colon.entry(name).or_insert(0) += 1;
                        }
                    }
                    Some(name) => self.count_sender(name)?,
                }
                self.current = Some((rest.len(), 0));
            }
            Line::More { text, dated } => {
                let Some((bytes, blanks)) = &mut self.current else {
                    // Before any message: the first line decides (it failed above).
                    return Err(ImportError::Empty);
                };
                *bytes += *blanks + 1 + text.len();
                if *bytes > MAX_MESSAGE_BYTES {
                    return Err(ImportError::TooLarge {
                        what: "one message",
                        limit: MAX_MESSAGE_BYTES as u64,
                    });
                }
                self.joined += *blanks + 1;
                *blanks = 0;
                if dated {
                    self.dated_count += 1;
                    if self.dated.len() < MAX_LISTED_LINES {
                        self.dated.push(line_no);
                    }
                }
            }
        }
        Ok(())
    }

    /// Settles the `Name:` lines without a space once every sender is known.
    fn settle_bare_colons(&mut self) {
        for (name, lines) in std::mem::take(&mut self.bare_colon) {
            if let Some(s) = self
                .sender_index
                .get(&name)
                .and_then(|&i| self.senders.get_mut(i))
            {
                s.messages += lines;
                self.notices -= lines;
            }
        }
    }

    fn count_sender(&mut self, name: String) -> Result<(), ImportError> {
        if let Some(&i) = self.sender_index.get(&name) {
            if let Some(s) = self.senders.get_mut(i) {
                s.messages += 1;
            }
            return Ok(());
        }
        if self.senders.len() >= MAX_SENDERS {
            return Err(ImportError::TooMany {
                what: "different senders",
                limit: MAX_SENDERS as u64,
            });
        }
        self.sender_index.insert(name.clone(), self.senders.len());
        self.senders.push(SenderCount { name, messages: 1 });
        Ok(())
    }
}

/// Reads a WhatsApp export once, keeping no message text (see the module documentation):
/// the layout, the senders and their counts, whether the day/month order is proven, and
/// every problem in the file. Nothing is written anywhere.
pub fn inspect_whatsapp<R: BufRead>(
    reader: R,
    time_zone: Zone,
) -> Result<ChatInspection, ImportError> {
    let mut vet = Vet {
        lines: Lines { shape: None },
        zone: time_zone,
        evidence: Evidence::default(),
        senders: Vec::new(),
        sender_index: HashMap::new(),
        messages: 0,
        notices: 0,
        joined: 0,
        skipped: 0,
        dated: Vec::new(),
        dated_count: 0,
        bare_colon: HashMap::new(),
        media: Vec::new(),
        media_seen: std::collections::HashSet::new(),
        current: None,
        shape: None,
        line_count: 0,
    };
    for_each_line(reader, MAX_LINE_BYTES, MAX_INPUT_BYTES as u64, |n, l| {
        vet.line(n, l)
    })?;
    if let Some((_, blanks)) = vet.current {
        vet.skipped += blanks;
    }
    vet.settle_bare_colons();
    let Some(shape) = vet.shape else {
        return Err(ImportError::Empty);
    };
    Ok(ChatInspection {
        layout: match shape.framing {
            Framing::Dash => Layout::Android,
            Framing::Brackets | Framing::Colon => Layout::Ios,
        },
        pattern: shape.pattern(),
        date_order: vet.evidence.finding(),
        senders: vet.senders,
        messages: vet.messages,
        notices: vet.notices,
        joined_lines: vet.joined,
        skipped_lines: vet.skipped,
        dated_line_count: vet.dated_count,
        dated_lines: vet.dated,
        lines: vet.line_count,
        media: vet.media,
        shape,
        evidence: vet.evidence,
        zone: time_zone,
    })
}

/// A message being assembled in the second pass.
struct Pending {
    at: DateTime<FixedOffset>,
    line: usize,
    sender: Option<String>,
    text: String,
    kind: MessageKind,
    blank_lines: usize,
}

/// Reads a WhatsApp export a second time, after [`inspect_whatsapp`] vetted it, calling
/// `on_message` for each message in file order. `order` is what
/// [`ChatInspection::resolve`] returned. An error from `on_message` stops the reading and
/// is returned as it is; a file that no longer reads as the inspection found it is
/// [`ImportError::Changed`].
pub fn read_whatsapp<R: BufRead>(
    reader: R,
    inspection: &ChatInspection,
    order: DateOrder,
    mut on_message: impl FnMut(ChatMessage) -> Result<(), ImportError>,
) -> Result<(), ImportError> {
    let mut lines = Lines { shape: None };
    let mut converter = Converter::default();
    let mut pending: Option<Pending> = None;
    let mut seen = (0usize, 0usize, 0usize, 0usize, 0usize);
    let zone = inspection.zone;
    let known = |name: &str| inspection.senders.iter().any(|s| s.name == name);
    let flush = |p: Pending,
                 on: &mut dyn FnMut(ChatMessage) -> Result<(), ImportError>,
                 seen: &mut (usize, usize, usize, usize, usize)| {
        seen.4 += p.blank_lines;
        on(ChatMessage {
            at: p.at,
            sender: p.sender,
            text: p.text,
            kind: p.kind,
            line: p.line,
        })
    };
    for_each_line(reader, MAX_LINE_BYTES, MAX_INPUT_BYTES as u64, |n, l| {
        seen.0 = n;
        match lines.take(n, l)? {
            Line::Blank => match &mut pending {
                Some(p) => p.blank_lines += 1,
                None => seen.4 += 1,
            },
            Line::Header(h, rest) => {
                if let Some(p) = pending.take() {
                    flush(p, &mut on_message, &mut seen)?;
                }
                if !h.shape.same_export(&inspection.shape) {
                    return Err(ImportError::Changed);
                }
                let at = local_datetime(&h.stamp, order)
                    .and_then(|local| converter.convert(local, zone))
                    .ok_or(ImportError::Changed)?;
                let read = body::read(rest, &known);
                seen.1 += 1;
                seen.2 += usize::from(read.sender.is_none());
                pending = Some(Pending {
                    at,
                    line: n,
                    sender: read.sender,
                    text: read.text.to_owned(),
                    kind: read.kind,
                    blank_lines: 0,
                });
            }
            Line::More { text, .. } => {
                let p = pending.as_mut().ok_or(ImportError::Changed)?;
                let added = p.blank_lines + 1 + text.len();
                if p.text.len() + added > MAX_MESSAGE_BYTES {
                    return Err(ImportError::Changed);
                }
                p.text.reserve(added);
                for _ in 0..=p.blank_lines {
                    p.text.push('\n');
                }
                seen.3 += p.blank_lines + 1;
                p.blank_lines = 0;
                p.text.push_str(text);
            }
        }
        Ok(())
    })?;
    if let Some(p) = pending.take() {
        flush(p, &mut on_message, &mut seen)?;
    }
    if seen != inspection.fingerprint() {
        return Err(ImportError::Changed);
    }
    Ok(())
}

/// Parses a WhatsApp export given as raw bytes, kept whole: [`inspect_whatsapp`], the
/// date order resolved with `options`, then [`read_whatsapp`] into a [`ParsedChat`].
///
/// Date order: `options.date_order` if given (a date that contradicts it is
/// [`ImportError::ContradictsDateOrder`]); otherwise proven by the dates (see
/// [`dates`]). If nothing proves it, [`ImportError::AmbiguousDateOrder`]; if one date
/// proves day-first and another month-first, [`ImportError::InconsistentDateOrder`]
/// naming both lines. A local time that never happened in the zone (the hour skipped
/// when clocks go forward) is [`ImportError::NonexistentLocalTime`]: it means the zone is
/// wrong, and the user must know.
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
    let inspection = inspect_whatsapp(bytes, options.time_zone)?;
    let order = inspection.resolve(options.date_order)?;
    let mut messages = Vec::with_capacity(inspection.messages);
    read_whatsapp(bytes, &inspection, order, |m| {
        messages.push(m);
        Ok(())
    })?;
    Ok(ParsedChat {
        layout: inspection.layout,
        date_order: order,
        messages,
        senders: inspection.senders.into_iter().map(|s| s.name).collect(),
        joined_lines: inspection.joined_lines,
        skipped_lines: inspection.skipped_lines,
        dated_lines: inspection.dated_lines,
    })
}

/// [`parse_whatsapp_bytes`] for text already in memory.
pub fn parse_whatsapp(text: &str, options: &WhatsAppOptions) -> Result<ParsedChat, ImportError> {
    parse_whatsapp_bytes(text.as_bytes(), options)
}

#[cfg(test)]
mod tests;
