//! Imports into the diary: a WhatsApp chat export or an SMS Backup & Restore file becomes
//! one message-log entry, with the original export stored byte for byte beside it.
//!
//! The parsers beside this module touch nothing; this module decides what is
//! written, and in which order, so that a refused import leaves no trace:
//!
//! 1. **Parse and vet everything first.** The chat text is parsed completely; every media
//!    file the chat refers to is inflated once through [`SafeZip`] (limits, CRC) and
//!    hashed; an SMS backup is read once from start to end by the streaming parser, which
//!    keeps only counts (so a 200 MB backup is vetted in bounded memory). Any error here
//!    returns before the first byte is written: same entries, same file bytes.
//! 2. **Store.** The original export is streamed into an attachment; the media follow; an
//!    SMS backup is read a second time, this time storing MMS media and collecting the
//!    kept messages and calls. Each stored file's SHA-256 is compared with the one taken in
//!    step 1, and the second SMS pass must find exactly what the first found: a file that
//!    changed on disk between the passes is refused ([`ImportFailure::Changed`]).
//! 3. **Append one message-log entry.**
//!
//! Attachments are committed one by one (each is its own transaction, see `attach.rs`). If
//! step 2 or 3 fails — the disk fills, the file changes underfoot, the user cancels — the
//! blobs already stored stay in the file without an entry referring to them. They are
//! harmless: sealed, invisible to every reader and check, and stored only once, so a
//! retried import reuses them instead of storing them again.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{BufReader, Read, Write};
use std::path::Path;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use chrono::{DateTime, FixedOffset};
use chrono_tz::Tz;

use super::whatsapp::MAX_INPUT_BYTES;
use super::{
    CallKind, DateOrder, Direction, ImportError, MessageKind, ParsedChat, SmsFilter, SmsItem,
    WhatsAppOptions, chat_file_name_in_zip, match_media, parse_sms_backup, parse_whatsapp_bytes,
};
use crate::diary::{AttachOptions, Diary, apply_image_info, is_image_type, sniff_media_type};
use crate::error::Error;
use crate::media::{ImageInfo, ImageLimits, inspect_image};
use crate::model::{
    AttachmentRef, CallRecord, LoggedMessage, MessageLog, MessageSource, MessageStatus,
};
use crate::progress::Progress;
use crate::safe_zip::{SafeZip, SafeZipError, ZipLimits};

/// The first bytes of a zip file (a local file header, APPNOTE.TXT 4.3.7).
const ZIP_MAGIC: &[u8; 4] = b"PK\x03\x04";

/// The sender written for messages an SMS backup marks as sent from the victim's phone:
/// the backup names only the other party, and `sender` must say who wrote the message.
pub const SMS_OWN_SENDER: &str = "me";

/// What the user says about a WhatsApp export.
#[derive(Debug, Clone, Default)]
pub struct WhatsAppImport {
    /// The senders whose messages matter (matched case-insensitively against the names in
    /// the chat). Everyone else's messages are kept for context, not chosen.
    pub senders: Vec<String>,
    /// How to read the dates, when no date in the file proves it.
    pub date_order: Option<DateOrder>,
    /// The time zone of the phone that exported the chat; `None` for this device's zone
    /// ([`device_time_zone`]).
    pub time_zone: Option<Tz>,
    /// The person entries this conversation is with.
    pub people: Vec<u64>,
}

/// What the user says about an SMS Backup & Restore file.
#[derive(Debug, Clone, Default)]
pub struct SmsImport {
    /// The numbers (or sender names) to keep; empty keeps everything. Matching rules:
    /// [`SmsFilter`].
    pub addresses: Vec<String>,
    /// The person entries this conversation is with.
    pub people: Vec<u64>,
}

/// What an import recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportSummary {
    /// The new message-log entry's number.
    pub seq: u64,
    /// Messages in the entry.
    pub messages: usize,
    /// Calls in the entry (SMS Backup & Restore call logs).
    pub calls: usize,
    /// WhatsApp: the senders, in order of first appearance. SMS: the other parties'
    /// numbers, in order of first appearance.
    pub senders: Vec<String>,
    /// The earliest message or call.
    pub first: Option<DateTime<FixedOffset>>,
    /// The latest message or call.
    pub last: Option<DateTime<FixedOffset>>,
    /// Media files stored as attachments.
    pub media: usize,
}

