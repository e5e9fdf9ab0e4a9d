//! Imports: WhatsApp chat exports, SMS Backup & Restore XML, and Telegram, Instagram and
//! Messenger JSON exports, parsed and brought into the diary as message logs.
//!
//! The parsers ([`whatsapp`], [`sms`], [`json`]) are pure and defensive: they touch
//! nothing, read their input as a stream, and refuse hostile or malformed input with an
//! [`ImportError`] that says where the problem is without quoting the content; each is
//! bounded in memory and time and never panics on input. [`preview`] tells an import
//! wizard what a file is and holds, writing nothing; the importers (`into_diary`) decide
//! what is written — everything vetted first, then stored, then one entry appended.

pub mod error;
mod into_diary;
pub mod json;
mod lines;
pub mod preview;
pub mod sms;
pub mod whatsapp;

pub use self::error::ImportError;
pub(crate) use self::into_diary::display_name;
pub use self::into_diary::{
    ImportFailure, ImportSummary, JsonImport, SMS_OWN_SENDER, SmsImport, WhatsAppImport,
    device_time_zone, parse_time_zone,
};
pub use self::preview::{ImportFormat, ImportPreview, PreviewOptions, detect, preview};
pub use self::sms::{CallKind, Direction, MmsPart, SmsFilter, SmsItem, SmsStats, parse_sms_backup};
pub use self::whatsapp::{
    ChatInspection, ChatMessage, DateOrder, Layout, MessageKind, OrderBasis, ParsedChat,
    SenderCount, WhatsAppOptions, chat_file_name_in_zip, inspect_whatsapp, match_media,
    parse_whatsapp, parse_whatsapp_bytes, read_whatsapp,
};
