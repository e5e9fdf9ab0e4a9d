//! `Diary::import_whatsapp`: a WhatsApp export (`.txt`, or `.zip` with media) as one
//! message-log entry, in the order of work the parent module describes.

use std::collections::HashMap;
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use super::{
    HashingReader, HashingSink, ImportFailure, ImportSummary, WhatsAppImport, choose_senders,
    device_time_zone, display_name, is_zip, sha256_of_file, sorted, unchanged,
};
use crate::diary::{AttachOptions, BadImage, Diary, is_image_type, sniff_media_type};
use crate::error::Error;
use crate::import::ImportError;
use crate::import::whatsapp::{
    ChatInspection, ChatMessage, MessageKind, base_name, chat_file_name_in_zip, inspect_whatsapp,
    read_whatsapp,
};
use crate::model::{
    AttachmentRef, LoggedMessage, MessageLog, MessageSource, MessageStatus, TranscriptLine,
};
use crate::pipe::pipe;
use crate::progress::Progress;
use crate::safe_zip::{SafeZip, SafeZipError, ZipLimits};

/// A media file of a zip export, vetted in the first pass.
struct PlannedMedia {
    member: String,
    sha256: String,
    /// Whether its first bytes say it is an image (inspected as it is stored; one that
    /// fails inspection is kept as a plain file: a broken photo sent by a stalker is still
    /// evidence).
    image: bool,
}

/// Where the chat text is.
enum Chat {
    Text,
    Zip { zip: SafeZip, member: String },
}

impl Chat {
    /// Runs `read` over the chat text as a stream: the file itself, or the zip member
    /// inflated on a helper thread.
    fn with_reader<T>(
        &mut self,
        path: &Path,
        file: &str,
        read: impl FnOnce(&mut dyn std::io::BufRead) -> Result<T, ImportFailure>,
    ) -> Result<T, ImportFailure> {
        match self {
            Chat::Text => {
                let f = File::open(path).map_err(|e| ImportFailure::io(file, e))?;
                read(&mut BufReader::with_capacity(256 * 1024, f))
            }
            Chat::Zip { zip, member } => {
                let (mut tx, rx) = pipe();
                std::thread::scope(|scope| {
                    let member = member.as_str();
                    let inflater = scope.spawn(move || {
                        let copied = zip.copy_member(member, &mut tx);
                        if let Err(e) = &copied {
                            tx.fail(std::io::Error::other(e.to_string()));
                        }
                        copied
                    });
                    let result = read(&mut BufReader::with_capacity(256 * 1024, rx));
                    let inflated = inflater.join();
                    match inflated {
                        Ok(Ok(_)) => result,
                        Ok(Err(e)) => Err(ImportFailure::Zip {
                            file: file.to_owned(),
                            source: e,
                        }),
                        Err(_) => Err(ImportFailure::Zip {
                            file: file.to_owned(),
                            source: SafeZipError::Io(std::io::Error::other(
                                "the thread inflating the chat stopped unexpectedly",
                            )),
                        }),
                    }
                })
            }
        }
    }
}

