//! Transcripts: the messages and calls of an imported conversation, kept as one
//! attachment of canonical JSON lines ([`TranscriptLine`]) that the message-log entry
//! names by SHA-256 and summarises ([`Transcript`]).
//!
//! Writing tallies what the entry records (counts, first and last, senders) as the lines
//! go past; reading hands the lines over one at a time, so a conversation of millions of
//! messages is read in the memory of one message. Message logs from before transcripts
//! keep their messages in the entry; the [`Transcripts`] reading of a [`Diary`] reads both
//! alike.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};

use chrono::{DateTime, FixedOffset};

use crate::diary::Diary;
use crate::error::{Error, Result};
use crate::model::{
    AttachmentRef, MessageLog, SenderTally, Transcript, TranscriptLine, Transcripts,
};

/// The media type of a transcript file.
pub const TRANSCRIPT_MEDIA_TYPE: &str = "application/x-ndjson";
/// The name a transcript file is stored under.
pub const TRANSCRIPT_FILE_NAME: &str = "transcript.jsonl";
/// Longest transcript line read back (a 4 MiB message, every character escaped).
const MAX_LINE_BYTES: u64 = 32 * 1024 * 1024;
/// Senders listed in a transcript's summary (a group holds at most 1,024 people; an SMS
/// backup of a whole phone may hold more numbers, which are counted but not named).
const MAX_LISTED_SENDERS: usize = 10_000;

/// Writes transcript lines to `out` and tallies them.
pub(crate) struct TranscriptWriter<W> {
    out: W,
    tally: Tally,
    line: Vec<u8>,
}

/// What a transcript holds, for its entry.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    messages: u64,
    calls: u64,
    first: Option<DateTime<FixedOffset>>,
    last: Option<DateTime<FixedOffset>>,
    senders: Vec<SenderTally>,
    index: HashMap<String, usize>,
}

impl Tally {
    fn see(&mut self, at: DateTime<FixedOffset>, who: &str, call: bool) {
        self.first = Some(self.first.map_or(at, |f| f.min(at)));
        self.last = Some(self.last.map_or(at, |l| l.max(at)));
        if call {
            self.calls += 1;
        } else {
            self.messages += 1;
        }
        if who.is_empty() {
            return;
        }
        let slot = match self.index.get(who) {
            Some(&i) => self.senders.get_mut(i),
            None if self.senders.len() < MAX_LISTED_SENDERS => {
                self.index.insert(who.to_owned(), self.senders.len());
                self.senders.push(SenderTally {
                    name: who.to_owned(),
                    messages: 0,
                    calls: 0,
                });
                self.senders.last_mut()
            }
            None => None,
        };
        if let Some(s) = slot {
            if call {
                s.calls += 1;
            } else {
                s.messages += 1;
            }
        }
    }

    /// The entry's summary of the transcript stored as `file`.
    pub(crate) fn into_transcript(self, file: AttachmentRef) -> Transcript {
        Transcript {
            file,
            messages: self.messages,
            calls: self.calls,
            first: self.first,
            last: self.last,
            senders: self.senders,
        }
    }

    /// Messages and calls tallied.
    #[cfg(test)]
    pub(crate) fn counts(&self) -> (u64, u64) {
        (self.messages, self.calls)
    }

    /// The earliest and latest instant tallied.
    #[cfg(test)]
    pub(crate) fn span(&self) -> (Option<DateTime<FixedOffset>>, Option<DateTime<FixedOffset>>) {
        (self.first, self.last)
    }
}

impl<W: Write> TranscriptWriter<W> {
    pub(crate) fn new(out: W) -> Self {
        TranscriptWriter {
            out,
            tally: Tally::default(),
            line: Vec::with_capacity(512),
        }
    }

    /// Writes one line.
    pub(crate) fn push(&mut self, line: &TranscriptLine) -> std::io::Result<()> {
        match line {
            TranscriptLine::Message(m) => self.tally.see(m.at, &m.sender, false),
            TranscriptLine::Call(c) => self.tally.see(c.at, &c.number, true),
        }
        self.line.clear();
        serde_json::to_writer(&mut self.line, line).map_err(std::io::Error::other)?;
        self.line.push(b'\n');
        self.out.write_all(&self.line)
    }

    /// The writer and the tally as they stand, unflushed (for giving up).
    pub(crate) fn into_parts(self) -> (W, Tally) {
        (self.out, self.tally)
    }

    /// Flushes and returns the writer and the tally.
    pub(crate) fn finish(mut self) -> std::io::Result<(W, Tally)> {
        self.out.flush()?;
        Ok((self.out, self.tally))
    }
}

impl Transcripts for Diary {
    fn for_each_line(
        &self,
        seq: u64,
        log: &MessageLog,
        each: &mut dyn FnMut(TranscriptLine) -> Result<()>,
    ) -> Result<()> {
        crate::model::inline_lines(log, each)?;
        let Some(transcript) = &log.transcript else {
            return Ok(());
        };
        let reader = self.attachment_reader(&transcript.file.sha256)?;
        read_lines(BufReader::with_capacity(256 * 1024, reader), seq, each)
    }
}