/// Why an import was refused. Messages name the file, line, member or field, never the
/// content of a message.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ImportFailure {
    /// The export itself is malformed, hostile or ambiguous.
    #[error("{file}: {source}")]
    Parse {
        /// The file's name.
        file: String,
        /// What the parser found.
        source: ImportError,
    },
    /// A zip export was refused by the defensive zip reader.
    #[error("{file}: {source}")]
    Zip {
        /// The file's name.
        file: String,
        /// What the zip reader found.
        source: SafeZipError,
    },
    /// A zip that holds no WhatsApp chat text, or more than one.
    #[error(
        "{file}: no single WhatsApp chat in this zip (expected one `_chat.txt` or \
         `WhatsApp Chat with ….txt`)"
    )]
    NoChatInZip {
        /// The file's name.
        file: String,
    },
    /// A `--sender` that is not in the chat.
    #[error("no sender named {name:?} in this chat; its senders are: {}", found.join(", "))]
    UnknownSender {
        /// The name asked for.
        name: String,
        /// The senders the chat has.
        found: Vec<String>,
    },
    /// Nothing in the backup matched the numbers asked for.
    #[error("{file}: no messages or calls with those numbers")]
    NothingToImport {
        /// The file's name.
        file: String,
    },
    /// The file changed on disk between the vetting pass and the storing pass.
    #[error("{file}: the file changed while it was being imported; no entry was recorded")]
    Changed {
        /// The file's name.
        file: String,
    },
    /// A `--tz` that is not an IANA time zone name.
    #[error("unknown time zone {0:?}: give an IANA name such as Europe/London")]
    UnknownTimeZone(String),
    /// The file could not be read.
    #[error("{file}: {source}")]
    Io {
        /// The file's name.
        file: String,
        /// What went wrong.
        source: std::io::Error,
    },
    /// The diary refused or failed to store it.
    #[error(transparent)]
    Diary(#[from] Error),
}

/// Parses an IANA time zone name (`Europe/London`, `UTC`).
pub fn parse_time_zone(name: &str) -> Result<Tz, ImportFailure> {
    name.trim()
        .parse::<Tz>()
        .map_err(|_| ImportFailure::UnknownTimeZone(name.to_owned()))
}

/// This device's time zone, for reading the local times of a chat exported on it.
///
/// In order: the `TZ` environment variable when it holds an IANA name (`Europe/London`,
/// `:Europe/London`, or a path ending in `zoneinfo/Europe/London`; POSIX rules such as
/// `GMT0BST` are not understood and skipped); the target of the `/etc/localtime` link;
/// the name in `/etc/timezone`; otherwise UTC. Mobile apps pass the zone explicitly.
pub fn device_time_zone() -> Tz {
    fn from_name(name: &str) -> Option<Tz> {
        let name = name.trim().trim_start_matches(':');
        let name = name.rsplit_once("zoneinfo/").map_or(name, |(_, n)| n);
        name.parse().ok()
    }
    std::env::var("TZ")
        .ok()
        .and_then(|tz| from_name(&tz))
        .or_else(|| {
            std::fs::read_link("/etc/localtime")
                .ok()
                .and_then(|target| from_name(&target.to_string_lossy()))
        })
        .or_else(|| {
            std::fs::read_to_string("/etc/timezone")
                .ok()
                .and_then(|s| from_name(&s))
        })
        .unwrap_or(Tz::UTC)
}

/// A media file of a zip export, vetted in the first pass.
struct PlannedMedia {
    member: String,
    sha256: String,
    /// What the image says about itself; `None` for non-images and for images that fail
    /// inspection (kept as plain files: a broken photo sent by a stalker is still evidence).
    image: Option<ImageInfo>,
    media_type: Option<&'static str>,
}

