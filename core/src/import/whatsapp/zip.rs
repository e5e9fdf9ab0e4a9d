//! The members of a WhatsApp zip export: which one is the chat, and which hold the media
//! its messages name.

use std::collections::HashMap;

use super::{MessageKind, ParsedChat};

/// The last path component of a zip member name (`/` or `\` separated).
pub(crate) fn base_name(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}

/// macOS resource forks and folders, never the chat.
fn usable(name: &str) -> bool {
    !name.starts_with("__MACOSX/") && !base_name(name).starts_with("._") && !name.ends_with('/')
}

/// Picks the chat text among a WhatsApp zip export's member names.
///
/// iPhones name it `_chat.txt`; Android phones name it after the chat in the phone's
/// language (`WhatsApp Chat with Sam.txt`, `Chat de WhatsApp con Sam.txt`, `Чат WhatsApp
/// с Sam.txt`, `WhatsApp-chat met Sam.txt` …), so a `.txt` naming WhatsApp comes next,
/// then the only `.txt` there is. If more than one member matches at the same rank the
/// choice is ambiguous and `None` is returned (the user must pick), as it is when nothing
/// matches.
pub fn chat_file_name_in_zip(names: &[String]) -> Option<&str> {
    let is_txt = |n: &&String| base_name(n).to_lowercase().ends_with(".txt");
    let ranks: [&dyn Fn(&&String) -> bool; 3] = [
        &|n| base_name(n) == "_chat.txt",
        &|n| is_txt(n) && base_name(n).to_lowercase().contains("whatsapp"),
        &|n| is_txt(n),
    ];
    for rank in ranks {
        let mut found = names.iter().filter(|n| usable(n)).filter(|n| rank(n));
        if let Some(first) = found.next() {
            return if found.next().is_some() {
                None
            } else {
                Some(first.as_str())
            };
        }
    }
    None
}

/// Pairs each message carrying attached media with the zip member of that file name.
///
/// A member matches when its last path component equals the name written in the chat
/// (WhatsApp writes the same name into the chat and the zip). Messages whose file is not
/// in the zip are left out; the first member of a given name wins.
pub fn match_media(chat: &ParsedChat, names: &[String]) -> Vec<(usize, String)> {
    let index = MediaIndex::new(names);
    chat.messages
        .iter()
        .enumerate()
        .filter_map(|(i, m)| match &m.kind {
            MessageKind::Media { file_name } => index.member(file_name).map(|s| (i, s.to_owned())),
            _ => None,
        })
        .collect()
}

/// Zip members by base name, for pairing media as messages stream past.
pub(crate) struct MediaIndex<'a> {
    by_base: HashMap<&'a str, &'a str>,
}

impl<'a> MediaIndex<'a> {
    pub(crate) fn new(names: &'a [String]) -> Self {
        let mut by_base = HashMap::new();
        for name in names.iter().filter(|n| usable(n)) {
            by_base.entry(base_name(name)).or_insert(name.as_str());
        }
        MediaIndex { by_base }
    }

    /// The member holding `file_name`, if the zip has it.
    pub(crate) fn member(&self, file_name: &str) -> Option<&'a str> {
        self.by_base.get(file_name).copied()
    }
}
