//! Imports through the bindings: WhatsApp, Telegram, Instagram and Messenger chat exports
//! and SMS Backup & Restore files become one message-log entry each; [`detect_import`] and
//! [`preview_import`] say what a file holds before anything is written (an import
//! wizard's first steps). Conversion only; the work is the core's.

use std::path::Path;
use std::sync::Arc;

use tally_core::import::json::JsonFormat;
use tally_core::import::{
    DateOrder, ImportFailure, ImportFormat, JsonImport, PreviewOptions, SmsImport, WhatsAppImport,
    parse_time_zone,
};

use crate::diary::Diary;
use crate::error::TallyApiError;
use crate::progress::{Listener, ProgressListener};

/// What an import recorded.
#[derive(Debug, Clone, uniffi::Record)]
pub struct ImportSummary {
    /// The new message-log entry's number.
    pub seq: u64,
    /// Messages in the entry.
    pub messages: u64,
    /// Calls in the entry (call-log backups).
    pub calls: u64,
    /// WhatsApp: the senders; SMS: the other parties' numbers, in order of first appearance.
    pub senders: Vec<String>,
    /// The earliest message or call (RFC 3339), if any.
    pub first: Option<String>,
    /// The latest message or call (RFC 3339), if any.
    pub last: Option<String>,
    /// Media files stored as attachments.
    pub media: u64,
    /// Of the messages, notices written by the app (they have no sender).
    pub notices: u64,
    /// Lines joined to the message above them (chat exports).
    pub joined_lines: u64,
    /// Blank lines that belonged to no message (chat exports).
    pub skipped_lines: u64,
    /// Joined lines that begin with a date and a time, by line number.
    pub dated_lines: Vec<u64>,
    /// How a WhatsApp export's message headers look (`dd/mm/yy, hh:mm - `).
    pub layout: Option<String>,
}

impl From<tally_core::import::ImportSummary> for ImportSummary {
    fn from(s: tally_core::import::ImportSummary) -> Self {
        ImportSummary {
            seq: s.seq,
            messages: s.messages as u64,
            calls: s.calls as u64,
            senders: s.senders,
            first: s.first.map(|t| t.to_rfc3339()),
            last: s.last.map(|t| t.to_rfc3339()),
            media: s.media as u64,
            notices: s.notices as u64,
            joined_lines: s.joined_lines as u64,
            skipped_lines: s.skipped_lines as u64,
            dated_lines: s.dated_lines.into_iter().map(|n| n as u64).collect(),
            layout: s.layout,
        }
    }
}

/// The kinds of export Tally imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ImportKind {
    /// A WhatsApp chat export (`.txt`, or `.zip` with media).
    WhatsApp,
    /// An SMS Backup & Restore XML file (messages or calls).
    Sms,
    /// A Telegram Desktop JSON export.
    Telegram,
    /// Instagram messages from "Download your information".
    Instagram,
    /// Facebook Messenger messages from "Download your information".
    Messenger,
}

impl From<ImportFormat> for ImportKind {
    fn from(f: ImportFormat) -> Self {
        match f {
            ImportFormat::WhatsApp => ImportKind::WhatsApp,
            ImportFormat::Sms => ImportKind::Sms,
            ImportFormat::Telegram => ImportKind::Telegram,
            ImportFormat::Instagram => ImportKind::Instagram,
            ImportFormat::Messenger => ImportKind::Messenger,
        }
    }
}

impl From<ImportKind> for ImportFormat {
    fn from(k: ImportKind) -> Self {
        match k {
            ImportKind::WhatsApp => ImportFormat::WhatsApp,
            ImportKind::Sms => ImportFormat::Sms,
            ImportKind::Telegram => ImportFormat::Telegram,
            ImportKind::Instagram => ImportFormat::Instagram,
            ImportKind::Messenger => ImportFormat::Messenger,
        }
    }
}

/// A sender (or, in an SMS backup, a number) and how many messages are theirs.
#[derive(Debug, Clone, uniffi::Record)]
pub struct SenderCount {
    /// The name as the export writes it.
    pub name: String,
    /// Their messages.
    pub messages: u64,
}

