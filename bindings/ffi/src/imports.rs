//! Imports through the bindings: WhatsApp, Telegram, Instagram and Messenger chat exports
//! and SMS Backup & Restore files become one message-log entry each. What a file holds
//! before anything is written is the import wizard's view (`preview_import` in
//! `screens.rs`). Conversion only; the work is the core's.

use std::path::Path;
use std::sync::Arc;

use tally_core::import::json::JsonFormat;
use tally_core::import::{DateOrder, ImportFailure, JsonImport, SmsImport, WhatsAppImport};
use tally_core::view::ImportFormat;

use crate::diary::Diary;
use crate::error::TallyApiError;
use crate::progress::{Listener, ProgressListener};
use crate::screens::zone;

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

#[uniffi::export]
impl Diary {
    /// Imports a WhatsApp chat export (`.txt`, or `.zip` with media) as one message-log
    /// entry. `senders` are the names whose messages matter (the rest are kept for
    /// context); `date_order` answers the import wizard's day/month question when the
    /// file cannot prove it; `time_zone` is the IANA zone of the phone that exported the
    /// chat (the shell passes the device's). Nothing is written when the file is refused.
    pub fn import_whatsapp(
        &self,
        path: String,
        senders: Vec<String>,
        date_order: Option<DateOrder>,
        time_zone: String,
        people: Vec<u64>,
        listener: Option<Arc<dyn ProgressListener>>,
    ) -> Result<ImportSummary, TallyApiError> {
        let options = WhatsAppImport {
            senders,
            date_order,
            time_zone: Some(zone(&time_zone)?),
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

    /// Imports a chat export in JSON as one message-log entry: `format` is Telegram (a
    /// Telegram Desktop `result.json`; `chat` names the chat of an export of all chats, as
    /// the import wizard lists them), Instagram or Messenger (a `message_1.json` from
    /// "Download your information", its messages kept oldest first). `senders`,
    /// `time_zone` and `people` as for [`Diary::import_whatsapp`]. Nothing is written when
    /// the file is refused.
    #[allow(clippy::too_many_arguments)]
    pub fn import_chat_json(
        &self,
        path: String,
        format: ImportFormat,
        senders: Vec<String>,
        chat: Option<String>,
        time_zone: String,
        people: Vec<u64>,
        listener: Option<Arc<dyn ProgressListener>>,
    ) -> Result<ImportSummary, TallyApiError> {
        let json = match format {
            ImportFormat::Telegram => JsonFormat::Telegram,
            ImportFormat::Instagram => JsonFormat::Instagram,
            ImportFormat::Messenger => JsonFormat::Messenger,
            ImportFormat::WhatsAppText | ImportFormat::WhatsAppZip | ImportFormat::SmsBackup => {
                return Err(TallyApiError::invalid(
                    "format must be Telegram, Instagram or Messenger",
                ));
            }
        };
        let options = JsonImport {
            senders,
            chat,
            time_zone: Some(zone(&time_zone)?),
            people,
        };
        let listener = Listener(listener);
        self.with(|d| {
            Ok(d.import_json(Path::new(&path), json, &options, &listener)?
                .into())
        })
    }
}
