//! Chat exports in JSON: Telegram Desktop's `result.json`, and the message files of
//! Instagram's and Facebook Messenger's "Download your information"
//! (`message_1.json`). Read as a stream — one message at a time, never the whole tree —
//! into the same [`ChatMessage`]s as a WhatsApp export, in two passes like it:
//! [`inspect_json`] vets the file keeping only names and counts, [`read_json`] hands the
//! messages over.
//!
//! # Bounds
//!
//! * The whole file: [`MAX_JSON_BYTES`]; one string in it: [`MAX_STRING_BYTES`] (a
//!   Telegram message is at most 4,096 characters, a Meta one 20,000), enforced on the
//!   bytes before any string is built, so a hostile file cannot make one huge allocation;
//!   nesting: serde_json's limit of 128.
//! * Chats in one Telegram export: [`MAX_CHATS`]; senders in one chat:
//!   [`super::whatsapp::MAX_SENDERS`].

/// A visitor that is its own seed, read as a map or a list (`deserialize_map`,
/// `deserialize_seq`): the readers of both formats are chains of these.
macro_rules! seed_is_visitor {
    ($visitor:ident, $as:ident) => {
        impl<'de> serde::de::DeserializeSeed<'de> for $visitor<'_> {
            type Value = ();
            fn deserialize<D: serde::de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
                d.$as(self)
            }
        }
    };
}

mod meta;
pub mod mojibake;
mod telegram;

use std::cell::Cell;
use std::collections::HashMap;
use std::io::{Read, Seek};
use std::rc::Rc;

use crate::zone::Zone;
use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone, Utc};

use super::error::ImportError;
use super::whatsapp::{ChatMessage, MAX_SENDERS, MessageKind, SenderCount};

/// Largest JSON export read, in bytes.
pub const MAX_JSON_BYTES: u64 = 2 * 1024 * 1024 * 1024;
/// Longest single string in it, in bytes.
pub const MAX_STRING_BYTES: u64 = 4 * 1024 * 1024;
/// Most chats one Telegram export may list.
pub const MAX_CHATS: usize = 100_000;
/// Most messages one Instagram or Messenger message file may hold (Meta writes at most
/// 10,000 to a file), so that the place of each can be kept for reading them in order.
pub const MAX_META_MESSAGES: usize = 1_000_000;
/// Most bytes one message of an Instagram or Messenger file may take.
pub const MAX_MESSAGE_BYTES: u64 = 8 * 1024 * 1024;

/// Which app wrote the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonFormat {
    /// Telegram Desktop, "Export chat history" or "Export Telegram data", JSON.
    Telegram,
    /// Instagram, "Download your information", messages as JSON.
    Instagram,
    /// Facebook Messenger, "Download your information", messages as JSON.
    Messenger,
}

impl JsonFormat {
    /// The app's name.
    pub fn label(self) -> &'static str {
        match self {
            JsonFormat::Telegram => "Telegram",
            JsonFormat::Instagram => "Instagram",
            JsonFormat::Messenger => "Messenger",
        }
    }
}

/// One chat a file holds (a Telegram data export holds many).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonChat {
    /// Its name, as the export writes it.
    pub name: Option<String>,
    /// Messages in it.
    pub messages: usize,
}

/// What one reading of a JSON export found, without its messages.
#[derive(Clone, Debug)]
pub struct JsonInspection {
    /// Which app wrote it.
    pub format: JsonFormat,
    /// The chats it holds.
    pub chats: Vec<JsonChat>,
    /// The chat the counts below are for (`None` while a data export's chat is not
    /// chosen: then there are no counts).
    pub chat: Option<usize>,
    /// Senders of that chat in order of first appearance, with their message counts.
    pub senders: Vec<SenderCount>,
    /// Messages of that chat (one per media file of a message with several), notices
    /// included.
    pub messages: usize,
    /// Of which notices (no sender).
    pub notices: usize,
    zone: Zone,
    /// Where each message of a newest-first file starts, and where the last ends, to read
    /// them oldest first (empty when the file is in time order already).
    newest_first: Vec<u64>,
}

