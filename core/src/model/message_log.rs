//! Imported conversations: a chat export or an SMS backup, kept message by message, with
//! the original export stored byte for byte as an attachment.
//!
//! An import writes its messages and calls to a [`Transcript`]: an attachment of one
//! canonical JSON object per line, which the entry names by SHA-256 (so the signed log
//! covers every message) and summarises (counts, first and last, senders), so that
//! listing a conversation of any size reads only its entry, and everything that needs
//! the messages reads them a line at a time. Entries written before transcripts existed
//! keep their messages inline, in [`MessageLog::messages`] and [`MessageLog::calls`], and
//! are read as they always were.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::AttachmentRef;

/// Where the conversation came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MessageSource {
    /// A WhatsApp chat export (.txt or .zip).
    Whatsapp,
    /// An SMS Backup & Restore XML file.
    Sms,
    /// A Telegram Desktop JSON export (`result.json`).
    Telegram,
    /// Instagram messages from "Download your information" (JSON).
    Instagram,
    /// Facebook Messenger messages from "Download your information" (JSON).
    Messenger,
}

impl MessageSource {
    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            MessageSource::Whatsapp => "whatsapp",
            MessageSource::Sms => "sms",
            MessageSource::Telegram => "telegram",
            MessageSource::Instagram => "instagram",
            MessageSource::Messenger => "messenger",
        }
    }

    /// The source in words ("WhatsApp chat export").
    pub fn label(self) -> &'static str {
        match self {
            MessageSource::Whatsapp => "WhatsApp chat export",
            MessageSource::Sms => "SMS backup",
            MessageSource::Telegram => "Telegram export",
            MessageSource::Instagram => "Instagram messages download",
            MessageSource::Messenger => "Messenger messages download",
        }
    }
}

/// What a logged message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MessageStatus {
    /// An ordinary message.
    Text,
    /// The sender deleted it; only the notice remains.
    Deleted,
    /// A photo, video or other file that was not included in the export (or whose
    /// content is not in the backup).
    MediaOmitted,
    /// A photo, video or other file, kept as an attachment when the export had it.
    Media,
    /// A line written by the app, not by a person (encryption notice, group changes).
    System,
}

/// One message of an imported conversation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoggedMessage {
    /// When it was sent, with the offset of the time zone the export was read in.
    pub at: DateTime<FixedOffset>,
    /// Who sent it (as the export names them; empty for system lines).
    pub sender: String,
    /// The text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// What kind of message.
    pub status: MessageStatus,
    /// Whether the victim chose this sender as one whose messages matter (the others are
    /// kept for context).
    #[serde(default, skip_serializing_if = "super::incident::is_false")]
    pub chosen: bool,
    /// Sent by the victim's phone (SMS), when the source says so.
    #[serde(default, skip_serializing_if = "super::incident::is_false")]
    pub outgoing: bool,
    /// The media file's name in the export.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_name: Option<String>,
    /// SHA-256 of the media file, when it was in the export (its attachment).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_sha256: Option<String>,
    /// The media file's type as the source states it (`image/jpeg`), when it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
}

/// One call from a call-log backup.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CallRecord {
    /// When the call started.
    pub at: DateTime<FixedOffset>,
    /// The other number.
    pub number: String,
    /// incoming, outgoing, missed, voicemail, rejected, blocked or other.
    pub direction: String,
    /// Seconds.
    pub duration_seconds: u64,
    /// Whether the victim chose this number as one that matters.
    #[serde(default, skip_serializing_if = "super::incident::is_false")]
    pub chosen: bool,
}

/// An imported conversation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MessageLog {
    /// Where it came from.
    pub source: MessageSource,
    /// The original export, byte for byte.
    pub original: AttachmentRef,
    /// The time zone the export's local times were read in (IANA name), when it had none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// The people this conversation is with (person entries).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<u64>,
    /// The senders or numbers the victim chose as the ones that matter.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub chosen_senders: Vec<String>,
    /// The messages, in order, kept in the entry itself (entries from before
    /// transcripts; a new import leaves this empty and writes [`MessageLog::transcript`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub messages: Vec<LoggedMessage>,
    /// Calls kept in the entry itself, for call-log backups (as `messages`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub calls: Vec<CallRecord>,
    /// Media files from the export, kept as attachments.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<AttachmentRef>,
    /// The messages and calls, kept as a transcript attachment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transcript: Option<Transcript>,
}