impl Diary {
    /// Imports a WhatsApp chat export (`.txt`, or `.zip` with media — told apart by the
    /// zip signature, not the name) as one message-log entry; see the module doc for the
    /// order of work and why a refused import changes nothing.
    pub fn import_whatsapp(
        &mut self,
        path: &Path,
        options: &WhatsAppImport,
        progress: &dyn Progress,
    ) -> Result<ImportSummary, ImportFailure> {
        let file = display_name(path);
        let io = |source| ImportFailure::Io {
            file: file.clone(),
            source,
        };
        let parse = |source| ImportFailure::Parse {
            file: file.clone(),
            source,
        };
        let parse_options = WhatsAppOptions {
            date_order: options.date_order,
            time_zone: options.time_zone.unwrap_or_else(device_time_zone),
        };

        // Pass 1: parse and vet; nothing is written.
        let mut head = Vec::new();
        File::open(path)
            .and_then(|f| f.take(4).read_to_end(&mut head))
            .map_err(io)?;
        let is_zip = head.as_slice() == ZIP_MAGIC;
        let (original_sha, chat, mut zip, planned) = if is_zip {
            let original_sha = sha256_of_file(path).map_err(io)?;
            let zip_error = |source| ImportFailure::Zip {
                file: file.clone(),
                source,
            };
            let mut zip = SafeZip::open(path, ZipLimits::default()).map_err(zip_error)?;
            let names = zip.names();
            let chat_name = chat_file_name_in_zip(&names)
                .ok_or_else(|| ImportFailure::NoChatInZip { file: file.clone() })?
                .to_owned();
            let text = zip
                .read_member(&chat_name, MAX_INPUT_BYTES as u64)
                .map_err(zip_error)?;
            let chat = parse_whatsapp_bytes(&text, &parse_options).map_err(parse)?;
            drop(text);
            let planned = vet_media(&mut zip, &chat, &names, progress).map_err(zip_error)?;
            (original_sha, chat, Some(zip), planned)
        } else {
            let size = std::fs::metadata(path).map_err(io)?.len();
            if size > MAX_INPUT_BYTES as u64 {
                return Err(parse(ImportError::TooLarge {
                    what: "chat export",
                    limit: MAX_INPUT_BYTES as u64,
                }));
            }
            let bytes = std::fs::read(path).map_err(io)?;
            let chat = parse_whatsapp_bytes(&bytes, &parse_options).map_err(parse)?;
            (sha256_hex(&bytes), chat, None, HashMap::new())
        };
        let chosen = choose_senders(&chat, &options.senders)?;
        if progress.cancelled() {
            return Err(Error::Cancelled.into());
        }

        // Pass 2: store the original, then the media, then the entry.
        let reader = File::open(path).map_err(io)?;
        let original = self.attach_reader(
            reader,
            AttachOptions {
                file_name: Some(file.clone()),
                media_type: Some(
                    if is_zip {
                        "application/zip"
                    } else {
                        "text/plain"
                    }
                    .into(),
                ),
            },
            progress,
        )?;
        if original.sha256 != original_sha {
            return Err(ImportFailure::Changed { file });
        }
        let mut attachments: Vec<AttachmentRef> = Vec::new();
        let mut media_sha: HashMap<usize, String> = HashMap::new();
        if let Some(zip) = zip.as_mut() {
            let mut stored: HashMap<String, String> = HashMap::new();
            let mut members: Vec<(&usize, &PlannedMedia)> = planned.iter().collect();
            members.sort_by_key(|(index, _)| **index);
            for (&index, plan) in members {
                if let Some(sha) = stored.get(&plan.member) {
                    media_sha.insert(index, sha.clone());
                    continue;
                }
                let reference = self.store_member(zip, plan, &file, progress)?;
                stored.insert(plan.member.clone(), reference.sha256.clone());
                media_sha.insert(index, reference.sha256.clone());
                if !attachments.iter().any(|a| a.sha256 == reference.sha256) {
                    attachments.push(reference);
                }
            }
        }

        let messages: Vec<LoggedMessage> = chat
            .messages
            .into_iter()
            .enumerate()
            .map(|(index, m)| {
                let (status, media_name) = match m.kind {
                    MessageKind::Text => (MessageStatus::Text, None),
                    MessageKind::Deleted => (MessageStatus::Deleted, None),
                    MessageKind::MediaOmitted { file_name } => {
                        (MessageStatus::MediaOmitted, file_name)
                    }
                    MessageKind::Media { file_name } => (MessageStatus::Media, Some(file_name)),
                    MessageKind::System => (MessageStatus::System, None),
                };
                let sender = m.sender.unwrap_or_default();
                LoggedMessage {
                    at: m.at,
                    chosen: !sender.is_empty() && chosen.contains(&sender),
                    sender,
                    text: m.text,
                    status,
                    outgoing: false,
                    media_name,
                    media_sha256: media_sha.get(&index).cloned(),
                }
            })
            .collect();
        let summary = ImportSummary {
            seq: 0,
            messages: messages.len(),
            calls: 0,
            senders: chat.senders,
            first: messages.iter().map(|m| m.at).min(),
            last: messages.iter().map(|m| m.at).max(),
            media: attachments.len(),
        };
        if progress.cancelled() {
            return Err(Error::Cancelled.into());
        }
        let seq = self.add_message_log(MessageLog {
            source: MessageSource::Whatsapp,
            original,
            time_zone: Some(parse_options.time_zone.name().to_owned()),
            people: options.people.clone(),
            chosen_senders: chosen.into_iter().collect_sorted(),
            messages,
            calls: Vec::new(),
            attachments,
        })?;
        Ok(ImportSummary { seq, ..summary })
    }