impl JsonInspection {
    /// Whether the user must still choose one of several chats.
    pub fn needs_chat(&self) -> bool {
        self.chat.is_none()
    }
}

/// A message as a JSON export holds it, before it becomes [`ChatMessage`]s.
#[derive(Debug, Default)]
pub(crate) struct Raw {
    /// 1-based position in the chat's messages.
    pub position: usize,
    /// Milliseconds since the epoch, when the export gives it.
    pub unix_ms: Option<i64>,
    /// Local wall-clock time, when it gives only that (old Telegram exports).
    pub local: Option<NaiveDateTime>,
    /// Who wrote it; `None` for notices.
    pub sender: Option<String>,
    pub text: String,
    pub deleted: bool,
    /// Files it carries, by name, and whether the export holds them.
    pub media: Vec<(String, bool)>,
    /// A notice.
    pub notice: bool,
}

/// What a format's reader does with the chats and messages it finds.
pub(crate) trait Sink {
    /// A chat begins; returns whether its messages are wanted.
    fn chat(&mut self, index: usize, name: Option<&str>) -> Result<bool, ImportError>;
    /// One message of a wanted chat.
    fn message(&mut self, index: usize, raw: Raw) -> Result<(), ImportError>;
    /// A chat ended with `messages` messages.
    fn end_chat(&mut self, index: usize, messages: usize) -> Result<(), ImportError>;
    /// The reading is near byte `offset`: before each message of an Instagram or
    /// Messenger file, and after the last. The message that follows starts no earlier
    /// than one byte before it (the parser looks one byte ahead).
    fn mark(&mut self, _offset: u64) -> Result<(), ImportError> {
        Ok(())
    }
}

/// Parses `reader` as `format`, feeding `sink`.
fn parse(reader: impl Read, format: JsonFormat, sink: &mut dyn Sink) -> Result<(), ImportError> {
    let guarded = Guard::new(reader);
    match format {
        JsonFormat::Telegram => telegram::parse(guarded, sink),
        JsonFormat::Instagram | JsonFormat::Messenger => {
            let read = guarded.counter();
            meta::parse(guarded, &read, sink)
        }
    }
}

/// Whether the messages run newest first (as Instagram and Messenger write them), with
/// the places the messages start that reading them oldest first needs.
#[derive(Default)]
struct Order {
    marks: Vec<u64>,
    last_ms: Option<i64>,
    rising: bool,
    falling: bool,
}

impl Order {
    fn mark(&mut self, offset: u64) -> Result<(), ImportError> {
        if self.marks.len() > MAX_META_MESSAGES {
            return Err(ImportError::TooMany {
                what: "messages in one message file",
                limit: MAX_META_MESSAGES as u64,
            });
        }
        if let Some(&before) = self.marks.last()
            && offset.saturating_sub(before) > MAX_MESSAGE_BYTES
        {
            return Err(ImportError::JsonField {
                message: self.marks.len(),
                field: "message",
                reason: "takes more bytes than a message can",
            });
        }
        self.marks.push(offset);
        Ok(())
    }

    fn time(&mut self, ms: Option<i64>) {
        if let (Some(before), Some(now)) = (self.last_ms, ms) {
            self.rising |= now > before;
            self.falling |= now < before;
        }
        self.last_ms = ms.or(self.last_ms);
    }

    /// The marks when the messages are newest first throughout.
    fn newest_first(self) -> Vec<u64> {
        if self.falling && !self.rising {
            self.marks
        } else {
            Vec::new()
        }
    }
}

/// The first pass: names and counts.
struct Vet<'a> {
    wanted: Option<&'a str>,
    chats: Vec<JsonChat>,
    chat: Option<usize>,
    senders: Vec<SenderCount>,
    index: HashMap<String, usize>,
    messages: usize,
    notices: usize,
    zone: Zone,
    order: Order,
}

