//! What an import wizard shows before anything is written: which kind of export a file is
//! ([`detect`]), and what it holds ([`preview`]) — its layout, its senders (to choose the
//! ones that matter from), whether the day/month order must be asked, and how many lines
//! were joined to the message above or skipped. Both read the file and write nothing.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use crate::zone::Zone;

use super::into_diary::{ImportFailure, device_time_zone, display_name, is_zip};
use super::json::{JsonChat, JsonFormat, inspect_json};
use super::whatsapp::{
    DateOrder, Layout, SenderCount, chat_file_name_in_zip, header, inspect_whatsapp,
};
use super::{ImportError, SmsFilter, SmsItem, parse_sms_backup};
use crate::pipe::pipe;
use crate::safe_zip::{SafeZip, ZipLimits};

/// The kinds of export Tally imports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ImportFormat {
    /// A WhatsApp chat export (`.txt`, or `.zip` with media).
    WhatsApp,
    /// An SMS Backup & Restore XML file (messages or calls).
    Sms,
    /// A Telegram Desktop JSON export.
    Telegram,
    /// Instagram messages from "Download your information".
    Instagram,
    /// Facebook Messenger messages from "Download your information".
    Messenger,
}

impl ImportFormat {
    /// The kind in words.
    pub fn label(self) -> &'static str {
        match self {
            ImportFormat::WhatsApp => "WhatsApp chat export",
            ImportFormat::Sms => "SMS Backup & Restore file",
            ImportFormat::Telegram => "Telegram export",
            ImportFormat::Instagram => "Instagram messages",
            ImportFormat::Messenger => "Messenger messages",
        }
    }
}

/// What the user may say before a preview.
#[derive(Clone, Debug, Default)]
pub struct PreviewOptions {
    /// The zone local times are read in (`None`: this device's).
    pub time_zone: Option<Zone>,
    /// For a Telegram data export, the chat to count.
    pub chat: Option<String>,
}

/// What a file holds, for a person to decide how to import it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportPreview {
    /// The kind of export.
    pub format: ImportFormat,
    /// Whether it came as a zip (a WhatsApp export with its media).
    pub zipped: bool,
    /// For a chat export: the app that wrote it and how its message headers look
    /// (`Android: dd/mm/yy, hh:mm - `).
    pub layout: Option<String>,
    /// Who sent messages (numbers, for SMS), in order of first appearance, with counts:
    /// the list to choose the senders that matter from.
    pub senders: Vec<SenderCount>,
    /// The chats of a Telegram data export (to choose one from), else empty.
    pub chats: Vec<JsonChat>,
    /// Whether a chat must be chosen before importing.
    pub needs_chat: bool,
    /// The day/month order the dates prove, or `None`.
    pub date_order: Option<DateOrder>,
    /// Whether the dates leave the day/month order open (ask the user).
    pub needs_date_order: bool,
    /// Messages (notices included).
    pub messages: usize,
    /// Of which notices with no sender.
    pub notices: usize,
    /// Calls (call-log backups).
    pub calls: usize,
    /// Media files the messages name (kept when the export holds them).
    pub media: usize,
    /// Lines joined to the message above them.
    pub joined_lines: usize,
    /// Blank lines that belong to no message.
    pub skipped_lines: usize,
    /// Joined lines that begin with a date and a time (the first of them, by number).
    pub dated_lines: Vec<usize>,
}

/// Numbers listed in an SMS preview (the rest are counted).
const MAX_LISTED_NUMBERS: usize = 10_000;
/// Bytes looked at to tell the kinds apart.
const SNIFF_BYTES: u64 = 64 * 1024;

