//! Instagram's and Facebook Messenger's "Download your information" message files
//! (`messages/inbox/<chat>/message_1.json`): `{"participants": [{"name"}], "messages":
//! [{"sender_name", "timestamp_ms", "content", "photos": [{"uri"}], "videos", "audio_files",
//! "gifs", "files", "sticker": {"uri"}, "share": {"link"}, "is_unsent", "type"}], "title"}`,
//! newest message first. Every string is garbled the same way ([`super::mojibake`]) and
//! repaired here. Files are referred to by their path in the download; the message file
//! alone does not hold them, so each is kept by its name as left out. `"type":
//! "Subscribe"` and `"Unsubscribe"` (someone joined or left a group) are notices.
//!
//! The first reading notes where each message starts; the second reads the messages
//! back to front through those places ([`parse_backwards`]) so that they are kept oldest
//! first, as every other import keeps them.

use std::cell::Cell;
use std::fmt;
use std::io::{Read, Seek, SeekFrom};

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::mojibake::repair;
use super::{Raw, Sink, file_name, json_error, stop};
use crate::import::ImportError;

/// Files one message may list (a message holds at most a few dozen).
const MAX_FILES: usize = 1_000;

#[derive(Deserialize, Default)]
#[serde(default)]
struct Message {
    sender_name: Option<String>,
    timestamp_ms: Option<i64>,
    content: Option<String>,
    photos: Files,
    videos: Files,
    audio_files: Files,
    gifs: Files,
    files: Files,
    sticker: Option<Uri>,
    share: Option<Share>,
    is_unsent: Option<bool>,
    #[serde(rename = "type")]
    kind: Option<String>,
}

/// A message as only an object may write it (a struct would otherwise also read from a
/// list of its fields, and the second reading finds messages by their opening brace).
struct Object(Message);

impl<'de> Deserialize<'de> for Object {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Object;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a message")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Object, A::Error> {
                Message::deserialize(de::value::MapAccessDeserializer::new(map)).map(Object)
            }
        }
        d.deserialize_map(V)
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Uri {
    uri: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Share {
    link: Option<String>,
}

/// A list of files, refused beyond [`MAX_FILES`].
#[derive(Default)]
struct Files(Vec<Uri>);

impl<'de> Deserialize<'de> for Files {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Files;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of files")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Files, E> {
                Ok(Files::default())
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Files, A::Error> {
                let mut out = Vec::new();
                while let Some(u) = seq.next_element::<Uri>()? {
                    if out.len() >= MAX_FILES {
                        return Err(de::Error::custom("a message lists too many files"));
                    }
                    out.push(u);
                }
                Ok(Files(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// Bytes read at once when reading a file back to front.
const WINDOW: u64 = 512 * 1024;

/// Reads a message file, calling `sink` for its one chat and each message, and marking
/// where each message starts by `read`, the count of bytes read from the file so far.
pub(super) fn parse(
    reader: impl Read,
    read: &Cell<u64>,
    sink: &mut dyn Sink,
) -> Result<(), ImportError> {
    let mut stopped: Option<ImportError> = None;
    let mut de = serde_json::Deserializer::from_reader(reader);
    let result = Top {
        sink,
        stopped: &mut stopped,
        read,
    }
    .deserialize(&mut de)
    .and_then(|()| de.end());
    result.map_err(|e| json_error(e, &mut stopped))
}

struct Top<'s> {
    sink: &'s mut dyn Sink,
    stopped: &'s mut Option<ImportError>,
    read: &'s Cell<u64>,
}

seed_is_visitor!(Top, deserialize_map);

impl<'de> Visitor<'de> for Top<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a message file")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut title: Option<String> = None;
        let mut had_messages = false;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "title" => {
                    title = map
                        .next_value::<Option<String>>()?
                        .map(|t| repair(&t).into_owned());
                }
                "messages" => {
                    had_messages = true;
                    map.next_value_seed(Messages {
                        sink: &mut *self.sink,
                        stopped: &mut *self.stopped,
                        title: title.clone(),
                        read: self.read,
                    })?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if !had_messages {
            return Err(stop(
                self.stopped,
                ImportError::NotThisFormat {
                    format: "Instagram or Messenger",
                },
            ));
        }
        Ok(())
    }
}

struct Messages<'s> {
    sink: &'s mut dyn Sink,
    stopped: &'s mut Option<ImportError>,
    title: Option<String>,
    read: &'s Cell<u64>,
}

seed_is_visitor!(Messages, deserialize_seq);

impl<'de> Visitor<'de> for Messages<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of messages")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.sink
            .chat(0, self.title.as_deref())
            .map_err(|e| stop(self.stopped, e))?;
        let mut position = 0usize;
        loop {
            self.sink
                .mark(self.read.get())
                .map_err(|e| stop(self.stopped, e))?;
            let Some(Object(m)) = seq.next_element::<Object>()? else {
                break;
            };
            position += 1;
            let raw = raw(m, position).map_err(|e| stop(self.stopped, e))?;
            self.sink
                .message(0, raw)
                .map_err(|e| stop(self.stopped, e))?;
        }
        self.sink
            .end_chat(0, position)
            .map_err(|e| stop(self.stopped, e))
    }
}