impl Sink for Vet<'_> {
    fn chat(&mut self, index: usize, name: Option<&str>) -> Result<bool, ImportError> {
        if self.chats.len() >= MAX_CHATS {
            return Err(ImportError::TooMany {
                what: "chats",
                limit: MAX_CHATS as u64,
            });
        }
        self.chats.push(JsonChat {
            name: name.map(str::to_owned),
            messages: 0,
        });
        let wanted = match self.wanted {
            Some(w) => name.is_some_and(|n| same_name(n, w)),
            None => true,
        };
        // The first chat that fits is the one counted.
        let take = wanted && self.chat.is_none();
        if take {
            self.chat = Some(index);
        }
        Ok(take)
    }

    fn message(&mut self, _index: usize, raw: Raw) -> Result<(), ImportError> {
        self.order.time(raw.unix_ms);
        for m in messages(raw, self.zone)? {
            self.messages += 1;
            match m.sender {
                None => self.notices += 1,
                Some(name) => match self.index.get(&name) {
                    Some(&i) => {
                        if let Some(s) = self.senders.get_mut(i) {
                            s.messages += 1;
                        }
                    }
                    None if self.senders.len() >= MAX_SENDERS => {
                        return Err(ImportError::TooMany {
                            what: "different senders",
                            limit: MAX_SENDERS as u64,
                        });
                    }
                    None => {
                        self.index.insert(name.clone(), self.senders.len());
                        self.senders.push(SenderCount { name, messages: 1 });
                    }
                },
            }
        }
        Ok(())
    }

    fn end_chat(&mut self, index: usize, messages: usize) -> Result<(), ImportError> {
        if let Some(c) = self.chats.get_mut(index) {
            c.messages = messages;
        }
        Ok(())
    }

    fn mark(&mut self, offset: u64) -> Result<(), ImportError> {
        self.order.mark(offset)
    }
}

fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// Reads a JSON export once, keeping no message text: its chats, and for the chat named
/// `chat` (or the only one) its senders and counts. Nothing is written anywhere.
pub fn inspect_json<R: Read>(
    reader: R,
    format: JsonFormat,
    time_zone: Zone,
    chat: Option<&str>,
) -> Result<JsonInspection, ImportError> {
    let mut vet = Vet {
        wanted: chat,
        chats: Vec::new(),
        chat: None,
        senders: Vec::new(),
        index: HashMap::new(),
        messages: 0,
        notices: 0,
        zone: time_zone,
        order: Order::default(),
    };
    parse(reader, format, &mut vet)?;
    if vet.chats.is_empty() {
        return Err(ImportError::Empty);
    }
    // A data export of several chats, none named: the counts would mix them.
    let mut chat = vet.chat;
    if chat.is_none() && vet.chats.len() == 1 {
        chat = Some(0);
    }
    if let Some(wanted) = chat_name_missing(&vet, chat) {
        return Err(ImportError::NoSuchChat {
            name: wanted.to_owned(),
        });
    }
    let several = vet.wanted.is_none() && vet.chats.len() > 1;
    Ok(JsonInspection {
        format,
        chat: if several { None } else { chat },
        senders: if several { Vec::new() } else { vet.senders },
        messages: if several { 0 } else { vet.messages },
        notices: if several { 0 } else { vet.notices },
        chats: vet.chats,
        zone: time_zone,
        newest_first: vet.order.newest_first(),
    })
}

fn chat_name_missing<'a>(vet: &Vet<'a>, chat: Option<usize>) -> Option<&'a str> {
    match (vet.wanted, chat) {
        (Some(w), None) => Some(w),
        _ => None,
    }
}

/// The second pass: the chosen chat's messages.
struct Emit<'a> {
    chat: usize,
    zone: Zone,
    seen: (usize, usize),
    on: &'a mut dyn FnMut(ChatMessage) -> Result<(), ImportError>,
}

