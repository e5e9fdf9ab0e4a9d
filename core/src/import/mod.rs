//! Imports: WhatsApp chat exports and SMS Backup & Restore XML, parsed and brought into the
//! diary.
//!
//! The parsers are pure and defensive: they touch nothing, and [`into_diary`] decides what
//! is written (everything vetted first, then stored, then one entry appended). Every parser is bounded in memory and time, never panics
//! on input, and refuses hostile or malformed input with an [`ImportError`] that says
//! where the problem is without quoting the content.

pub mod error;
mod into_diary;
mod lines;
pub mod sms;
pub mod whatsapp;

pub use self::error::ImportError;
pub use self::into_diary::{
    ImportFailure, ImportSummary, SMS_OWN_SENDER, SmsImport, WhatsAppImport, device_time_zone,
    parse_time_zone,
};
pub use self::sms::{CallKind, Direction, MmsPart, SmsFilter, SmsItem, SmsStats, parse_sms_backup};
pub use self::whatsapp::{
    ChatInspection, ChatMessage, DateOrder, Layout, MessageKind, OrderBasis, ParsedChat,
    SenderCount, WhatsAppOptions, chat_file_name_in_zip, inspect_whatsapp, match_media,
    parse_whatsapp, parse_whatsapp_bytes, read_whatsapp,
};