impl Diary {
    /// Imports a WhatsApp chat export (`.txt`, or `.zip` with media — told apart by the
    /// zip signature, not the name) as one message-log entry; see the module doc for the
    /// order of work and why a refused import changes nothing.
    ///
    /// Every message is kept, chosen senders' messages marked `chosen`; notices are kept
    /// with no sender. The import summary says how many lines were joined to the message
    /// above them and lists the joined lines that begin with a date and time.
    pub fn import_whatsapp(
        &mut self,
        path: &Path,
        options: &WhatsAppImport,
        progress: &dyn Progress,
    ) -> Result<ImportSummary, ImportFailure> {
        let file = display_name(path);
        let zone = options.time_zone.unwrap_or_else(device_time_zone);
        let parse = |source| ImportFailure::parse(&file, source);
        let zip_error = |source| ImportFailure::Zip {
            file: file.clone(),
            source,
        };

        // Pass 1: read and vet; nothing is written.
        let zipped = is_zip(path, &file)?;
        let (mut chat, original_sha) = if zipped {
            let zip = SafeZip::open(path, ZipLimits::default()).map_err(zip_error)?;
            let member = chat_file_name_in_zip(&zip.names())
                .ok_or_else(|| ImportFailure::NoChatInZip { file: file.clone() })?
                .to_owned();
            let sha = sha256_of_file(path).map_err(|e| ImportFailure::io(&file, e))?;
            (Chat::Zip { zip, member }, Some(sha))
        } else {
            (Chat::Text, None)
        };
        let (inspection, original_sha) = match original_sha {
            Some(sha) => (
                chat.with_reader(path, &file, |r| inspect_whatsapp(r, zone).map_err(parse))?,
                sha,
            ),
            None => {
                let f = File::open(path).map_err(|e| ImportFailure::io(&file, e))?;
                let mut hashed = BufReader::with_capacity(256 * 1024, HashingReader::new(f));
                let inspection = inspect_whatsapp(&mut hashed, zone).map_err(parse)?;
                let sha = hashed
                    .into_inner()
                    .finish_reading()
                    .map_err(|e| ImportFailure::io(&file, e))?;
                (inspection, sha)
            }
        };
        let order = inspection.resolve(options.date_order).map_err(parse)?;
        let names: Vec<String> = inspection.senders.iter().map(|s| s.name.clone()).collect();
        let chosen = choose_senders(&names, &options.senders)?;
        let planned = match &mut chat {
            Chat::Zip { zip, .. } => vet_media(zip, &inspection, progress).map_err(zip_error)?,
            Chat::Text => HashMap::new(),
        };
        if progress.cancelled() {
            return Err(Error::Cancelled.into());
        }

        // Pass 2: the original, then the media.
        let media_type = if zipped {
            "application/zip"
        } else {
            "text/plain"
        };
        let original = self.store_original(path, &file, media_type, &original_sha, progress)?;
        let mut attachments: Vec<AttachmentRef> = Vec::new();
        let mut media_sha: HashMap<String, String> = HashMap::new();
        if let Chat::Zip { zip, .. } = &mut chat {
            for name in &inspection.media {
                let Some(plan) = planned.get(name) else {
                    continue;
                };
                let reference = self.store_member(zip, plan, &file, progress)?;
                media_sha.insert(name.clone(), reference.sha256.clone());
                if !attachments.iter().any(|a| a.sha256 == reference.sha256) {
                    attachments.push(reference);
                }
            }
        }

        // Pass 3: the transcript, read again as it is written.
        let (transcript, ()) = {
            let inspection = &inspection;
            let chosen = &chosen;
            let media_sha = &media_sha;
            let file_name = file.clone();
            let chat = &mut chat;
            self.store_transcript(&file, progress, move |writer| {
                chat.with_reader(path, &file_name, |r| {
                    read_whatsapp(r, inspection, order, |m| {
                        writer
                            .push(&TranscriptLine::Message(logged(m, chosen, media_sha)))
                            .map_err(ImportError::Io)
                    })
                    .map_err(|e| ImportFailure::parse(&file_name, e))
                })
            })?
        };
        // The transcript came from the file read a third time: it must be the one stored.
        if !zipped {
            unchanged(path, &file, &original_sha)?;
        }
        let summary = ImportSummary {
            seq: 0,
            messages: inspection.messages,
            notices: inspection.notices,
            calls: 0,
            senders: names,
            first: transcript.first,
            last: transcript.last,
            media: attachments.len(),
            joined_lines: inspection.joined_lines,
            skipped_lines: inspection.skipped_lines,
            dated_lines: inspection.dated_lines.clone(),
            layout: Some(inspection.pattern.clone()),
        };
        let log = MessageLog {
            time_zone: Some(zone.name().to_owned()),
            people: options.people.clone(),
            chosen_senders: sorted(chosen),
            attachments,
            ..MessageLog::transcribed(MessageSource::Whatsapp, original, transcript)
        };
        self.append_import(log, summary, progress)
    }

