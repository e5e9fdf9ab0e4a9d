//! Imported conversations: a chat export or an SMS backup, kept message by message, with
//! the original export stored byte for byte as an attachment.

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
}

impl MessageSource {
    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            MessageSource::Whatsapp => "whatsapp",
            MessageSource::Sms => "sms",
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
    /// A photo, video or other file that was not included in the export.
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
    /// The messages, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub messages: Vec<LoggedMessage>,
    /// Calls, for call-log backups.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub calls: Vec<CallRecord>,
    /// Media files from the export, kept as attachments.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<AttachmentRef>,
}