    /// Streams one vetted zip member into an attachment: a helper thread inflates it
    /// through [`SafeZip::copy_member`] (which pushes bytes) into a small bounded channel
    /// that [`Diary::attach_reader`] (which pulls) drains, so a large video never sits in
    /// memory. An inflation error reaches the reader as an error, so the blob's transaction
    /// is rolled back rather than a truncated file stored.
    fn store_member(
        &mut self,
        zip: &mut SafeZip,
        plan: &PlannedMedia,
        file: &str,
        progress: &dyn Progress,
    ) -> Result<AttachmentRef, ImportFailure> {
        let (tx, rx) = sync_channel::<std::io::Result<Vec<u8>>>(4);
        let member = plan.member.as_str();
        let options = AttachOptions {
            file_name: Some(base_name(member).to_owned()),
            media_type: plan.media_type.map(str::to_owned),
        };
        let (stored, copied) = std::thread::scope(|scope| {
            let copier = scope.spawn(move || {
                let mut writer = ChannelWriter { tx };
                let copied = zip.copy_member(member, &mut writer);
                if let Err(e) = &copied {
                    let _ = writer.tx.send(Err(std::io::Error::other(e.to_string())));
                }
                copied
            });
            let reader = ChannelReader {
                rx,
                buf: Vec::new(),
                pos: 0,
            };
            let stored = self.attach_reader(reader, options, progress);
            (stored, copier.join())
        });
        let zip_error = |source| ImportFailure::Zip {
            file: file.to_owned(),
            source,
        };
        match copied {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => return Err(zip_error(e)),
            Err(_) => {
                return Err(zip_error(SafeZipError::Io(std::io::Error::other(
                    "the thread inflating a member stopped unexpectedly",
                ))));
            }
        }
        let mut reference = stored?;
        if reference.sha256 != plan.sha256 {
            return Err(ImportFailure::Changed {
                file: file.to_owned(),
            });
        }
        if let Some(info) = &plan.image {
            apply_image_info(&mut reference, info);
        }
        Ok(reference)
    }