    /// Streams one vetted zip member into an attachment: a helper thread inflates it
    /// through [`SafeZip::copy_member`] (which pushes bytes) into a bounded pipe that
    /// [`Diary::attach_reader`] (which pulls) drains, so a large video never sits in
    /// memory. An inflation error reaches the reader as an error, so the blob's
    /// transaction is rolled back rather than a truncated file stored. An image is
    /// inspected as it passes ([`Diary::attach_image_stream`]) and keeps its thumbnail.
    fn store_member(
        &mut self,
        zip: &mut SafeZip,
        plan: &PlannedMedia,
        file: &str,
        progress: &dyn Progress,
    ) -> Result<AttachmentRef, ImportFailure> {
        let (mut tx, rx) = pipe();
        let member = plan.member.as_str();
        let options = AttachOptions {
            file_name: Some(base_name(member).to_owned()),
            media_type: None,
        };
        let image = plan.image;
        let (stored, copied) = std::thread::scope(|scope| {
            let copier = scope.spawn(move || {
                let copied = zip.copy_member(member, &mut tx);
                if let Err(e) = &copied {
                    tx.fail(std::io::Error::other(e.to_string()));
                }
                copied
            });
            let stored = if image {
                self.attach_image_stream(rx, options, progress, BadImage::Keep)
                    .map(|(reference, _)| reference)
            } else {
                self.attach_reader(rx, options, progress)
            };
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
        let reference = stored?;
        if reference.sha256 != plan.sha256 {
            return Err(ImportFailure::Changed {
                file: file.to_owned(),
            });
        }
        Ok(reference)
    }
}

/// One chat message as the log records it.
pub(super) fn logged(
    m: ChatMessage,
    chosen: &std::collections::HashSet<String>,
    media_sha: &HashMap<String, String>,
) -> LoggedMessage {
    let (status, media_name) = match m.kind {
        MessageKind::Text => (MessageStatus::Text, None),
        MessageKind::Deleted => (MessageStatus::Deleted, None),
        MessageKind::MediaOmitted { file_name } => (MessageStatus::MediaOmitted, file_name),
        MessageKind::Media { file_name } => (MessageStatus::Media, Some(file_name)),
        MessageKind::System => (MessageStatus::System, None),
    };
    let sender = m.sender.unwrap_or_default();
    let media_sha256 = match status {
        MessageStatus::Media => media_name.as_ref().and_then(|n| media_sha.get(n).cloned()),
        _ => None,
    };
    LoggedMessage {
        at: m.at,
        chosen: !sender.is_empty() && chosen.contains(&sender),
        sender,
        text: m.text,
        status,
        outgoing: false,
        media_name,
        media_sha256,
        media_type: None,
    }
}

/// Inflates and hashes every media member the chat names, so a damaged member is found
/// before anything is written. Names the zip does not hold are left out: the message
/// keeps the name, without a file.
fn vet_media(
    zip: &mut SafeZip,
    inspection: &ChatInspection,
    progress: &dyn Progress,
) -> Result<HashMap<String, PlannedMedia>, SafeZipError> {
    let names = zip.names();
    let index = crate::import::whatsapp::MediaIndex::new(&names);
    let mut planned = HashMap::new();
    for name in &inspection.media {
        if progress.cancelled() {
            return Err(SafeZipError::Io(std::io::Error::other("cancelled")));
        }
        let Some(member) = index.member(name) else {
            continue;
        };
        let member = member.to_owned();
        let mut sink = HashingSink::default();
        zip.copy_member(&member, &mut sink)?;
        let image = is_image_type(sniff_media_type(&sink.head, Some(&member)));
        planned.insert(
            name.clone(),
            PlannedMedia {
                member,
                sha256: sink.finish(),
                image,
            },
        );
    }
    Ok(planned)
}
