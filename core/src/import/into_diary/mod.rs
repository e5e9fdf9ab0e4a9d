//! Imports into the diary: a chat export or a backup becomes one message-log entry, with
//! the original stored byte for byte beside it and the messages in a transcript.
//!
//! The parsers beside this module touch nothing; this module decides what is written,
//! and in which order, so that a refused import leaves no trace:
//!
//! 1. **Read and vet everything first.** The export is read once from start to end,
//!    keeping counts and names only (so a file at the size limit is vetted in bounded
//!    memory); every media file it refers to is inflated once through [`SafeZip`]
//!    (limits, CRC) and hashed. Any error here returns before the first byte is written:
//!    same entries, same file bytes.
//! 2. **Store the original and the media.** Each stored file's SHA-256 is compared with
//!    the one taken in step 1: a file that changed on disk between the passes is
//!    refused ([`ImportFailure::Changed`]).
//! 3. **Store the transcript.** The export is read a last time, on a helper thread that
//!    writes each message as one line of the transcript while the diary seals the lines
//!    into chunks as they come ([`store_transcript`]); this reading must find exactly
//!    what the first did.
//! 4. **Append one message-log entry** naming the original, the media and the transcript.
//!
//! Attachments are committed one by one (each is its own transaction, see `attach.rs`).
//! If step 2, 3 or 4 fails — the disk fills, the file changes underfoot, the user
//! cancels — the blobs already stored stay in the file without an entry referring to
//! them. They are harmless: sealed, invisible to every reader, and stored only once, so
//! a retried import reuses them instead of storing them again.

mod json;
mod sms;
mod whatsapp;

use std::collections::HashSet;
use std::fs::File;
use std::io::{Read, Write};
use std::path::Path;

use crate::zone::Zone;
use chrono::{DateTime, FixedOffset};

pub use self::json::JsonImport;
pub use self::sms::SMS_OWN_SENDER;
use super::{DateOrder, ImportError};
use crate::diary::{AttachOptions, Diary};
use crate::error::Error;
use crate::model::{AttachmentRef, MessageLog, Transcript};
use crate::pipe::{PipeWriter, pipe};
use crate::progress::Progress;
use crate::safe_zip::SafeZipError;
use crate::transcript::{TRANSCRIPT_FILE_NAME, TRANSCRIPT_MEDIA_TYPE, Tally, TranscriptWriter};

/// The first bytes of a zip file (a local file header, APPNOTE.TXT 4.3.7).
const ZIP_MAGIC: &[u8; 4] = b"PK\x03\x04";

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
    pub time_zone: Option<Zone>,
    /// The person entries this conversation is with.
    pub people: Vec<u64>,
}

/// What the user says about an SMS Backup & Restore file.
#[derive(Debug, Clone, Default)]
pub struct SmsImport {
    /// The numbers (or sender names) to keep; empty keeps everything. Matching rules:
    /// [`super::SmsFilter`].
    pub addresses: Vec<String>,
    /// The person entries this conversation is with.
    pub people: Vec<u64>,
}

/// What an import recorded.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportSummary {
    /// The new message-log entry's number.
    pub seq: u64,
    /// Messages in the entry (notices included).
    pub messages: usize,
    /// Of which notices written by the app, which have no sender.
    pub notices: usize,
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
    /// Lines joined to the message above them (chat exports).
    pub joined_lines: usize,
    /// Blank lines that belonged to no message (chat exports).
    pub skipped_lines: usize,
    /// Joined lines that begin with a date and a time (the first of them): a quoted
    /// message, a date typed at the start of a line. Listed so that nothing was joined
    /// in silence.
    pub dated_lines: Vec<usize>,
    /// How the export's message headers look (`dd/mm/yy, hh:mm - `), for chat exports.
    pub layout: Option<String>,
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
    /// A zip that holds no chat text, or more than one.
    #[error(
        "{file}: no single WhatsApp chat in this zip (expected one `_chat.txt`, or one `.txt` \
         named after the chat)"
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
    /// The file changed on disk between the vetting pass and a storing pass.
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

