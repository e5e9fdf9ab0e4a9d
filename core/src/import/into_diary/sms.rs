//! `Diary::import_sms`: an SMS Backup & Restore file (messages or calls) as one
//! message-log entry, read three times with the streaming parser so that a backup of any
//! size is vetted and stored in bounded memory.

use std::collections::HashMap;
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use super::{
    HashingReader, ImportFailure, ImportSummary, SmsImport, display_name, plausible_media_type,
    stop_signal,
};
use crate::diary::{AttachOptions, Diary, is_image_type, sniff_media_type};
use crate::error::Error;
use crate::import::{CallKind, Direction, MmsPart, SmsFilter, SmsItem, parse_sms_backup};
use crate::media::{ImageLimits, inspect_image};
use crate::model::{
    AttachmentRef, CallRecord, LoggedMessage, MessageLog, MessageSource, MessageStatus,
    TranscriptLine,
};
use crate::progress::Progress;

/// The sender written for messages an SMS backup marks as sent from the victim's phone:
/// the backup names only the other party, and `sender` must say who wrote the message.
pub const SMS_OWN_SENDER: &str = "me";

/// One media file of an MMS: stored (with its attachment's SHA-256) or named only.
struct Media {
    name: Option<String>,
    media_type: Option<String>,
    sha256: Option<String>,
}

impl Diary {
    /// Imports an SMS Backup & Restore XML file (`<smses>` or `<calls>`) as one
    /// message-log entry, keeping the items whose address matches `options.addresses`
    /// (all when empty; every kept item is `chosen`).
    ///
    /// The file is never read whole. A first pass validates it, keeping counts and its
    /// SHA-256, so a malformed backup is refused before anything is written; a second
    /// stores the original (streamed) and the MMS media (each an attachment; images
    /// inspected, a broken one kept as a plain file); a third writes the transcript as it
    /// reads. Each pass must find what the first found.
    ///
    /// Times are UTC (`+00:00`): the backup records milliseconds since the epoch. Messages
    /// the phone sent (any type but received) are `outgoing`, with [`SMS_OWN_SENDER`] as
    /// their sender; received ones carry the sender's number. An MMS with several media
    /// files becomes one message carrying the first, followed by one message (same time
    /// and sender, no text) per further file. A media part the backup names but holds no
    /// content for (backups made without MMS attachments) is kept by its name and type as
    /// [`MessageStatus::MediaOmitted`]: its content is not in the backup.
    pub fn import_sms(
        &mut self,
        path: &Path,
        options: &SmsImport,
        progress: &dyn Progress,
    ) -> Result<ImportSummary, ImportFailure> {
        let file = display_name(path);
        let open = || {
            File::open(path)
                .map(|f| BufReader::with_capacity(64 * 1024, f))
                .map_err(|e| ImportFailure::io(&file, e))
        };
        let filter = SmsFilter {
            addresses: options.addresses.clone(),
        };

        // Pass 1: validate, keeping counts only.
        let mut cancelled = false;
        let mut hashed = BufReader::with_capacity(
            64 * 1024,
            HashingReader::new(File::open(path).map_err(|e| ImportFailure::io(&file, e))?),
        );
        let first = parse_sms_backup(&mut hashed, &filter, |_| {
            if progress.cancelled() {
                cancelled = true;
                return Err(stop_signal());
            }
            Ok(())
        });
        if cancelled {
            return Err(Error::Cancelled.into());
        }
        let first = first.map_err(|e| ImportFailure::parse(&file, e))?;
        // The original is the whole file, whatever follows the root element.
        let original_sha = hashed
            .into_inner()
            .finish_reading()
            .map_err(|e| ImportFailure::io(&file, e))?;
        if first.messages + first.calls == 0 {
            return Err(ImportFailure::NothingToImport { file });
        }

        // Pass 2: the original, then the MMS media, by kept item.
        let original =
            self.store_original(path, &file, "application/xml", &original_sha, progress)?;
        let mut stored: HashMap<u64, Vec<String>> = HashMap::new();
        let mut attachments: Vec<AttachmentRef> = Vec::new();
        let mut failure: Option<ImportFailure> = None;
        let mut item = 0u64;
        let second = parse_sms_backup(open()?, &filter, |kept| {
            item += 1;
            if progress.cancelled() {
                failure = Some(Error::Cancelled.into());
                return Err(stop_signal());
            }
            let SmsItem::Message { parts, .. } = kept else {
                return Ok(());
            };
            for part in parts.iter().filter(|p| is_media(p)) {
                let Some(data) = part.data.as_deref().filter(|d| !d.is_empty()) else {
                    continue;
                };
                match self.store_sms_part(data, &part.content_type, part.name.clone()) {
                    Ok(reference) => {
                        stored
                            .entry(item)
                            .or_default()
                            .push(reference.sha256.clone());
                        if !attachments.iter().any(|a| a.sha256 == reference.sha256) {
                            attachments.push(reference);
                        }
                    }
                    Err(e) => {
                        failure = Some(e.into());
                        return Err(stop_signal());
                    }
                }
            }
            Ok(())
        });
        if let Some(failure) = failure {
            return Err(failure);
        }
        if second.map_err(|e| ImportFailure::parse(&file, e))? != first {
            return Err(ImportFailure::Changed { file });
        }

        // Pass 3: the transcript.
        let reader = open()?;
        let (transcript, (third, senders)) = {
            let stored = &stored;
            let filter = &filter;
            let file_name = file.clone();
            self.store_transcript(&file, progress, move |writer| {
                let mut senders: Vec<String> = Vec::new();
                let mut item = 0u64;
                let mut write_error: Option<std::io::Error> = None;
                let stats = parse_sms_backup(reader, filter, |kept| {
                    item += 1;
                    for line in lines(kept, stored.get(&item), &mut senders) {
                        if let Err(e) = writer.push(&line) {
                            write_error = Some(e);
                            return Err(stop_signal());
                        }
                    }
                    Ok(())
                });
                if let Some(e) = write_error {
                    return Err(ImportFailure::io(&file_name, e));
                }
                Ok((
                    stats.map_err(|e| ImportFailure::parse(&file_name, e))?,
                    senders,
                ))
            })?
        };
        if third != first {
            return Err(ImportFailure::Changed { file });
        }
        let summary = ImportSummary {
            seq: 0,
            messages: usize::try_from(transcript.messages).unwrap_or(usize::MAX),
            calls: usize::try_from(transcript.calls).unwrap_or(usize::MAX),
            senders,
            first: transcript.first,
            last: transcript.last,
            media: attachments.len(),
            ..ImportSummary::default()
        };
        let log = MessageLog {
            people: options.people.clone(),
            chosen_senders: options.addresses.clone(),
            attachments,
            ..MessageLog::transcribed(MessageSource::Sms, original, transcript)
        };
        self.append_import(log, summary, progress)
    }

