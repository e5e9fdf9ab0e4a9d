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

pub use error::ImportError;
pub use image::{Gps, ImageInfo, ImageLimits, inspect_image};
pub use sms::{CallKind, Direction, MmsPart, SmsFilter, SmsItem, SmsStats, parse_sms_backup};
pub use whatsapp::{
    ChatMessage, DateOrder, Layout, MessageKind, ParsedChat, WhatsAppOptions,
    chat_file_name_in_zip, match_media, parse_whatsapp, parse_whatsapp_bytes,
};