impl ImportFailure {
    /// A parser's refusal of `file`, with [`ImportError::Changed`] made
    /// [`ImportFailure::Changed`].
    pub(crate) fn parse(file: &str, source: ImportError) -> Self {
        match source {
            ImportError::Changed => ImportFailure::Changed {
                file: file.to_owned(),
            },
            source => ImportFailure::Parse {
                file: file.to_owned(),
                source,
            },
        }
    }

    pub(crate) fn io(file: &str, source: std::io::Error) -> Self {
        ImportFailure::Io {
            file: file.to_owned(),
            source,
        }
    }
}

/// Parses an IANA time zone name (`Europe/London`, `UTC`).
pub fn parse_time_zone(name: &str) -> Result<Zone, ImportFailure> {
    name.trim()
        .parse::<Zone>()
        .map_err(|_| ImportFailure::UnknownTimeZone(name.to_owned()))
}

/// This device's time zone, for reading the local times of a chat exported on it.
///
/// In order: the `TZ` environment variable when it holds an IANA name (`Europe/London`,
/// `:Europe/London`, or a path ending in `zoneinfo/Europe/London`; POSIX rules such as
/// `GMT0BST` are not understood and skipped); the target of the `/etc/localtime` link;
/// the name in `/etc/timezone`; otherwise UTC. Mobile apps pass the zone explicitly.
pub fn device_time_zone() -> Zone {
    fn from_name(name: &str) -> Option<Zone> {
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
        .unwrap_or(Zone::UTC)
}

impl Diary {
    /// Streams the transcript that `produce` writes (on a helper thread) into a new
    /// attachment, and returns the entry's summary of it with whatever `produce`
    /// returned. A failure of `produce` reaches the attachment as a read error, so its
    /// transaction is rolled back rather than a partial transcript stored; a failure of
    /// the diary stops `produce` at its next write.
    pub(crate) fn store_transcript<T: Send>(
        &mut self,
        file: &str,
        progress: &dyn Progress,
        produce: impl FnOnce(&mut TranscriptWriter<PipeWriter>) -> Result<T, ImportFailure> + Send,
    ) -> Result<(Transcript, T), ImportFailure> {
        let (tx, rx) = pipe();
        let (stored, produced) = std::thread::scope(|scope| {
            let producer = scope.spawn(move || {
                let mut writer = TranscriptWriter::new(tx);
                match produce(&mut writer) {
                    Ok(value) => match writer.finish() {
                        Ok((tx, tally)) => {
                            drop(tx);
                            Ok((value, tally))
                        }
                        Err(e) => Err(ImportFailure::io(file, e)),
                    },
                    Err(failure) => {
                        let (tx, _) = writer.into_parts();
                        tx.fail(std::io::Error::other("the transcript could not be written"));
                        Err(failure)
                    }
                }
            });
            let stored = self.attach_reader(
                rx,
                AttachOptions {
                    file_name: Some(TRANSCRIPT_FILE_NAME.to_owned()),
                    media_type: Some(TRANSCRIPT_MEDIA_TYPE.to_owned()),
                },
                progress,
            );
            (stored, producer.join())
        });
        let (value, tally): (T, Tally) = match produced {
            Ok(result) => result?,
            Err(_) => {
                return Err(ImportFailure::Diary(Error::Corrupt(
                    "the thread writing the transcript stopped unexpectedly".into(),
                )));
            }
        };
        let file_ref = stored?;
        Ok((tally.into_transcript(file_ref), value))
    }

    /// Stores the original export, streamed from `path`, and checks it is what was vetted.
    /// The last step of an import: unless the work was cancelled, appends the entry and
    /// returns the summary with its number.
    pub(crate) fn append_import(
        &mut self,
        log: MessageLog,
        summary: ImportSummary,
        progress: &dyn Progress,
    ) -> Result<ImportSummary, ImportFailure> {
        if progress.cancelled() {
            return Err(Error::Cancelled.into());
        }
        let seq = self.add_message_log(log)?;
        Ok(ImportSummary { seq, ..summary })
    }

    pub(crate) fn store_original(
        &mut self,
        path: &Path,
        file: &str,
        media_type: &str,
        vetted_sha: &str,
        progress: &dyn Progress,
    ) -> Result<AttachmentRef, ImportFailure> {
        let reader = File::open(path).map_err(|e| ImportFailure::io(file, e))?;
        let original = self.attach_reader(
            std::io::BufReader::with_capacity(256 * 1024, reader),
            AttachOptions {
                file_name: Some(file.to_owned()),
                media_type: Some(media_type.to_owned()),
            },
            progress,
        )?;
        if original.sha256 != vetted_sha {
            return Err(ImportFailure::Changed {
                file: file.to_owned(),
            });
        }
        Ok(original)
    }
}

/// Whether the file starts like a zip (told apart by its signature, not its name).
pub(crate) fn is_zip(path: &Path, file: &str) -> Result<bool, ImportFailure> {
    let mut head = Vec::new();
    File::open(path)
        .and_then(|f| f.take(4).read_to_end(&mut head))
        .map_err(|e| ImportFailure::io(file, e))?;
    Ok(head.as_slice() == ZIP_MAGIC)
}

/// The chat's own spelling of each sender asked for, matched case-insensitively and with
/// any kind of space; a name not in the chat is refused, listing the senders it has.
pub(crate) fn choose_senders(
    senders: &[String],
    wanted: &[String],
) -> Result<HashSet<String>, ImportFailure> {
    let fold = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let mut chosen = HashSet::new();
    for name in wanted {
        let needle = fold(name);
        let found: Vec<&String> = senders.iter().filter(|s| fold(s) == needle).collect();
        if found.is_empty() {
            return Err(ImportFailure::UnknownSender {
                name: name.clone(),
                found: senders.to_vec(),
            });
        }
        chosen.extend(found.into_iter().cloned());
    }
    Ok(chosen)
}

/// Sorting a set into a vector, so that the sealed entry does not depend on hash order.
pub(crate) fn sorted(set: HashSet<String>) -> Vec<String> {
    let mut v: Vec<String> = set.into_iter().collect();
    v.sort();
    v
}

/// Whether a content type from a backup looks like `type/subtype` and nothing else.
pub(crate) fn plausible_media_type(ct: &str) -> bool {
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
pub(crate) fn stop_signal() -> ImportError {
    ImportError::Io(std::io::Error::new(
        std::io::ErrorKind::Interrupted,
        "stopped",
    ))
}

/// The file's name for messages (its own name, as the user gave it).
pub(crate) fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Refuses a file whose bytes are no longer those first read (`sha256`): the transcript
/// was written from a later reading, and must be of the original stored.
pub(crate) fn unchanged(path: &Path, file: &str, sha256: &str) -> Result<(), ImportFailure> {
    if sha256_of_file(path).map_err(|e| ImportFailure::io(file, e))? != sha256 {
        return Err(ImportFailure::Changed {
            file: file.to_owned(),
        });
    }
    Ok(())
}

pub(crate) fn sha256_of_file(path: &Path) -> std::io::Result<String> {
    let mut reader = HashingReader::new(File::open(path)?);
    std::io::copy(&mut reader, &mut std::io::sink())?;
    Ok(reader.finish())
}

/// Hashes what passes through it.
pub(crate) struct HashingReader<R> {
    inner: R,
    hasher: ring::digest::Context,
}

impl<R: Read> HashingReader<R> {
    pub(crate) fn new(inner: R) -> Self {
        HashingReader {
            inner,
            hasher: ring::digest::Context::new(&ring::digest::SHA256),
        }
    }

    /// Reads to the end (so the hash covers the whole input) and returns the SHA-256.
    pub(crate) fn finish_reading(mut self) -> std::io::Result<String> {
        std::io::copy(&mut self, &mut std::io::sink())?;
        Ok(self.finish())
    }

    pub(crate) fn finish(self) -> String {
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
pub(crate) struct HashingSink {
    hasher: ring::digest::Context,
    pub(crate) head: Vec<u8>,
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
    pub(crate) fn finish(self) -> String {
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
