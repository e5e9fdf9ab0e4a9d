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

/// Helpers the parsers' property tests share.
#[cfg(test)]
pub(crate) mod test_support {
    /// Applies byte edits to a valid input (overwrite, insert, delete, truncate), so the
    /// property tests explore near-valid files, where parser bugs hide.
    pub(crate) fn mutate(base: &[u8], edits: &[(usize, u8, u8)]) -> Vec<u8> {
        let mut v = base.to_vec();
        for &(pos, byte, op) in edits {
            if v.is_empty() {
                v.push(byte);
                continue;
            }
            let i = pos % v.len();
            match op % 4 {
                0 => v[i] = byte,
                1 => v.insert(i, byte),
                2 => {
                    v.remove(i);
                }
                _ => v.truncate(i),
            }
        }
        v
    }
}
