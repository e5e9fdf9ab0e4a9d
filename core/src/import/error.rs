//! The one error type of the import parsers.
//!
//! Every variant names *where* the problem is (line, element number, byte position, field)
//! and never *what* the content was: an error message may end up in a log or a bug report,
//! and the victim's messages must not.

/// Why an import was refused. Messages are plain and specific, and never quote the
/// imported content.
#[derive(thiserror::Error, Debug)]
pub enum ImportError {
    /// The input has no content at all (zero bytes, or only whitespace).
    #[error("the file is empty")]
    Empty,

    /// The first non-empty line is not a WhatsApp message line.
    #[error("not a WhatsApp chat export: line {line} does not start with a date and time")]
    NotWhatsAppExport {
        /// 1-based line that was expected to be the first message.
        line: usize,
    },

    /// Every date in the chat reads correctly both day-first and month-first.
    #[error(
        "the dates in this chat could be day/month/year or month/day/year; \
         say which with --date-order dmy|mdy"
    )]
    AmbiguousDateOrder,

    /// A date (or time) that is impossible whichever way it is read (13/13, 31/02, 25:00).
    #[error("line {line}: the date or time is impossible")]
    ImpossibleDate {
        /// 1-based line of the message.
        line: usize,
    },

    /// One date can only be day-first and another can only be month-first.
    #[error(
        "the dates contradict each other: line {day_first_line} can only be day/month/year \
         but line {month_first_line} can only be month/day/year"
    )]
    InconsistentDateOrder {
        /// 1-based line whose date proves day-first.
        day_first_line: usize,
        /// 1-based line whose date proves month-first.
        month_first_line: usize,
    },

    /// The date order given as an option is contradicted by a date in the file.
    #[error("line {line}: the date cannot be read in the date order that was given")]
    ContradictsDateOrder {
        /// 1-based line of the contradicting date.
        line: usize,
    },

    /// The local time did not exist in the time zone (skipped by a daylight-saving change).
    #[error(
        "line {line}: this local time never happened in the chosen time zone \
         (clocks went forward); check the time zone"
    )]
    NonexistentLocalTime {
        /// 1-based line of the message.
        line: usize,
    },

    /// The whole input (or one part of it) exceeds a fixed bound.
    #[error("{what} is larger than the limit of {limit} bytes")]
    TooLarge {
        /// What was too large ("chat export", "XML attribute", "image file", ...).
        what: &'static str,
        /// The limit, in bytes.
        limit: u64,
    },

    /// One line of a chat export exceeds the line-length bound.
    #[error("line {line} is longer than the limit of {limit} bytes")]
    LineTooLong {
        /// 1-based line.
        line: usize,
        /// The limit, in bytes.
        limit: u64,
    },

    /// The text is not valid UTF-8.
    #[error("the file is not valid UTF-8 text{}", match .line { Some(l) => format!(" (line {l})"), None => String::new() })]
    NotUtf8 {
        /// 1-based line of the first invalid byte, when known.
        line: Option<usize>,
    },

    /// The XML is malformed, or an item is missing a required field.
    #[error("XML error at byte {position}{}: {reason}", match .element { Some(n) => format!(" (item {n})"), None => String::new() })]
    Xml {
        /// Byte offset in the file where the problem was noticed.
        position: u64,
        /// 1-based number of the `sms`/`mms`/`call` item being read, when inside one.
        element: Option<u64>,
        /// What is wrong (never the content).
        reason: String,
    },

    /// The XML declares entities (a DOCTYPE with `<!ENTITY`), the vector for
    /// "billion laughs" and external-entity attacks. Backups never contain one.
    #[error("the XML declares entities in a DOCTYPE; refused (a real backup never does this)")]
    EntityDeclarationsRefused,

    /// An image (in a chat export or a backup) was refused.
    #[error(transparent)]
    Media(#[from] crate::media::MediaError),

    /// Reading the input failed.
    #[error("reading the input failed: {0}")]
    Io(#[from] std::io::Error),
}