    /// Imports an SMS Backup & Restore XML file (`<smses>` or `<calls>`) as one
    /// message-log entry, keeping the items whose address matches `options.addresses`
    /// (all when empty; every kept item is `chosen`).
    ///
    /// Memory stays bounded whatever the file size: the file is never read whole. It is
    /// parsed twice with the streaming parser: a first, validating pass keeps only counts
    /// and the file's SHA-256, so a malformed backup is refused before anything is
    /// written; the second pass stores the original (streamed), the MMS media (each an
    /// attachment; images inspected, a broken one kept as a plain file) and collects the
    /// kept messages and calls. The entry holds the kept items, so memory grows with what
    /// is kept (one number's conversation), not with the backup.
    ///
    /// Times are UTC (`+00:00`): the backup records milliseconds since the epoch. Messages
    /// the phone sent (any type but received) are `outgoing`, with [`SMS_OWN_SENDER`] as
    /// their sender; received ones carry the sender's number. An MMS with several media
    /// files becomes one message carrying the first, followed by one `media` message (same
    /// time and sender, no text) per further file.
    pub fn import_sms(
        &mut self,
        path: &Path,
        options: &SmsImport,
        progress: &dyn Progress,
    ) -> Result<ImportSummary, ImportFailure> {
        let file = display_name(path);
        let io = |source| ImportFailure::Io {
            file: file.clone(),
            source,
        };
        let filter = SmsFilter {
            addresses: options.addresses.clone(),
        };

        // Pass 1: validate, keeping counts only.
        let mut cancelled = false;
        let mut hashed =
            BufReader::with_capacity(64 * 1024, HashingReader::new(File::open(path).map_err(io)?));
        let first = parse_sms_backup(&mut hashed, &filter, |_| {
            if progress.cancelled() {
                cancelled = true;
                return Err(cancel_signal());
            }
            Ok(())
        });
        if cancelled {
            return Err(Error::Cancelled.into());
        }
        let first = first.map_err(|source| ImportFailure::Parse {
            file: file.clone(),
            source,
        })?;
        // Hash whatever follows the root element too: the original is the whole file.
        std::io::copy(&mut hashed, &mut std::io::sink()).map_err(io)?;
        let original_sha = hashed.into_inner().finish();
        if first.messages + first.calls == 0 {
            return Err(ImportFailure::NothingToImport { file });
        }

        // Pass 2: store.
        let original = self.attach_reader(
            BufReader::new(File::open(path).map_err(io)?),
            AttachOptions {
                file_name: Some(file.clone()),
                media_type: Some("application/xml".into()),
            },
            progress,
        )?;
        if original.sha256 != original_sha {
            return Err(ImportFailure::Changed { file });
        }
        let mut messages: Vec<LoggedMessage> = Vec::new();
        let mut calls: Vec<CallRecord> = Vec::new();
        let mut attachments: Vec<AttachmentRef> = Vec::new();
        let mut senders: Vec<String> = Vec::new();
        let mut failure: Option<ImportFailure> = None;
        let reader = BufReader::with_capacity(64 * 1024, File::open(path).map_err(io)?);
        let second = parse_sms_backup(reader, &filter, |item| {
            if progress.cancelled() {
                failure = Some(Error::Cancelled.into());
                return Err(cancel_signal());
            }
            match item {
                SmsItem::Message {
                    at,
                    addresses,
                    direction,
                    text,
                    parts,
                    ..
                } => {
                    let outgoing = direction != Direction::Received;
                    let number = addresses.first().cloned().unwrap_or_default();
                    if !number.is_empty() && !senders.contains(&number) {
                        senders.push(number.clone());
                    }
                    let sender = if outgoing {
                        SMS_OWN_SENDER.to_owned()
                    } else {
                        number
                    };
                    let mut media = Vec::new();
                    for part in parts {
                        let Some(data) = part.data else { continue };
                        if part.content_type.eq_ignore_ascii_case("application/smil")
                            || data.is_empty()
                        {
                            continue;
                        }
                        match self.store_sms_part(&data, &part.content_type, part.name.clone()) {
                            Ok(reference) => {
                                media.push((part.name, reference.sha256.clone()));
                                if !attachments.iter().any(|a| a.sha256 == reference.sha256) {
                                    attachments.push(reference);
                                }
                            }
                            Err(e) => {
                                failure = Some(e.into());
                                return Err(cancel_signal());
                            }
                        }
                    }
                    let at = at.fixed_offset();
                    let mut media = media.into_iter();
                    let first_media = media.next();
                    messages.push(LoggedMessage {
                        at,
                        sender: sender.clone(),
                        text,
                        status: if first_media.is_some() {
                            MessageStatus::Media
                        } else {
                            MessageStatus::Text
                        },
                        chosen: true,
                        outgoing,
                        media_name: first_media.as_ref().and_then(|(n, _)| n.clone()),
                        media_sha256: first_media.map(|(_, sha)| sha),
                    });
                    for (name, sha) in media {
                        messages.push(LoggedMessage {
                            at,
                            sender: sender.clone(),
                            text: String::new(),
                            status: MessageStatus::Media,
                            chosen: true,
                            outgoing,
                            media_name: name,
                            media_sha256: Some(sha),
                        });
                    }
                }
                SmsItem::Call {
                    at,
                    number,
                    kind,
                    duration_seconds,
                    ..
                } => {
                    if !number.is_empty() && !senders.contains(&number) {
                        senders.push(number.clone());
                    }
                    calls.push(CallRecord {
                        at: at.fixed_offset(),
                        number,
                        direction: call_direction(kind).to_owned(),
                        duration_seconds,
                        chosen: true,
                    });
                }
            }
            progress.update((messages.len() + calls.len()) as u64, None);
            Ok(())
        });
        if let Some(failure) = failure {
            return Err(failure);
        }
        let second = second.map_err(|source| ImportFailure::Parse {
            file: file.clone(),
            source,
        })?;
        if second != first {
            return Err(ImportFailure::Changed { file });
        }

        let times = messages
            .iter()
            .map(|m| m.at)
            .chain(calls.iter().map(|c| c.at));
        let summary = ImportSummary {
            seq: 0,
            messages: messages.len(),
            calls: calls.len(),
            senders,
            first: times.clone().min(),
            last: times.max(),
            media: attachments.len(),
        };
        let seq = self.add_message_log(MessageLog {
            source: MessageSource::Sms,
            original,
            time_zone: None,
            people: options.people.clone(),
            chosen_senders: options.addresses.clone(),
            messages,
            calls,
            attachments,
        })?;
        Ok(ImportSummary { seq, ..summary })
    }