/// A chat of a Telegram data export.
#[derive(Debug, Clone, uniffi::Record)]
pub struct ChatCount {
    /// Its name, when the export gives one.
    pub name: Option<String>,
    /// Its messages.
    pub messages: u64,
}

/// What a file holds, before importing it.
#[derive(Debug, Clone, uniffi::Record)]
pub struct ImportPreview {
    /// The kind of export read.
    pub kind: ImportKind,
    /// For a WhatsApp export: the app and its message headers (`Android: dd/mm/yy, hh:mm - `).
    pub layout: Option<String>,
    /// Who sent messages, in order of first appearance: the list to choose from.
    pub senders: Vec<SenderCount>,
    /// A Telegram data export's chats (choose one when `needs_chat`).
    pub chats: Vec<ChatCount>,
    /// Whether a chat must be chosen before importing.
    pub needs_chat: bool,
    /// The day/month order the dates prove ("dmy", "mdy" or "ymd"), if they do.
    pub date_order: Option<String>,
    /// Whether to ask the user for the day/month order ("dmy" or "mdy").
    pub needs_date_order: bool,
    /// Messages (notices included).
    pub messages: u64,
    /// Of which notices with no sender.
    pub notices: u64,
    /// Calls (call-log backups).
    pub calls: u64,
    /// Lines joined to the message above them.
    pub joined_lines: u64,
    /// Blank lines that belong to no message.
    pub skipped_lines: u64,
    /// Joined lines that begin with a date and a time, by line number.
    pub dated_lines: Vec<u64>,
}

impl From<tally_core::import::ImportPreview> for ImportPreview {
    fn from(p: tally_core::import::ImportPreview) -> Self {
        let count = |n: usize| n as u64;
        ImportPreview {
            kind: p.format.into(),
            layout: p.layout,
            senders: p
                .senders
                .into_iter()
                .map(|s| SenderCount {
                    name: s.name,
                    messages: count(s.messages),
                })
                .collect(),
            chats: p
                .chats
                .into_iter()
                .map(|c| ChatCount {
                    name: c.name,
                    messages: count(c.messages),
                })
                .collect(),
            needs_chat: p.needs_chat,
            date_order: p.date_order.map(|o| o.as_str().to_owned()),
            needs_date_order: p.needs_date_order,
            messages: count(p.messages),
            notices: count(p.notices),
            calls: count(p.calls),
            joined_lines: count(p.joined_lines),
            skipped_lines: count(p.skipped_lines),
            dated_lines: p.dated_lines.into_iter().map(count).collect(),
        }
    }
}

/// Which kinds of export the file at `path` may be, most likely first (Instagram and
/// Messenger files look alike: both are given). Reads only its first bytes.
#[uniffi::export]
pub fn detect_import(path: String) -> Result<Vec<ImportKind>, TallyApiError> {
    Ok(tally_core::import::detect(Path::new(&path))?
        .into_iter()
        .map(ImportKind::from)
        .collect())
}

/// Reads the file at `path` as `kind` once and says what it holds; writes nothing. A file
/// the import would refuse is refused here with the same error. `time_zone` (IANA name,
/// default the device's) reads local times; `chat` counts one chat of a Telegram data
/// export.
#[uniffi::export]
pub fn preview_import(
    path: String,
    kind: ImportKind,
    time_zone: Option<String>,
    chat: Option<String>,
) -> Result<ImportPreview, TallyApiError> {
    let options = PreviewOptions {
        time_zone: time_zone.as_deref().map(parse_time_zone).transpose()?,
        chat,
    };
    Ok(tally_core::import::preview(Path::new(&path), kind.into(), &options)?.into())
}

