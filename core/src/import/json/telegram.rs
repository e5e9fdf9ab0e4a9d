//! Telegram Desktop's JSON export: one chat (`{"name", "type", "id", "messages": […]}`)
//! or all of an account's data (`{"chats": {"list": [chat, …]}, "left_chats": {…}}`).
//!
//! A message is `{"id", "type": "message", "date": "2024-03-12T21:06:00",
//! "date_unixtime": "1710277560", "from": "Sam", "from_id": "user123", "text": …}`, its
//! text a string or a list of strings and `{"type": "bold", "text": "…"}` pieces; a file it
//! carries is `"photo"` or `"file"` (with `"file_name"`, `"media_type"`), or the note
//! `(File not included. Change data exporting settings to download.)`. A service message
//! (`"type": "service"`) is `{"actor", "action": "phone_call" | "create_group" | …}`: a
//! notice, kept with no sender, its actor named in its text. `date` is the exporting
//! computer's local time; `date_unixtime`, in exports since 2021, is the instant and is
//! preferred.

use std::fmt;
use std::io::Read;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::{MAX_STRING_BYTES, Raw, Sink, file_name, json_error, stop};
use crate::import::ImportError;

/// One message, only the fields read (serde skips the rest without keeping them).
#[derive(Deserialize, Default)]
#[serde(default)]
struct Message {
    #[serde(rename = "type")]
    kind: Option<String>,
    date: Option<String>,
    date_unixtime: Option<String>,
    from: Option<String>,
    from_id: Option<Id>,
    actor: Option<String>,
    action: Option<String>,
    text: Text,
    photo: Option<String>,
    file: Option<String>,
    file_name: Option<String>,
    media_type: Option<String>,
    duration_seconds: Option<i64>,
    discard_reason: Option<String>,
    title: Option<String>,
}

/// An id, written as a string (`"user123"`) since 2021 and as a number before.
struct Id(String);

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Id;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an id")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Id, E> {
                Ok(Id(v.to_owned()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Id, E> {
                Ok(Id(format!("user{v}")))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Id, E> {
                Ok(Id(format!("user{v}")))
            }
        }
        d.deserialize_any(V)
    }
}