    /// Stores one MMS media part. An image that passes inspection carries its metadata;
    /// one that does not is stored as a plain file (it is still what was received).
    fn store_sms_part(
        &mut self,
        data: &[u8],
        content_type: &str,
        name: Option<String>,
    ) -> Result<AttachmentRef, Error> {
        let sniffed = sniff_media_type(data, name.as_deref());
        let image = if is_image_type(sniffed) {
            inspect_image(data, &ImageLimits::default()).ok()
        } else {
            None
        };
        let media_type = match &image {
            Some(info) => Some(info.media_type.to_owned()),
            None if plausible_media_type(content_type) => Some(content_type.to_owned()),
            None => None,
        };
        let mut reference = self.attach_reader(
            data,
            AttachOptions {
                file_name: name,
                media_type,
            },
            &crate::progress::NoProgress,
        )?;
        if let Some(info) = &image {
            apply_image_info(&mut reference, info);
        }
        Ok(reference)
    }
}

/// Inflates and hashes every media member the chat refers to (so a damaged member is
/// found before anything is written) and inspects the images among them.
fn vet_media(
    zip: &mut SafeZip,
    chat: &ParsedChat,
    names: &[String],
    progress: &dyn Progress,
) -> Result<HashMap<usize, PlannedMedia>, SafeZipError> {
    let limits = ImageLimits::default();
    let mut vetted: HashMap<String, (String, Option<ImageInfo>, Option<&'static str>)> =
        HashMap::new();
    let mut planned = HashMap::new();
    for (index, member) in match_media(chat, names) {
        if progress.cancelled() {
            return Err(SafeZipError::Io(std::io::Error::other("cancelled")));
        }
        if !vetted.contains_key(&member) {
            let mut sink = HashingSink::default();
            let size = zip.copy_member(&member, &mut sink)?;
            let sniffed = sniff_media_type(&sink.head, Some(&member));
            let image = if is_image_type(sniffed) && size <= limits.max_bytes {
                let bytes = zip.read_member(&member, limits.max_bytes)?;
                let info = inspect_image(&bytes, &limits).ok();
                info.map(|mut i| {
                    // The thumbnail is not kept in the entry; do not hold it in memory.
                    i.thumbnail_jpeg = Vec::new();
                    i
                })
            } else {
                None
            };
            let media_type = image.as_ref().map(|i| i.media_type);
            vetted.insert(member.clone(), (sink.finish(), image, media_type));
        }
        if let Some((sha256, image, media_type)) = vetted.get(&member) {
            planned.insert(
                index,
                PlannedMedia {
                    member: member.clone(),
                    sha256: sha256.clone(),
                    image: image.clone(),
                    media_type: *media_type,
                },
            );
        }
    }
    Ok(planned)
}

/// The chat's own spelling of each sender asked for, matched case-insensitively.
fn choose_senders(chat: &ParsedChat, wanted: &[String]) -> Result<HashSet<String>, ImportFailure> {
    let mut chosen = HashSet::new();
    for name in wanted {
        let needle = name.trim().to_lowercase();
        let found: Vec<&String> = chat
            .senders
            .iter()
            .filter(|s| s.trim().to_lowercase() == needle)
            .collect();
        if found.is_empty() {
            return Err(ImportFailure::UnknownSender {
                name: name.clone(),
                found: chat.senders.clone(),
            });
        }
        chosen.extend(found.into_iter().cloned());
    }
    Ok(chosen)
}

/// Sorting a set into a vector, so that the sealed entry does not depend on hash order.
trait CollectSorted {
    fn collect_sorted(self) -> Vec<String>;
}

impl<I: Iterator<Item = String>> CollectSorted for I {
    fn collect_sorted(self) -> Vec<String> {
        let mut v: Vec<String> = self.collect();
        v.sort();
        v
    }
}

/// The `direction` word a call record uses (see `CallRecord::direction`).
fn call_direction(kind: CallKind) -> &'static str {
    match kind {
        CallKind::Incoming => "incoming",
        CallKind::Outgoing => "outgoing",
        CallKind::Missed => "missed",
        CallKind::Voicemail => "voicemail",
        CallKind::Rejected => "rejected",
        CallKind::Blocked => "blocked",
        CallKind::Other(_) => "other",
    }
}