impl Sink for Emit<'_> {
    fn chat(&mut self, index: usize, _name: Option<&str>) -> Result<bool, ImportError> {
        Ok(index == self.chat)
    }

    fn message(&mut self, _index: usize, raw: Raw) -> Result<(), ImportError> {
        for m in messages(raw, self.zone)? {
            self.seen.0 += 1;
            self.seen.1 += usize::from(m.sender.is_none());
            (self.on)(m)?;
        }
        Ok(())
    }

    fn end_chat(&mut self, _index: usize, _messages: usize) -> Result<(), ImportError> {
        Ok(())
    }
}

/// Reads a JSON export a second time, after [`inspect_json`] vetted it and a chat was
/// chosen, calling `on_message` for each message of that chat oldest first (a file
/// written newest first, as Instagram and Messenger write theirs, is read back to front,
/// a few hundred kilobytes at a time). A file that no longer reads as the inspection
/// found it is [`ImportError::Changed`].
pub fn read_json<R: Read + Seek>(
    reader: R,
    inspection: &JsonInspection,
    mut on_message: impl FnMut(ChatMessage) -> Result<(), ImportError>,
) -> Result<(), ImportError> {
    let chat = inspection.chat.ok_or(ImportError::ChooseChat {
        chats: inspection.chats.len(),
    })?;
    let mut emit = Emit {
        chat,
        zone: inspection.zone,
        seen: (0, 0),
        on: &mut on_message,
    };
    if inspection.newest_first.is_empty() {
        parse(reader, inspection.format, &mut emit)?;
    } else {
        meta::parse_backwards(reader, &inspection.newest_first, &mut emit)?;
    }
    if emit.seen != (inspection.messages, inspection.notices) {
        return Err(ImportError::Changed);
    }
    Ok(())
}

/// One raw message as chat messages: the text with its first file, then one message per
/// further file.
fn messages(raw: Raw, zone: Zone) -> Result<Vec<ChatMessage>, ImportError> {
    let at = instant(&raw, zone)?;
    let kind = |file: Option<(String, bool)>| match file {
        _ if raw.notice => MessageKind::System,
        _ if raw.deleted => MessageKind::Deleted,
        None => MessageKind::Text,
        Some((name, true)) => MessageKind::Media { file_name: name },
        Some((name, false)) => MessageKind::MediaOmitted {
            file_name: Some(name),
        },
    };
    let mut files = raw.media.into_iter();
    let first = ChatMessage {
        at,
        sender: raw.sender.clone(),
        text: raw.text,
        kind: kind(files.next()),
        line: raw.position,
    };
    let mut out = vec![first];
    for file in files {
        out.push(ChatMessage {
            at,
            sender: raw.sender.clone(),
            text: String::new(),
            kind: kind(Some(file)),
            line: raw.position,
        });
    }
    Ok(out)
}

/// When a message was sent, with the offset of the zone it is shown in.
fn instant(raw: &Raw, zone: Zone) -> Result<DateTime<FixedOffset>, ImportError> {
    let bad = || ImportError::JsonField {
        message: raw.position,
        field: "date",
        reason: "is not a time",
    };
    if let Some(ms) = raw.unix_ms {
        let utc: DateTime<Utc> = Utc.timestamp_millis_opt(ms).single().ok_or_else(bad)?;
        return Ok(utc.with_timezone(&zone).fixed_offset());
    }
    let local = raw.local.ok_or(ImportError::JsonField {
        message: raw.position,
        field: "date",
        reason: "is missing",
    })?;
    super::whatsapp::dates::Converter::default()
        .convert(local, zone)
        .ok_or(ImportError::NonexistentLocalTime { line: raw.position })
}

