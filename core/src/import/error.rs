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

    /// The first non-empty line does not start with a message header this importer
    /// understands. `start` is the part that was read as a date and time (it holds no
    /// message text); `expected` is what should have come next.
    #[error("{}", not_an_export(*.line, .start, .expected))]
    NotWhatsAppExport {
        /// 1-based line that was expected to be the first message.
        line: usize,
        /// The start of the line that was understood (date, time, punctuation only).
        start: String,
        /// What was expected after it.
        expected: &'static str,
    },

    /// A line inside the chat starts with a date and a time like this export's messages
    /// but does not end its header as they do: a header this importer does not
    /// understand. Joining it to the message above could give its words to the wrong
    /// person, so the import is refused.
    #[error(
        "line {line} starts with a date and time (\"{start}\") but is not a message header \
         like the others in this export ({pattern}): expected {expected} there; \
         nothing was imported"
    )]
    UnreadableHeader {
        /// 1-based line.
        line: usize,
        /// The start of the line that was understood (date, time, punctuation only).
        start: String,
        /// What was expected after it.
        expected: &'static str,
        /// The export's header pattern (`dd/mm/yy, hh:mm - `).
        pattern: String,
    },

    /// The dates have no year (`18 Mar 12:14`, `18/3, 12:14`).
    #[error(
        "line {line}: the dates in this export have no year (\"{start}\"); \
         export the chat again from a phone set to show dates with the year"
    )]
    DatesWithoutYear {
        /// 1-based line.
        line: usize,
        /// The start of the line that was understood.
        start: String,
    },

    /// The months are written as words (`28 Aug 2013`), a layout of very old exports.
    #[error(
        "line {line}: the dates in this export write the month as a word (after \"{start}\"), \
         a layout this importer does not read; export the chat again"
    )]
    MonthNames {
        /// 1-based line.
        line: usize,
        /// The start of the line that was understood.
        start: String,
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

    /// More of something than any real export holds.
    #[error("more than {limit} {what}")]
    TooMany {
        /// What there were too many of ("different senders").
        what: &'static str,
        /// The limit.
        limit: u64,
    },

    /// The file read differently the second time (it changed on disk while it was being
    /// imported).
    #[error("the file changed while it was being read; nothing was imported")]
    Changed,

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

    /// The file is none of the kinds of export Tally imports.
    #[error(
        "not a kind of export Tally imports (a WhatsApp chat, an SMS Backup & Restore file, \
         a Telegram, Instagram or Messenger JSON export)"
    )]
    NotRecognised,

    /// A JSON export is malformed or cut short.
    #[error("the file is not valid JSON: {reason} (line {line}, column {column})")]
    Json {
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong (never the content).
        reason: String,
    },

    /// A message of a JSON export lacks a field or has one of the wrong kind.
    #[error("message {message}: the field `{field}` {reason}")]
    JsonField {
        /// 1-based position of the message in its chat.
        message: usize,
        /// The field.
        field: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    },

    /// The file is JSON but not the export asked for.
    #[error("this is not a {format} export: it has none of the fields one has")]
    NotThisFormat {
        /// The export asked for ("Telegram").
        format: &'static str,
    },

    /// A data export of several chats, and none was chosen.
    #[error("this export holds {chats} chats; say which with --chat NAME")]
    ChooseChat {
        /// How many.
        chats: usize,
    },

    /// The chat asked for is not in the export.
    #[error("no chat named {name:?} in this export")]
    NoSuchChat {
        /// The name asked for.
        name: String,
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

/// "not a WhatsApp chat export: …", quoting only the date and time that were read.
fn not_an_export(line: usize, start: &str, expected: &str) -> String {
    if start.trim().is_empty() {
        format!("not a WhatsApp chat export: line {line} does not start with a date and time")
    } else {
        format!(
            "not a WhatsApp chat export this importer understands: line {line} starts with \
             \"{start}\", and {expected} should follow; its date and time layout is not one \
             WhatsApp is known to write"
        )
    }
}