/// The one mapping from an import refusal: what the file holds is the user's to fix
/// (`Invalid`); the diary's own failures map as everywhere else.
impl From<ImportFailure> for TallyApiError {
    fn from(e: ImportFailure) -> Self {
        let reason = e.to_string();
        match e {
            ImportFailure::Diary(inner) => inner.into(),
            ImportFailure::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
                TallyApiError::NotFound { reason }
            }
            ImportFailure::Io { .. } | ImportFailure::Changed { .. } => {
                TallyApiError::Io { reason }
            }
            _ => TallyApiError::Invalid { reason },
        }
    }
}

fn date_order(value: Option<String>) -> Result<Option<DateOrder>, TallyApiError> {
    match value.as_deref() {
        None => Ok(None),
        Some("dmy") => Ok(Some(DateOrder::DayMonthYear)),
        Some("mdy") => Ok(Some(DateOrder::MonthDayYear)),
        Some(_) => Err(TallyApiError::invalid(
            "date_order must be \"dmy\" or \"mdy\"",
        )),
    }
}

#[uniffi::export]
impl Diary {
    /// Imports a WhatsApp chat export (`.txt`, or `.zip` with media) as one message-log
    /// entry. `senders` are the names whose messages matter (the rest are kept for
    /// context); `date_order` is "dmy" or "mdy" when the file cannot prove it;
    /// `time_zone` is an IANA name (default: the device's). Nothing is written when the
    /// file is refused.
    pub fn import_whatsapp(
        &self,
        path: String,
        senders: Vec<String>,
        date_order: Option<String>,
        time_zone: Option<String>,
        people: Vec<u64>,
        listener: Option<Arc<dyn ProgressListener>>,
    ) -> Result<ImportSummary, TallyApiError> {
        let options = WhatsAppImport {
            senders,
            date_order: self::date_order(date_order)?,
            time_zone: time_zone.as_deref().map(parse_time_zone).transpose()?,
            people,
        };
        let listener = Listener(listener);
        self.with(|d| {
            Ok(d.import_whatsapp(Path::new(&path), &options, &listener)?
                .into())
        })
    }

    /// Imports an SMS Backup & Restore XML file (messages or calls) as one message-log
    /// entry, keeping the messages with `addresses` (all when empty). Streams the file.
    pub fn import_sms(
        &self,
        path: String,
        addresses: Vec<String>,
        people: Vec<u64>,
        listener: Option<Arc<dyn ProgressListener>>,
    ) -> Result<ImportSummary, TallyApiError> {
        let options = SmsImport { addresses, people };
        let listener = Listener(listener);
        self.with(|d| Ok(d.import_sms(Path::new(&path), &options, &listener)?.into()))
    }

    /// Imports a chat export in JSON as one message-log entry: `kind` is Telegram (a
    /// Telegram Desktop `result.json`; `chat` names the chat of an export of all chats),
    /// Instagram or Messenger (a `message_1.json` from "Download your information", its
    /// messages kept oldest first). `senders`, `time_zone` and `people` as for
    /// [`Diary::import_whatsapp`]. Nothing is written when the file is refused.
    #[allow(clippy::too_many_arguments)]
    pub fn import_chat_json(
        &self,
        path: String,
        kind: ImportKind,
        senders: Vec<String>,
        chat: Option<String>,
        time_zone: Option<String>,
        people: Vec<u64>,
        listener: Option<Arc<dyn ProgressListener>>,
    ) -> Result<ImportSummary, TallyApiError> {
        let format = match kind {
            ImportKind::Telegram => JsonFormat::Telegram,
            ImportKind::Instagram => JsonFormat::Instagram,
            ImportKind::Messenger => JsonFormat::Messenger,
            ImportKind::WhatsApp | ImportKind::Sms => {
                return Err(TallyApiError::invalid(
                    "kind must be Telegram, Instagram or Messenger",
                ));
            }
        };
        let options = JsonImport {
            senders,
            chat,
            time_zone: time_zone.as_deref().map(parse_time_zone).transpose()?,
            people,
        };
        let listener = Listener(listener);
        self.with(|d| {
            Ok(
                d.import_json(Path::new(&path), format, &options, &listener)?
                    .into(),
            )
        })
    }
}