/// Reads the messages of a message file last to first, by `marks`: where the first
/// reading found each message to start and the last to end. The file is read a window
/// of messages at a time (a message is at most [`super::MAX_MESSAGE_BYTES`], as the first
/// reading checked), so memory stays that of one window however long the file is. Any
/// difference from what the first reading found is [`ImportError::Changed`].
pub(super) fn parse_backwards<R: Read + Seek>(
    mut reader: R,
    marks: &[u64],
    sink: &mut dyn Sink,
) -> Result<(), ImportError> {
    let count = marks.len().saturating_sub(1);
    let start = |k: usize| marks.get(k).map(|m| m.saturating_sub(1));
    let end = |k: usize| marks.get(k + 1).copied();
    let mut window = Vec::new();
    let mut upto = count;
    while upto > 0 {
        let last = upto - 1;
        let hi = end(last).ok_or(ImportError::Changed)?;
        let mut from = last;
        while from > 0 && start(from - 1).is_some_and(|s| hi - s <= WINDOW) {
            from -= 1;
        }
        let lo = start(from).ok_or(ImportError::Changed)?;
        reader.seek(SeekFrom::Start(lo))?;
        window.clear();
        reader.by_ref().take(hi - lo).read_to_end(&mut window)?;
        if window.len() as u64 != hi - lo {
            return Err(ImportError::Changed);
        }
        for k in (from..upto).rev() {
            let (a, b) = (
                start(k).ok_or(ImportError::Changed)? - lo,
                end(k).ok_or(ImportError::Changed)? - lo,
            );
            let bytes = window
                .get(a as usize..b as usize)
                .ok_or(ImportError::Changed)?;
            // The place noted may fall before the message's opening brace, on what
            // separates it from the one before.
            let at = bytes
                .iter()
                .position(|&b| b == b'{')
                .ok_or(ImportError::Changed)?;
            let mut de = serde_json::Deserializer::from_slice(bytes.get(at..).unwrap_or_default());
            let Object(m) = Object::deserialize(&mut de).map_err(|_| ImportError::Changed)?;
            sink.message(0, raw(m, k + 1)?)?;
        }
        upto = from;
    }
    Ok(())
}

fn raw(m: Message, position: usize) -> Result<Raw, ImportError> {
    let unix_ms = Some(m.timestamp_ms.ok_or(ImportError::JsonField {
        message: position,
        field: "timestamp_ms",
        reason: "is missing",
    })?);
    let sender = m
        .sender_name
        .map(|s| repair(&s).into_owned())
        .filter(|s| !s.trim().is_empty());
    let mut text = m
        .content
        .map(|c| repair(&c).into_owned())
        .unwrap_or_default();
    if let Some(link) = m
        .share
        .and_then(|s| s.link)
        .map(|l| repair(&l).into_owned())
        && !text.contains(&link)
    {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&link);
    }
    let media: Vec<(String, bool)> = [m.photos, m.videos, m.audio_files, m.gifs, m.files]
        .into_iter()
        .flat_map(|f| f.0)
        .chain(m.sticker)
        .filter_map(|u| u.uri)
        .map(|uri| (file_name(&repair(&uri)), false))
        .collect();
    let membership = matches!(m.kind.as_deref(), Some("Subscribe" | "Unsubscribe"));
    Ok(Raw {
        position,
        unix_ms,
        local: None,
        notice: membership || sender.is_none(),
        sender: if membership { None } else { sender },
        text,
        deleted: m.is_unsent == Some(true),
        media,
    })
}