/// Which kinds of export `path` may be, most likely first (Instagram and Messenger files
/// look alike: both are returned, and the user says). Reads the first bytes only.
pub fn detect(path: &Path) -> Result<Vec<ImportFormat>, ImportFailure> {
    let file = display_name(path);
    if is_zip(path, &file)? {
        return Ok(vec![ImportFormat::WhatsApp]);
    }
    let mut head = Vec::new();
    File::open(path)
        .and_then(|f| f.take(SNIFF_BYTES).read_to_end(&mut head))
        .map_err(|e| ImportFailure::io(&file, e))?;
    let text = String::from_utf8_lossy(&head);
    let start = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    if start.starts_with('<') {
        if text.contains("<smses") || text.contains("<calls") {
            return Ok(vec![ImportFormat::Sms]);
        }
    } else if start.starts_with('{') {
        if text.contains("\"sender_name\"") || text.contains("\"timestamp_ms\"") {
            return Ok(vec![ImportFormat::Instagram, ImportFormat::Messenger]);
        }
        if text.contains("\"chats\"")
            || text.contains("\"date_unixtime\"")
            || text.contains("\"text_entities\"")
            || text.contains("\"from_id\"")
        {
            return Ok(vec![ImportFormat::Telegram]);
        }
    } else if let Some(first) = start.lines().next()
        && header::parse(first).is_ok()
    {
        return Ok(vec![ImportFormat::WhatsApp]);
    }
    Err(ImportFailure::parse(&file, ImportError::NotRecognised))
}