/// A `Read` that passes bytes through while watching JSON string tokens, so that no
/// string longer than [`MAX_STRING_BYTES`] (and no file longer than
/// [`MAX_JSON_BYTES`]) reaches the parser.
struct Guard<R> {
    inner: R,
    total: Rc<Cell<u64>>,
    in_string: bool,
    escaped: bool,
    string_bytes: u64,
}

impl<R: Read> Guard<R> {
    fn new(inner: R) -> Self {
        Guard {
            inner,
            total: Rc::default(),
            in_string: false,
            escaped: false,
            string_bytes: 0,
        }
    }

    /// The count of bytes read so far, shared.
    fn counter(&self) -> Rc<Cell<u64>> {
        Rc::clone(&self.total)
    }
}

/// The bound a [`Guard`] enforced, recognised in the error serde_json passes on.
fn tripped(e: &serde_json::Error) -> Option<ImportError> {
    if e.io_error_kind() != Some(std::io::ErrorKind::InvalidData) {
        return None;
    }
    let text = e.to_string();
    if text.contains(GuardTripped::String.to_string().as_str()) {
        Some(ImportError::TooLarge {
            what: "one string in the file",
            limit: MAX_STRING_BYTES,
        })
    } else if text.contains(GuardTripped::File.to_string().as_str()) {
        Some(ImportError::TooLarge {
            what: "JSON export",
            limit: MAX_JSON_BYTES,
        })
    } else {
        None
    }
}

impl<R: Read> Read for Guard<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.total.set(self.total.get() + n as u64);
        if self.total.get() > MAX_JSON_BYTES {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                GuardTripped::File,
            ));
        }
        for &b in buf.get(..n).unwrap_or_default() {
            if self.in_string {
                self.string_bytes += 1;
                if self.string_bytes > MAX_STRING_BYTES {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        GuardTripped::String,
                    ));
                }
                if self.escaped {
                    self.escaped = false;
                } else if b == b'\\' {
                    self.escaped = true;
                } else if b == b'"' {
                    self.in_string = false;
                }
            } else if b == b'"' {
                self.in_string = true;
                self.string_bytes = 0;
            }
        }
        Ok(n)
    }
}

/// Which bound the guard enforced.
#[derive(Debug, thiserror::Error)]
enum GuardTripped {
    #[error("the JSON file is larger than its bound")]
    File,
    #[error("a JSON string is longer than its bound")]
    String,
}

/// Stops a parse from inside a visitor with `reason` kept aside in `stopped` (serde's
/// errors carry only text); [`json_error`] gives it back.
pub(crate) fn stop<E: serde::de::Error>(
    stopped: &mut Option<ImportError>,
    reason: ImportError,
) -> E {
    *stopped = Some(reason);
    E::custom("stopped")
}

/// A serde_json error (or a bound, or a stop requested by a callback) as an import error
/// naming where it happened; `stopped` holds the real reason when a callback stopped it.
pub(crate) fn json_error(e: serde_json::Error, stopped: &mut Option<ImportError>) -> ImportError {
    if let Some(reason) = stopped.take() {
        return reason;
    }
    if let Some(bound) = tripped(&e) {
        return bound;
    }
    if e.is_eof() {
        return ImportError::Json {
            line: e.line(),
            column: e.column(),
            reason: "the file ends too early (cut short?)".into(),
        };
    }
    let reason = match e.classify() {
        serde_json::error::Category::Syntax => "malformed JSON",
        serde_json::error::Category::Data => {
            "a value of the wrong kind where the export has another"
        }
        serde_json::error::Category::Eof => "the file ends too early (cut short?)",
        serde_json::error::Category::Io => "the file could not be read",
    };
    ImportError::Json {
        line: e.line(),
        column: e.column(),
        reason: reason.to_owned(),
    }
}

/// The last part of a path written in an export (`photos/photo_1@12-03-2024.jpg`).
pub(crate) fn file_name(path: &str) -> String {
    path.rsplit(['/', '\\']).next().unwrap_or(path).to_owned()
}

#[cfg(test)]
mod tests;
