//! `Diary::import_json`: a Telegram, Instagram or Messenger JSON export as one
//! message-log entry, in the order of work the parent module describes (vet, store the
//! original, write the transcript while reading again, append).

use std::collections::HashMap;
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use crate::zone::Zone;

use super::{
    HashingReader, ImportFailure, ImportSummary, choose_senders, device_time_zone, display_name,
    sorted, unchanged,
};
use crate::diary::Diary;
use crate::error::Error;
use crate::import::ImportError;
use crate::import::json::{JsonFormat, inspect_json, read_json};
use crate::model::{MessageLog, MessageSource, TranscriptLine};
use crate::progress::Progress;

/// What the user says about a JSON chat export.
#[derive(Debug, Clone, Default)]
pub struct JsonImport {
    /// The senders whose messages matter (matched case-insensitively against the names in
    /// the chat); everyone else's are kept for context.
    pub senders: Vec<String>,
    /// The chat to import from a Telegram data export of several (by its name).
    pub chat: Option<String>,
    /// The zone to show the messages' times in (and to read old Telegram exports' local
    /// times in); `None` for this device's zone.
    pub time_zone: Option<Zone>,
    /// The person entries this conversation is with.
    pub people: Vec<u64>,
}

impl Diary {
    /// Imports a Telegram Desktop `result.json`, or an Instagram or Messenger
    /// "Download your information" `message_1.json`, as one message-log entry: every
    /// message kept, the chosen senders' marked `chosen`, notices with no sender, files
    /// named (the message file does not hold them). The original file is stored byte for
    /// byte; the messages go to the transcript. Nothing is written when the file is
    /// refused.
    pub fn import_json(
        &mut self,
        path: &Path,
        format: JsonFormat,
        options: &JsonImport,
        progress: &dyn Progress,
    ) -> Result<ImportSummary, ImportFailure> {
        let file = display_name(path);
        let zone = options.time_zone.unwrap_or_else(device_time_zone);
        let parse = |source| ImportFailure::parse(&file, source);
        let open = || File::open(path).map_err(|e| ImportFailure::io(&file, e));

        // Pass 1: read and vet, hashing as it reads.
        let mut hashed = BufReader::with_capacity(256 * 1024, HashingReader::new(open()?));
        let inspection =
            inspect_json(&mut hashed, format, zone, options.chat.as_deref()).map_err(parse)?;
        let original_sha = hashed
            .into_inner()
            .finish_reading()
            .map_err(|e| ImportFailure::io(&file, e))?;
        if inspection.needs_chat() {
            return Err(parse(ImportError::ChooseChat {
                chats: inspection.chats.len(),
            }));
        }
        let names: Vec<String> = inspection.senders.iter().map(|s| s.name.clone()).collect();
        let chosen = choose_senders(&names, &options.senders)?;
        if progress.cancelled() {
            return Err(Error::Cancelled.into());
        }

        // Pass 2: the original.
        let original =
            self.store_original(path, &file, "application/json", &original_sha, progress)?;

        // Pass 3: the transcript, read again as it is written.
        let (transcript, ()) = {
            let inspection = &inspection;
            let chosen = &chosen;
            let file_name = file.clone();
            let no_media = HashMap::new();
            self.store_transcript(&file, progress, move |writer| {
                let reader = BufReader::with_capacity(
                    256 * 1024,
                    File::open(path).map_err(|e| ImportFailure::io(&file_name, e))?,
                );
                read_json(reader, inspection, |m| {
                    let line = super::whatsapp::logged(m, chosen, &no_media);
                    writer
                        .push(&TranscriptLine::Message(line))
                        .map_err(ImportError::Io)
                })
                .map_err(|e| ImportFailure::parse(&file_name, e))
            })?
        };
        unchanged(path, &file, &original_sha)?;
        let summary = ImportSummary {
            seq: 0,
            messages: inspection.messages,
            notices: inspection.notices,
            senders: names,
            first: transcript.first,
            last: transcript.last,
            ..ImportSummary::default()
        };
        let source = match format {
            JsonFormat::Telegram => MessageSource::Telegram,
            JsonFormat::Instagram => MessageSource::Instagram,
            JsonFormat::Messenger => MessageSource::Messenger,
        };
        let log = MessageLog {
            time_zone: Some(zone.name().to_owned()),
            people: options.people.clone(),
            chosen_senders: sorted(chosen),
            ..MessageLog::transcribed(source, original, transcript)
        };
        self.append_import(log, summary, progress)
    }
}