/// Reads `path` as `format` once and says what it holds; nothing is written. A file
/// that would be refused on import is refused here with the same error.
pub fn preview(
    path: &Path,
    format: ImportFormat,
    options: &PreviewOptions,
) -> Result<ImportPreview, ImportFailure> {
    let file = display_name(path);
    let parse = |source| ImportFailure::parse(&file, source);
    let open = || File::open(path).map_err(|e| ImportFailure::io(&file, e));
    let zone = options.time_zone.unwrap_or_else(device_time_zone);
    let empty = ImportPreview {
        format,
        zipped: false,
        layout: None,
        senders: Vec::new(),
        chats: Vec::new(),
        needs_chat: false,
        date_order: None,
        needs_date_order: false,
        messages: 0,
        notices: 0,
        calls: 0,
        media: 0,
        joined_lines: 0,
        skipped_lines: 0,
        dated_lines: Vec::new(),
    };
    match format {
        ImportFormat::WhatsApp => {
            let zipped = is_zip(path, &file)?;
            let inspection = if zipped {
                let mut zip = SafeZip::open(path, ZipLimits::default()).map_err(|source| {
                    ImportFailure::Zip {
                        file: file.clone(),
                        source,
                    }
                })?;
                let member = chat_file_name_in_zip(&zip.names())
                    .ok_or_else(|| ImportFailure::NoChatInZip { file: file.clone() })?
                    .to_owned();
                let (mut tx, rx) = pipe();
                std::thread::scope(|scope| {
                    let inflater = scope.spawn(move || {
                        let copied = zip.copy_member(&member, &mut tx);
                        if let Err(e) = &copied {
                            tx.fail(std::io::Error::other(e.to_string()));
                        }
                    });
                    let inspected = inspect_whatsapp(BufReader::new(rx), zone);
                    let _ = inflater.join();
                    inspected
                })
                .map_err(parse)?
            } else {
                inspect_whatsapp(BufReader::with_capacity(256 * 1024, open()?), zone)
                    .map_err(parse)?
            };
            let app = match inspection.layout {
                Layout::Android => "Android",
                Layout::Ios => "iPhone",
            };
            Ok(ImportPreview {
                layout: Some(format!("{app}: {}", inspection.pattern)),
                date_order: inspection.date_order.map(|(o, _)| o),
                needs_date_order: inspection.needs_date_order(),
                messages: inspection.messages,
                notices: inspection.notices,
                joined_lines: inspection.joined_lines,
                skipped_lines: inspection.skipped_lines,
                dated_lines: inspection.dated_lines.clone(),
                media: inspection.media.len(),
                zipped,
                senders: inspection.senders,
                ..empty
            })
        }
        ImportFormat::Sms => {
            let mut numbers: Vec<SenderCount> = Vec::new();
            let mut index = std::collections::HashMap::new();
            let stats = parse_sms_backup(
                BufReader::with_capacity(64 * 1024, open()?),
                &SmsFilter::default(),
                |item| {
                    let number = match &item {
                        SmsItem::Message { addresses, .. } => addresses.first().cloned(),
                        SmsItem::Call { number, .. } => Some(number.clone()),
                    };
                    if let Some(number) = number.filter(|n| !n.is_empty()) {
                        match index.get(&number) {
                            Some(&i) => {
                                if let Some(s) = numbers.get_mut(i) {
                                    let s: &mut SenderCount = s;
                                    s.messages += 1;
                                }
                            }
                            None if numbers.len() < MAX_LISTED_NUMBERS => {
                                index.insert(number.clone(), numbers.len());
                                numbers.push(SenderCount {
                                    name: number,
                                    messages: 1,
                                });
                            }
                            None => {}
                        }
                    }
                    Ok(())
                },
            )
            .map_err(parse)?;
            Ok(ImportPreview {
                senders: numbers,
                messages: usize::try_from(stats.messages).unwrap_or(usize::MAX),
                calls: usize::try_from(stats.calls).unwrap_or(usize::MAX),
                ..empty
            })
        }
        ImportFormat::Telegram | ImportFormat::Instagram | ImportFormat::Messenger => {
            let json = match format {
                ImportFormat::Telegram => JsonFormat::Telegram,
                ImportFormat::Instagram => JsonFormat::Instagram,
                _ => JsonFormat::Messenger,
            };
            let inspection = inspect_json(
                BufReader::with_capacity(256 * 1024, open()?),
                json,
                zone,
                options.chat.as_deref(),
            )
            .map_err(parse)?;
            Ok(ImportPreview {
                needs_chat: inspection.needs_chat(),
                messages: inspection.messages,
                notices: inspection.notices,
                chats: inspection.chats,
                senders: inspection.senders,
                ..empty
            })
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    use crate::test_support::fixture_path as fixture;

    #[test]
    fn files_are_told_apart_by_their_first_bytes() {
        for (name, expected) in [
            ("android-24h-dmy.txt", vec![ImportFormat::WhatsApp]),
            ("wa-ios-ar.txt", vec![ImportFormat::WhatsApp]),
            ("sms-backup.xml", vec![ImportFormat::Sms]),
            ("calls-backup.xml", vec![ImportFormat::Sms]),
            ("telegram-chat.json", vec![ImportFormat::Telegram]),
            ("telegram-data.json", vec![ImportFormat::Telegram]),
            (
                "instagram-inbox.json",
                vec![ImportFormat::Instagram, ImportFormat::Messenger],
            ),
        ] {
            assert_eq!(detect(&fixture(name)).unwrap(), expected, "{name}");
        }
        let err = detect(&fixture("garbage.bin")).unwrap_err();
        assert!(err.to_string().contains("not a kind of export"), "{err}");
    }

    #[test]
    fn a_preview_lists_senders_asks_only_what_it_must_and_counts_joined_lines() {
        let o = PreviewOptions {
            time_zone: Some(Zone::UTC),
            chat: None,
        };
        let p = preview(&fixture("android-24h-dmy.txt"), ImportFormat::WhatsApp, &o).unwrap();
        assert_eq!(p.layout.as_deref(), Some("Android: dd/mm/yy, hh:mm - "));
        assert_eq!(p.senders.len(), 2);
        assert_eq!((p.messages, p.notices, p.joined_lines), (10, 3, 4));
        assert!(!p.needs_date_order);
        let p = preview(&fixture("ambiguous.txt"), ImportFormat::WhatsApp, &o).unwrap();
        assert!(p.needs_date_order && p.date_order.is_none());
        let p = preview(&fixture("sms-backup.xml"), ImportFormat::Sms, &o).unwrap();
        assert_eq!(
            p.senders
                .iter()
                .map(|s| (s.name.as_str(), s.messages))
                .collect::<Vec<_>>(),
            [
                ("+447700900123", 2),
                ("07700 900123", 1),
                ("+447700900999", 1)
            ]
        );
        let p = preview(&fixture("telegram-data.json"), ImportFormat::Telegram, &o).unwrap();
        assert!(p.needs_chat && p.chats.len() == 2 && p.senders.is_empty());
    }
}