    /// Stores one MMS media part. An image that passes inspection carries its metadata
    /// and keeps its thumbnail; one that does not is stored as a plain file (it is still
    /// what was received).
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
        if let Some(info) = &image {
            let options = AttachOptions {
                file_name: name,
                media_type: None,
            };
            return self.keep_image(data, options, info);
        }
        let options = AttachOptions {
            file_name: name,
            media_type: plausible_media_type(content_type).then(|| content_type.to_owned()),
        };
        self.attach_reader(data, options, &crate::progress::NoProgress)
    }
}

/// A part that is a file (not the SMIL layout, not the text).
fn is_media(part: &MmsPart) -> bool {
    let ct = part.content_type.trim();
    !(ct.eq_ignore_ascii_case("application/smil") || ct.eq_ignore_ascii_case("text/plain"))
        && (part.data.is_some() || part.name.is_some() || !ct.is_empty())
}

/// The transcript lines of one kept item; `stored` holds the SHA-256 of each media part
/// with content, in part order.
fn lines(
    item: SmsItem,
    stored: Option<&Vec<String>>,
    senders: &mut Vec<String>,
) -> Vec<TranscriptLine> {
    let mut note = |number: &str| {
        if !number.is_empty() && !senders.iter().any(|s| s == number) {
            senders.push(number.to_owned());
        }
    };
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
            note(&number);
            let sender = if outgoing {
                SMS_OWN_SENDER.to_owned()
            } else {
                number
            };
            let mut shas = stored.into_iter().flatten();
            let media: Vec<Media> = parts
                .iter()
                .filter(|p| is_media(p))
                .map(|p| {
                    let has_content = p.data.as_deref().is_some_and(|d| !d.is_empty());
                    Media {
                        name: p.name.clone(),
                        media_type: plausible_media_type(&p.content_type)
                            .then(|| p.content_type.clone()),
                        sha256: if has_content {
                            shas.next().cloned()
                        } else {
                            None
                        },
                    }
                })
                .collect();
            let at = at.fixed_offset();
            let message = |text: String, media: Option<Media>| {
                let (status, name, media_type, sha) = match media {
                    None => (MessageStatus::Text, None, None, None),
                    Some(m) => (
                        if m.sha256.is_some() {
                            MessageStatus::Media
                        } else {
                            MessageStatus::MediaOmitted
                        },
                        m.name,
                        m.media_type,
                        m.sha256,
                    ),
                };
                TranscriptLine::Message(LoggedMessage {
                    at,
                    sender: sender.clone(),
                    text,
                    status,
                    chosen: true,
                    outgoing,
                    media_name: name,
                    media_sha256: sha,
                    media_type,
                })
            };
            let mut media = media.into_iter();
            let mut out = vec![message(text, media.next())];
            out.extend(media.map(|m| message(String::new(), Some(m))));
            out
        }
        SmsItem::Call {
            at,
            number,
            kind,
            duration_seconds,
            ..
        } => {
            note(&number);
            vec![TranscriptLine::Call(CallRecord {
                at: at.fixed_offset(),
                number,
                direction: call_direction(kind).to_owned(),
                duration_seconds,
                chosen: true,
            })]
        }
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
