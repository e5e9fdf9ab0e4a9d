//! What follows a header: who wrote the message (if anyone) and what kind of message it
//! is.
//!
//! The rules, in order, for `Name: text` after a header:
//!
//! 1. A line without `": "` (and not ending in `:`) has no sender: it is a notice
//!    (`Sam added Jo`, `You created group "Family"`), and no rule below gives it one —
//!    unless the part before its first `:` is, letter for letter, someone who sends
//!    messages elsewhere in the same export (`John Doe:.`, a message without the space).
//! 2. `Name:` with nothing after it is an empty message from Name.
//! 3. The part before the first `": "` is not a name when it is empty, longer than a name,
//!    opens a quotation it does not close (`Sam changed the subject to "Re: Friday"`), or
//!    when the whole line is one of WhatsApp's notices whose own words hold a colon.
//! 4. After a name, WhatsApp's placeholders keep the sender: media left out (with the
//!    document's title where given), media attached (with its file name), deleted
//!    messages.
//! 5. Missed calls and notices are nobody's message: on an iPhone the name beside them
//!    is the chat's, not the caller's or the actor's. A notice is recognised when its
//!    text is one of WhatsApp's notices and WhatsApp marked it as its own (U+200E or
//!    U+200F before it), or, for the encryption and security-code notices, always.

use super::MessageKind;
use super::header::is_mark;
use super::phrases::{self, Placeholder};

/// A "sender" longer than this is not a name: the `": "` belongs to a notice's text.
const MAX_SENDER_BYTES: usize = 256;

/// Quotation marks that open or close a quoted subject in notices.
const QUOTES: &[char] = &['"', '“', '”', '„', '«', '»', '「', '」', '『', '』'];

/// Who wrote a message and what it is.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Read<'a> {
    /// The sender's name, marks removed; `None` for notices.
    pub sender: Option<String>,
    /// The message's first line, without the marks WhatsApp puts before it.
    pub text: &'a str,
    /// What kind of message it is.
    pub kind: MessageKind,
}

/// The name before a `:` that no space follows (`John Doe:.`), when the line has no
/// `": "`: a sender only if the export knows them as one (rule 1).
pub(super) fn bare_colon_name(rest: &str) -> Option<String> {
    if rest.contains(": ") {
        return None;
    }
    let (raw, _) = rest.split_once(':')?;
    let name = clean_sender(raw);
    (!name.is_empty() && raw.len() <= MAX_SENDER_BYTES && !raw.contains(QUOTES)).then_some(name)
}

/// Reads the part of a message's first line after its header. `known` says whether a
/// name sends messages elsewhere in the export (for rule 1's exception).
pub(super) fn read<'a>(rest: &'a str, known: &dyn Fn(&str) -> bool) -> Read<'a> {
    let (raw_sender, text) = match rest.find(": ") {
        Some(colon) => (
            rest.get(..colon).unwrap_or_default(),
            rest.get(colon + 2..).unwrap_or_default(),
        ),
        None => match rest.trim_end().strip_suffix(':') {
            Some(name) => (name, ""),
            None => match bare_colon_name(rest) {
                Some(name) if known(&name) => {
                    let (raw, text) = rest.split_once(':').unwrap_or((rest, ""));
                    (raw, text)
                }
                _ => return notice(rest),
            },
        },
    };
    let name = clean_sender(raw_sender);
    if name.is_empty()
        || raw_sender.len() > MAX_SENDER_BYTES
        || raw_sender.chars().filter(|c| QUOTES.contains(c)).count() % 2 == 1
        || phrases::is_notice_line(rest)
    {
        return notice(rest);
    }
    let generated = text.starts_with(['\u{200E}', '\u{200F}']);
    let text = strip_leading_marks(text);
    let first_line = text.split('\n').next().unwrap_or_default();
    let kind = match phrases::placeholder(first_line) {
        Some(Placeholder::MissedCall) => return notice(text),
        Some(Placeholder::Omitted(file_name)) => MessageKind::MediaOmitted { file_name },
        Some(Placeholder::Attached(file_name)) => MessageKind::Media { file_name },
        Some(Placeholder::Deleted) => MessageKind::Deleted,
        None => {
            if phrases::is_strong_notice(first_line)
                || (generated && phrases::is_notice(first_line))
            {
                return notice(text);
            }
            MessageKind::Text
        }
    };
    Read {
        sender: Some(name),
        text,
        kind,
    }
}