/// Parses transcript lines from `reader`, naming entry `seq` and the line in errors.
pub(crate) fn read_lines(
    mut reader: impl BufRead,
    seq: u64,
    each: &mut dyn FnMut(TranscriptLine) -> Result<()>,
) -> Result<()> {
    let mut buf = Vec::with_capacity(4096);
    let mut line_no = 0u64;
    loop {
        buf.clear();
        let n = (&mut reader)
            .take(MAX_LINE_BYTES + 1)
            .read_until(b'\n', &mut buf)
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::InvalidData => {
                    Error::Corrupt(format!("entry {seq}: its transcript cannot be read ({e})"))
                }
                _ => Error::Io(e),
            })?;
        if n == 0 {
            return Ok(());
        }
        line_no += 1;
        if buf.len() as u64 > MAX_LINE_BYTES {
            return Err(Error::Corrupt(format!(
                "entry {seq}: transcript line {line_no} is longer than any message"
            )));
        }
        let text = buf.strip_suffix(b"\n").unwrap_or(&buf);
        let line: TranscriptLine = serde_json::from_slice(text).map_err(|e| {
            Error::Corrupt(format!(
                "entry {seq}: transcript line {line_no} is malformed ({})",
                crate::error::json_error_summary(&e)
            ))
        })?;
        each(line)?;
    }
}

impl Diary {
    /// Messages `start..start + count` of a message log (entry `seq`), in stored order,
    /// for a screen that shows a long conversation a page at a time. Reads up to the page
    /// and stops; calls are left out.
    pub fn message_page(
        &self,
        seq: u64,
        start: u64,
        count: u64,
    ) -> Result<Vec<crate::model::LoggedMessage>> {
        let view = self.get(seq)?;
        let log = view.message_log().ok_or(Error::NoSuchEntry(seq))?;
        let mut page = Vec::new();
        let mut index = 0u64;
        let end = start.saturating_add(count);
        let stop = || Error::Cancelled;
        let outcome = self.for_each_line(seq, log, &mut |line| {
            if let TranscriptLine::Message(m) = line {
                if index >= end {
                    return Err(stop());
                }
                if index >= start {
                    page.push(m);
                }
                index += 1;
            }
            Ok(())
        });
        match outcome {
            Ok(()) | Err(Error::Cancelled) => Ok(page),
            Err(e) => Err(e),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::{CallRecord, LoggedMessage, MessageStatus};

    fn message(at: &str, sender: &str, text: &str) -> TranscriptLine {
        TranscriptLine::Message(LoggedMessage {
            at: DateTime::parse_from_rfc3339(at).unwrap(),
            sender: sender.into(),
            text: text.into(),
            status: MessageStatus::Text,
            chosen: false,
            outgoing: false,
            media_name: None,
            media_sha256: None,
            media_type: None,
        })
    }

    #[test]
    fn lines_written_read_back_the_same_and_are_tallied() {
        let lines = vec![
            message("2024-03-12T21:06:00+00:00", "Sam", "where are you\nanswer"),
            message("2024-03-12T21:05:00+00:00", "", "notice"),
            TranscriptLine::Call(CallRecord {
                at: DateTime::parse_from_rfc3339("2024-03-13T08:00:00+00:00").unwrap(),
                number: "+447700900123".into(),
                direction: "missed".into(),
                duration_seconds: 0,
                chosen: true,
            }),
            message("2024-03-12T21:07:00+00:00", "Sam", "\u{1F600} \"quoted\""),
        ];
        let mut w = TranscriptWriter::new(Vec::new());
        for l in &lines {
            w.push(l).unwrap();
        }
        let (bytes, tally) = w.finish().unwrap();
        assert_eq!(bytes.iter().filter(|&&b| b == b'\n').count(), 4);
        let first_line = bytes.split(|&b| b == b'\n').next().unwrap();
        assert!(first_line.starts_with(br#"{"line":"message","at":"2024-03-12T21:06:00Z""#));
        let mut back = Vec::new();
        read_lines(bytes.as_slice(), 7, &mut |l| {
            back.push(l);
            Ok(())
        })
        .unwrap();
        assert_eq!(back, lines);
        assert_eq!(tally.counts(), (3, 1));
        let (first, last) = tally.span();
        assert_eq!(first.unwrap().to_rfc3339(), "2024-03-12T21:05:00+00:00");
        assert_eq!(last.unwrap().to_rfc3339(), "2024-03-13T08:00:00+00:00");
        let t = tally.into_transcript(AttachmentRef {
            sha256: "0".repeat(64),
            size: 1,
            media_type: TRANSCRIPT_MEDIA_TYPE.into(),
            file_name: None,
            captured_at: None,
            camera: None,
            gps: None,
            dimensions: None,
        });
        assert_eq!(
            t.senders,
            [
                SenderTally {
                    name: "Sam".into(),
                    messages: 2,
                    calls: 0
                },
                SenderTally {
                    name: "+447700900123".into(),
                    messages: 0,
                    calls: 1
                },
            ]
        );
    }

    #[test]
    fn a_damaged_line_names_its_entry_and_line_not_its_text() {
        let bytes = b"{\"line\":\"message\",\"at\":\"2024-03-12T21:06:00Z\",\"sender\":\"S\",\"text\":\"secret\",\"status\":\"text\"}\n{\"line\":\"message\",\"secret\n";
        let err = read_lines(&bytes[..], 9, &mut |_| Ok(())).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("entry 9") && msg.contains("line 2"), "{msg}");
        assert!(!msg.contains("secret"), "{msg}");
    }
}