/// A message's text: a string, or the pieces of a formatted one, joined.
#[derive(Default)]
struct Text(String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a list of text pieces")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text(v))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Text, E> {
                Ok(Text::default())
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Text, A::Error> {
                let mut out = String::new();
                while let Some(piece) = seq.next_element::<Piece>()? {
                    out.push_str(&piece.0);
                    if out.len() as u64 > MAX_STRING_BYTES {
                        return Err(de::Error::custom(
                            "a message's text is longer than the limit",
                        ));
                    }
                }
                Ok(Text(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// One piece of a formatted text: a string, or an object whose `text` is the string.
struct Piece(String);

impl<'de> Deserialize<'de> for Piece {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Piece;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a text piece")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Piece, E> {
                Ok(Piece(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Piece, E> {
                Ok(Piece(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Piece, A::Error> {
                let mut text = String::new();
                while let Some(key) = map.next_key::<String>()? {
                    if key == "text" {
                        text = map.next_value::<Option<String>>()?.unwrap_or_default();
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(Piece(text))
            }
        }
        d.deserialize_any(V)
    }
}

/// Reads an export, calling `sink` for each chat and wanted message.
pub(super) fn parse(reader: impl Read, sink: &mut dyn Sink) -> Result<(), ImportError> {
    let mut stopped: Option<ImportError> = None;
    let mut de = serde_json::Deserializer::from_reader(reader);
    let mut chats = 0usize;
    let result = Top {
        sink,
        stopped: &mut stopped,
        chats: &mut chats,
    }
    .deserialize(&mut de)
    .and_then(|()| de.end());
    result.map_err(|e| json_error(e, &mut stopped))
}

/// The state the visitors share.
struct Top<'s> {
    sink: &'s mut dyn Sink,
    stopped: &'s mut Option<ImportError>,
    chats: &'s mut usize,
}

seed_is_visitor!(Top, deserialize_map);

impl<'de> Visitor<'de> for Top<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Telegram export")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen_any = false;
        // A single chat's export is the chat object itself.
        let mut name: Option<String> = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "name" => name = map.next_value::<Option<String>>()?,
                "messages" => {
                    seen_any = true;
                    let index = *self.chats;
                    *self.chats += 1;
                    map.next_value_seed(Messages {
                        sink: &mut *self.sink,
                        stopped: &mut *self.stopped,
                        index,
                        name: name.take(),
                    })?;
                }
                "chats" | "left_chats" => {
                    seen_any = true;
                    map.next_value_seed(ChatsObject {
                        sink: &mut *self.sink,
                        stopped: &mut *self.stopped,
                        chats: &mut *self.chats,
                    })?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if !seen_any {
            return Err(stop(
                self.stopped,
                ImportError::NotThisFormat { format: "Telegram" },
            ));
        }
        Ok(())
    }
}

/// `{"about": …, "list": [chat, …]}`.
struct ChatsObject<'s> {
    sink: &'s mut dyn Sink,
    stopped: &'s mut Option<ImportError>,
    chats: &'s mut usize,
}

seed_is_visitor!(ChatsObject, deserialize_map);

impl<'de> Visitor<'de> for ChatsObject<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of chats")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            if key == "list" {
                map.next_value_seed(ChatList {
                    sink: &mut *self.sink,
                    stopped: &mut *self.stopped,
                    chats: &mut *self.chats,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

struct ChatList<'s> {
    sink: &'s mut dyn Sink,
    stopped: &'s mut Option<ImportError>,
    chats: &'s mut usize,
}

seed_is_visitor!(ChatList, deserialize_seq);

impl<'de> Visitor<'de> for ChatList<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of chats")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        loop {
            let index = *self.chats;
            let chat = Chat {
                sink: &mut *self.sink,
                stopped: &mut *self.stopped,
                index,
            };
            if seq.next_element_seed(chat)?.is_none() {
                return Ok(());
            }
            *self.chats += 1;
        }
    }
}

/// One chat of a data export: `{"name", "type", "id", "messages"}`.
struct Chat<'s> {
    sink: &'s mut dyn Sink,
    stopped: &'s mut Option<ImportError>,
    index: usize,
}

seed_is_visitor!(Chat, deserialize_map);

impl<'de> Visitor<'de> for Chat<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a chat")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut name: Option<String> = None;
        let mut had_messages = false;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "name" => name = map.next_value::<Option<String>>()?,
                "messages" => {
                    had_messages = true;
                    map.next_value_seed(Messages {
                        sink: &mut *self.sink,
                        stopped: &mut *self.stopped,
                        index: self.index,
                        name: name.take(),
                    })?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if !had_messages {
            // A chat with no messages listed still counts as a chat.
            let wanted = self.sink.chat(self.index, name.as_deref());
            wanted
                .and_then(|_| self.sink.end_chat(self.index, 0))
                .map_err(|e| stop(self.stopped, e))?;
        }
        Ok(())
    }
}

/// A chat's `messages` array.
struct Messages<'s> {
    sink: &'s mut dyn Sink,
    stopped: &'s mut Option<ImportError>,
    index: usize,
    name: Option<String>,
}

seed_is_visitor!(Messages, deserialize_seq);

impl<'de> Visitor<'de> for Messages<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of messages")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let wanted = self
            .sink
            .chat(self.index, self.name.as_deref())
            .map_err(|e| stop(self.stopped, e))?;
        let mut position = 0usize;
        if wanted {
            while let Some(m) = seq.next_element::<Message>()? {
                position += 1;
                let raw = raw(m, position).map_err(|e| stop(self.stopped, e))?;
                self.sink
                    .message(self.index, raw)
                    .map_err(|e| stop(self.stopped, e))?;
            }
        } else {
            while seq.next_element::<IgnoredAny>()?.is_some() {
                position += 1;
            }
        }
        self.sink
            .end_chat(self.index, position)
            .map_err(|e| stop(self.stopped, e))
    }
}

/// The note Telegram writes in place of a file it did not export.
fn not_exported(path: &str) -> bool {
    path.starts_with('(')
}

