//! Imports: WhatsApp chat exports, SMS Backup & Restore XML, images.
//!
//! Pure, defensive parsers of what victims bring in: no diary code here (the diary maps
//! these results into entries). Every parser is bounded in memory and time, never panics
//! on input, and refuses hostile or malformed input with an [`ImportError`] that says
//! where the problem is without quoting the content.

pub mod error;
pub mod image;
pub mod sms;
pub mod whatsapp;

pub use self::error::ImportError;
pub use self::image::{Gps, ImageInfo, ImageLimits, inspect_image};
pub use self::sms::{CallKind, Direction, MmsPart, SmsFilter, SmsItem, SmsStats, parse_sms_backup};
pub use self::whatsapp::{
    ChatMessage, DateOrder, Layout, MessageKind, ParsedChat, WhatsAppOptions,
    chat_file_name_in_zip, match_media, parse_whatsapp, parse_whatsapp_bytes,
};