/// Whether a content type from a backup looks like `type/subtype` and nothing else.
fn plausible_media_type(ct: &str) -> bool {
    ct.len() <= 100
        && ct.split_once('/').is_some_and(|(a, b)| {
            let ok = |s: &str| {
                !s.is_empty()
                    && s.bytes()
                        .all(|c| c.is_ascii_alphanumeric() || b"!#$&-^_.+".contains(&c))
            };
            ok(a) && ok(b)
        })
}

/// The error a parse callback returns to stop the parser; the real reason is kept aside.
fn cancel_signal() -> ImportError {
    ImportError::Io(std::io::Error::new(
        std::io::ErrorKind::Interrupted,
        "stopped",
    ))
}

/// The last path component of a zip member name.
fn base_name(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}

/// The file's name for messages (its own name, as the user gave it).
fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(ring::digest::digest(&ring::digest::SHA256, bytes))
}

fn sha256_of_file(path: &Path) -> std::io::Result<String> {
    let mut reader = HashingReader::new(File::open(path)?);
    std::io::copy(&mut reader, &mut std::io::sink())?;
    Ok(reader.finish())
}

/// Hashes what passes through it.
struct HashingReader<R> {
    inner: R,
    hasher: ring::digest::Context,
}

impl<R: Read> HashingReader<R> {
    fn new(inner: R) -> Self {
        HashingReader {
            inner,
            hasher: ring::digest::Context::new(&ring::digest::SHA256),
        }
    }

    fn finish(self) -> String {
        hex::encode(self.hasher.finish())
    }
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(buf.get(..n).unwrap_or_default());
        Ok(n)
    }
}

/// Hashes what is written to it, keeping the first bytes for sniffing.
struct HashingSink {
    hasher: ring::digest::Context,
    head: Vec<u8>,
}

impl Default for HashingSink {
    fn default() -> Self {
        HashingSink {
            hasher: ring::digest::Context::new(&ring::digest::SHA256),
            head: Vec::new(),
        }
    }
}

impl HashingSink {
    fn finish(self) -> String {
        hex::encode(self.hasher.finish())
    }
}

impl Write for HashingSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.head.len() < 64 {
            let take = (64 - self.head.len()).min(buf.len());
            self.head
                .extend_from_slice(buf.get(..take).unwrap_or_default());
        }
        self.hasher.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The pushing half of the member pipe.
struct ChannelWriter {
    tx: SyncSender<std::io::Result<Vec<u8>>>,
}

impl Write for ChannelWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.tx
            .send(Ok(buf.to_vec()))
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "reader stopped"))?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The pulling half of the member pipe: the end of the channel is the end of the member.
struct ChannelReader {
    rx: Receiver<std::io::Result<Vec<u8>>>,
    buf: Vec<u8>,
    pos: usize,
}

impl Read for ChannelReader {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.pos >= self.buf.len() {
            match self.rx.recv() {
                Ok(Ok(chunk)) => {
                    self.buf = chunk;
                    self.pos = 0;
                }
                Ok(Err(e)) => return Err(e),
                Err(_) => return Ok(0),
            }
        }
        let available = self.buf.get(self.pos..).unwrap_or_default();
        let n = out.len().min(available.len());
        out[..n].copy_from_slice(&available[..n]);
        self.pos += n;
        Ok(n)
    }
}