fn raw(m: Message, position: usize) -> Result<Raw, ImportError> {
    // Every Telegram message has a type and a date: a list of messages with neither is
    // another app's (Instagram's and Messenger's also sit under "messages").
    if m.kind.is_none() && m.date.is_none() && m.date_unixtime.is_none() {
        return Err(ImportError::NotThisFormat { format: "Telegram" });
    }
    let unix = match m.date_unixtime.as_deref() {
        Some(s) => Some(
            s.trim()
                .parse::<i64>()
                .map_err(|_| ImportError::JsonField {
                    message: position,
                    field: "date_unixtime",
                    reason: "is not a number of seconds",
                })?
                .saturating_mul(1000),
        ),
        None => None,
    };
    let local = match (&unix, m.date.as_deref()) {
        (None, Some(d)) => Some(
            chrono::NaiveDateTime::parse_from_str(d.trim(), "%Y-%m-%dT%H:%M:%S").map_err(|_| {
                ImportError::JsonField {
                    message: position,
                    field: "date",
                    reason: "is not a date and time",
                }
            })?,
        ),
        _ => None,
    };
    let service = m.kind.as_deref() == Some("service");
    if service {
        return Ok(Raw {
            position,
            unix_ms: unix,
            local,
            sender: None,
            text: describe_action(&m),
            notice: true,
            ..Raw::default()
        });
    }
    let mut media = Vec::new();
    if let Some(photo) = m.photo.as_deref() {
        media.push((
            if not_exported(photo) {
                "photo".to_owned()
            } else {
                file_name(photo)
            },
            false,
        ));
    }
    if let Some(file) = m.file.as_deref() {
        let name = match (m.file_name.as_deref(), not_exported(file)) {
            (Some(n), _) if !n.is_empty() => n.to_owned(),
            (_, false) => file_name(file),
            _ => m.media_type.clone().unwrap_or_else(|| "file".to_owned()),
        };
        media.push((name, false));
    }
    let sender = m
        .from
        .or(m.from_id.map(|id| id.0))
        .filter(|s| !s.trim().is_empty());
    Ok(Raw {
        position,
        unix_ms: unix,
        local,
        notice: sender.is_none(),
        sender,
        text: m.text.0,
        media,
        ..Raw::default()
    })
}

/// A service message in words, naming who did it ("Sam called (missed)").
fn describe_action(m: &Message) -> String {
    let actor = m
        .actor
        .as_deref()
        .or(m.from.as_deref())
        .unwrap_or("Someone");
    let title = m
        .title
        .as_deref()
        .map(|t| format!(" \u{201C}{t}\u{201D}"))
        .unwrap_or_default();
    let what = match m.action.as_deref().unwrap_or("") {
        "phone_call" | "group_call" => {
            let mut s = String::from("called");
            if let Some(reason) = m.discard_reason.as_deref() {
                s.push_str(match reason {
                    "missed" => " (missed)",
                    "busy" => " (busy)",
                    "hangup" => " (hung up)",
                    "disconnect" => " (disconnected)",
                    _ => "",
                });
            }
            if let Some(d) = m.duration_seconds.filter(|d| *d > 0) {
                s.push_str(&format!(", {}:{:02}", d / 60, d % 60));
            }
            s
        }
        "create_group" | "create_channel" => format!("created the group{title}"),
        "edit_group_title" => format!("changed the group's name to{title}"),
        "edit_group_photo" => "changed the group's photo".to_owned(),
        "delete_group_photo" => "removed the group's photo".to_owned(),
        "invite_members" => "added members".to_owned(),
        "remove_members" => "removed members".to_owned(),
        "join_group_by_link" => "joined by an invite link".to_owned(),
        "pin_message" => "pinned a message".to_owned(),
        "clear_history" => "cleared the history".to_owned(),
        "set_messages_ttl" => "changed the auto-delete timer".to_owned(),
        "score_in_game" => "scored in a game".to_owned(),
        other if !other.is_empty() => format!("did “{other}”"),
        _ => "did something the export does not name".to_owned(),
    };
    let text = m.text.0.trim();
    if text.is_empty() {
        format!("{actor} {what}")
    } else {
        format!("{actor} {what}: {text}")
    }
}