/// A notice: nobody's message.
fn notice(text: &str) -> Read<'_> {
    Read {
        sender: None,
        text: strip_leading_marks(text),
        kind: MessageKind::System,
    }
}

/// The text without the marks WhatsApp writes before generated texts.
pub(super) fn strip_leading_marks(text: &str) -> &str {
    text.trim_start_matches(is_mark)
}

/// A sender's name as shown: marks removed, no-break spaces made plain (WhatsApp writes
/// phone numbers with U+00A0 between the groups), trimmed.
fn clean_sender(raw: &str) -> String {
    let name: String = raw
        .chars()
        .filter(|&c| !is_mark(c))
        .map(|c| {
            if matches!(c, '\u{A0}' | '\u{202F}') {
                ' '
            } else {
                c
            }
        })
        .collect();
    name.trim().to_owned()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn read(rest: &str) -> Read<'_> {
        super::read(rest, &|_| false)
    }

    fn sender(rest: &str) -> Option<String> {
        read(rest).sender
    }

    #[test]
    fn notices_have_no_sender_in_any_language() {
        for rest in [
            "Sam added Jo",
            "Sam changed the subject from \"x\" to \"Re: you\"",
            "Marie a créé le groupe « Famille : été »",
            "\u{200E}Keith Hill changed the subject to “Re: Boys”",
            "Elon Musk: \u{200E}Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt. Niemand \
             außerhalb dieses Chats kann sie lesen oder anhören, nicht einmal WhatsApp.",
            "Elon Musk: \u{200E}\u{200E}Deine Sicherheitsnummer für Elon hat sich geändert. \
             \u{200E}Tippe, um mehr zu erfahren.",
            "Elon Musk: \u{200E}Missed voice call",
            "Charan Clg: Missed voice call",
            "Dmitry: \u{200E}Verpasster Videoanruf",
            "Family: Messages and calls are end-to-end encrypted. No one outside of this chat, \
             not even WhatsApp, can read or listen to them.",
            ": orphan",
        ] {
            let r = read(rest);
            assert_eq!(
                (r.sender, &r.kind),
                (None, &MessageKind::System),
                "{rest:?}"
            );
        }
    }

    #[test]
    fn the_notice_text_loses_the_chat_name_and_the_marks() {
        assert_eq!(
            read("Elon Musk: \u{200E}Missed voice call").text,
            "Missed voice call"
        );
        assert_eq!(read("\u{200E}Sam added Jo").text, "Sam added Jo");
    }

    #[test]
    fn people_keep_their_messages_and_placeholders() {
        assert_eq!(sender("Sam: hello"), Some("Sam".into()));
        assert_eq!(
            sender("\u{200E}\u{202A}+44\u{A0}7700\u{A0}900123\u{202C}: hi"),
            Some("+44 7700 900123".into())
        );
        let r = read("Carol:");
        assert_eq!(
            (r.sender.as_deref(), r.text, r.kind),
            (Some("Carol"), "", MessageKind::Text)
        );
        let r = read("Bob: \u{200E}How about Locations?");
        assert_eq!(
            (r.sender.as_deref(), r.text, r.kind),
            (Some("Bob"), "How about Locations?", MessageKind::Text)
        );
        let r = read("Dmitry S: \u{200E}Bild weggelassen");
        assert_eq!(r.kind, MessageKind::MediaOmitted { file_name: None });
        let r = read("Elon Musk: \u{200E}Diese Nachricht wurde gelöscht.");
        assert_eq!(
            (r.sender.as_deref(), r.kind),
            (Some("Elon Musk"), MessageKind::Deleted)
        );
        let r = read("Sam: I think he left");
        assert_eq!(r.kind, MessageKind::Text);
        let r = read("Sam: Messages and calls are end-to-end encrypted, right?");
        assert_eq!(r.kind, MessageKind::Text);
    }

    #[test]
    fn a_colon_without_a_space_is_a_message_only_from_a_known_sender() {
        let john = |n: &str| n == "John Doe";
        let r = super::read("John Doe:.", &john);
        assert_eq!((r.sender.as_deref(), r.text), (Some("John Doe"), "."));
        assert_eq!(super::read("Meeting:10am", &john).sender, None);
        assert_eq!(super::read("John Doe:.", &|_| false).sender, None);
    }
}