impl MessageLog {
    /// A new import's entry: its source, its original and its transcript; the other
    /// fields empty, for the importer to fill.
    pub fn transcribed(
        source: MessageSource,
        original: AttachmentRef,
        transcript: Transcript,
    ) -> Self {
        MessageLog {
            source,
            original,
            time_zone: None,
            people: Vec::new(),
            chosen_senders: Vec::new(),
            messages: Vec::new(),
            calls: Vec::new(),
            attachments: Vec::new(),
            transcript: Some(transcript),
        }
    }
}

/// The messages and calls of an import, kept outside its entry: a file of one canonical
/// JSON object per line ([`TranscriptLine`], serde_json with fields in declared order),
/// in the order of the export, with what a list or a summary needs to know about them
/// without reading them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Transcript {
    /// The file (`application/x-ndjson`): its SHA-256 binds every line to this entry.
    pub file: AttachmentRef,
    /// Messages in it.
    pub messages: u64,
    /// Calls in it.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub calls: u64,
    /// The earliest message or call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first: Option<DateTime<FixedOffset>>,
    /// The latest message or call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last: Option<DateTime<FixedOffset>>,
    /// Everyone who sent messages (or the numbers calls were with), in order of first
    /// appearance, with their counts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub senders: Vec<SenderTally>,
}

/// One sender of a transcript and how much they sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SenderTally {
    /// The name or number, as the export writes it.
    pub name: String,
    /// Messages from them.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub messages: u64,
    /// Calls with them.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub calls: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// One line of a transcript.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "line", rename_all = "kebab-case")]
pub enum TranscriptLine {
    /// A message.
    Message(LoggedMessage),
    /// A call.
    Call(CallRecord),
}

impl MessageLog {
    /// How many messages the conversation holds, wherever they are kept.
    pub fn message_count(&self) -> u64 {
        match &self.transcript {
            Some(t) => t.messages + self.messages.len() as u64,
            None => self.messages.len() as u64,
        }
    }

    /// How many calls it holds.
    pub fn call_count(&self) -> u64 {
        match &self.transcript {
            Some(t) => t.calls + self.calls.len() as u64,
            None => self.calls.len() as u64,
        }
    }

    /// The earliest and latest message or call, wherever they are kept.
    pub fn time_span(&self) -> Option<(DateTime<FixedOffset>, DateTime<FixedOffset>)> {
        let inline = self
            .messages
            .iter()
            .map(|m| m.at)
            .chain(self.calls.iter().map(|c| c.at));
        let kept = self
            .transcript
            .iter()
            .flat_map(|t| t.first.into_iter().chain(t.last));
        let mut span: Option<(DateTime<FixedOffset>, DateTime<FixedOffset>)> = None;
        for t in inline.chain(kept) {
            span = Some(match span {
                None => (t, t),
                Some((a, b)) => (a.min(t), b.max(t)),
            });
        }
        span
    }
}

/// Reads the messages and calls of message logs.
pub trait Transcripts {
    /// Calls `each` for every message and call of `log` (entry `seq`), in stored order:
    /// the transcript's lines, or, for an entry that keeps them inline, its messages and
    /// then its calls. An error from `each` stops the reading and is returned.
    fn for_each_line(
        &self,
        seq: u64,
        log: &MessageLog,
        each: &mut dyn FnMut(TranscriptLine) -> crate::Result<()>,
    ) -> crate::Result<()>;
}

/// The inline part of a log (all of it, for logs from before transcripts).
pub(crate) fn inline_lines(
    log: &MessageLog,
    each: &mut dyn FnMut(TranscriptLine) -> crate::Result<()>,
) -> crate::Result<()> {
    for m in &log.messages {
        each(TranscriptLine::Message(m.clone()))?;
    }
    for c in &log.calls {
        each(TranscriptLine::Call(c.clone()))?;
    }
    Ok(())
}

/// Reads only what entries hold: for views handed over without their diary (tests, a
/// pack's entries). A log whose messages are in a transcript is an error naming it.
pub struct InlineOnly;

impl Transcripts for InlineOnly {
    fn for_each_line(
        &self,
        seq: u64,
        log: &MessageLog,
        each: &mut dyn FnMut(TranscriptLine) -> crate::Result<()>,
    ) -> crate::Result<()> {
        if log.transcript.is_some() {
            return Err(crate::Error::Corrupt(format!(
                "entry {seq}: its messages are in a transcript that is not available here"
            )));
        }
        inline_lines(log, each)
    }
}
