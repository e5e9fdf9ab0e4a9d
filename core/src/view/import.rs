//! The import wizard: what a chosen file is (a WhatsApp chat, as text or zip, or an SMS
//! Backup & Restore file), who is in it to choose from, the day/month question asked only
//! when the file cannot prove the order, and what reading it will keep, join and leave
//! out — all before anything is written.

use std::collections::HashMap;
use std::io::{BufReader, Read};
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use chrono_tz::Tz;

use super::time::TimeView;
use crate::import::whatsapp::MAX_INPUT_BYTES;
use crate::import::{
    DateOrder, ImportError, ImportFailure, MessageKind, SmsFilter, SmsItem, WhatsAppOptions,
    chat_file_name_in_zip, parse_sms_backup, parse_whatsapp_bytes,
};
use crate::locale::Words;
use crate::safe_zip::{SafeZip, ZipLimits};

/// The most people listed to choose from; a backup with more lists the busiest.
pub const MAX_SENDERS: usize = 500;

/// What kind of file was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImportFormat {
    /// A WhatsApp chat exported as text.
    WhatsAppText,
    /// A WhatsApp chat exported as a zip with its media.
    WhatsAppZip,
    /// An SMS Backup & Restore XML file (messages or calls).
    SmsBackup,
}

/// Someone in the file, to choose as a sender whose messages matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SenderChoice {
    /// The name or number as the file has it (what the import is given back).
    pub name: String,
    /// The contact name the phone had for a number, if the file says.
    pub contact: Option<String>,
    /// Messages from or with them.
    pub messages: u64,
    /// Calls with them.
    pub calls: u64,
}

/// One answer to the day/month question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateOrderChoice {
    /// What to pass to the import.
    pub order: DateOrder,
    /// "Day first: 03/12/2024 is 3 December 2024".
    pub label: String,
}

/// The question asked when every date in a chat reads both ways.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateOrderQuestion {
    /// "The dates in this chat could be day/month or month/day. Which does the phone use?"
    pub text: String,
    /// Day first, then month first.
    pub choices: Vec<DateOrderChoice>,
}

/// What the file holds, before anything is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportPreview {
    /// What kind of file it is.
    pub format: ImportFormat,
    /// "WhatsApp chat (exported with media)".
    pub format_label: String,
    /// The people in it, busiest first.
    pub senders: Vec<SenderChoice>,
    /// More people than [`MAX_SENDERS`] were in it; the rest are not listed.
    pub senders_not_listed: u64,
    /// The question to ask, when the dates could be read either way; the counts and times
    /// below wait for the answer.
    pub date_order_question: Option<DateOrderQuestion>,
    /// The date order the import will use (given, or proven by the file).
    pub date_order: Option<DateOrder>,
    /// Messages it will keep.
    pub messages: u64,
    /// Calls it will keep.
    pub calls: u64,
    /// Media files the messages refer to (kept when the export has them).
    pub media: u64,
    /// Lines that continued the message before them and were joined to it.
    pub lines_joined: u64,
    /// Blank lines left out.
    pub lines_skipped: u64,
    /// The first message or call, as it will be recorded.
    pub first: Option<TimeView>,
    /// The last.
    pub last: Option<TimeView>,
    /// What reading it will do, in sentences ("412 messages from 3 people …").
    pub lines: Vec<String>,
}

/// Reads the file at `path` as the import would, writing nothing. `date_order` is the
/// answer to the day/month question, once asked; `zone` is where the chat's local times
/// are read.
pub fn preview_import(
    path: &Path,
    zone: Tz,
    date_order: Option<DateOrder>,
    words: &Words,
) -> Result<ImportPreview, ImportFailure> {
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let io = |source| ImportFailure::Io {
        file: file.clone(),
        source,
    };
    let mut head = Vec::with_capacity(4096);
    std::fs::File::open(path)
        .and_then(|f| f.take(4096).read_to_end(&mut head))
        .map_err(io)?;
    if head.starts_with(b"PK\x03\x04") {
        let mut zip =
            SafeZip::open(path, ZipLimits::default()).map_err(|source| ImportFailure::Zip {
                file: file.clone(),
                source,
            })?;
        let names = zip.names();
        let chat = chat_file_name_in_zip(&names)
            .ok_or_else(|| ImportFailure::NoChatInZip { file: file.clone() })?
            .to_owned();
        let text = zip
            .read_member(&chat, MAX_INPUT_BYTES as u64)
            .map_err(|source| ImportFailure::Zip {
                file: file.clone(),
                source,
            })?;
        whatsapp(
            &text,
            ImportFormat::WhatsAppZip,
            &file,
            zone,
            date_order,
            words,
        )
    } else if looks_like_sms_backup(&head) {
        sms(path, &file, zone, words)
    } else {
        let size = std::fs::metadata(path).map_err(io)?.len();
        if size > MAX_INPUT_BYTES as u64 {
            return Err(ImportFailure::Parse {
                file,
                source: ImportError::TooLarge {
                    what: "chat export",
                    limit: MAX_INPUT_BYTES as u64,
                },
            });
        }
        let text = std::fs::read(path).map_err(io)?;
        whatsapp(
            &text,
            ImportFormat::WhatsAppText,
            &file,
            zone,
            date_order,
            words,
        )
    }
}

fn looks_like_sms_backup(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head);
    let t = text.trim_start_matches('\u{feff}').trim_start();
    t.starts_with('<') && (t.contains("<smses") || t.contains("<calls"))
}

fn whatsapp(
    bytes: &[u8],
    format: ImportFormat,
    file: &str,
    zone: Tz,
    date_order: Option<DateOrder>,
    words: &Words,
) -> Result<ImportPreview, ImportFailure> {
    let options = |date_order| WhatsAppOptions {
        date_order,
        time_zone: zone,
    };
    let parse_failure = |source| ImportFailure::Parse {
        file: file.to_owned(),
        source,
    };
    let (chat, question) = match parse_whatsapp_bytes(bytes, &options(date_order)) {
        Ok(chat) => (chat, None),
        Err(ImportError::AmbiguousDateOrder) if date_order.is_none() => {
            // Who is in the chat does not depend on the order; the times do, so they wait
            // for the answer.
            let chat = parse_whatsapp_bytes(bytes, &options(Some(DateOrder::DayMonthYear)))
                .map_err(parse_failure)?;
            (chat, Some(date_order_question(words)))
        }
        Err(e) => return Err(parse_failure(e)),
    };
    let mut counts: HashMap<&str, u64> = HashMap::new();
    let mut media = 0;
    let mut joined = 0;
    for m in &chat.messages {
        if let Some(s) = &m.sender {
            *counts.entry(s.as_str()).or_default() += 1;
        }
        if matches!(
            m.kind,
            MessageKind::Media { .. } | MessageKind::MediaOmitted
        ) {
            media += 1;
        }
        joined += m.text.matches('\n').count() as u64;
    }
    let mut senders: Vec<SenderChoice> = chat
        .senders
        .iter()
        .map(|name| SenderChoice {
            name: name.clone(),
            contact: None,
            messages: counts.get(name.as_str()).copied().unwrap_or(0),
            calls: 0,
        })
        .collect();
    senders.sort_by_key(|s| std::cmp::Reverse(s.messages));
    let text_lines = String::from_utf8_lossy(bytes).lines().count() as u64;
    let messages = chat.messages.len() as u64;
    let skipped = text_lines.saturating_sub(messages + joined);
    let dated = question.is_none();
    let times = chat.messages.iter().map(|m| m.at);
    let (first, last) = if dated {
        span_of(times, words)
    } else {
        (None, None)
    };
    let not_listed = senders.len().saturating_sub(MAX_SENDERS) as u64;
    senders.truncate(MAX_SENDERS);
    let mut preview = ImportPreview {
        format,
        format_label: words.text(format_id(format)),
        senders,
        senders_not_listed: not_listed,
        date_order_question: question,
        date_order: dated.then_some(chat.date_order),
        messages,
        calls: 0,
        media,
        lines_joined: joined,
        lines_skipped: skipped,
        first,
        last,
        lines: Vec::new(),
    };
    preview.lines = lines(&preview, words);
    Ok(preview)
}

fn sms(path: &Path, file: &str, zone: Tz, words: &Words) -> Result<ImportPreview, ImportFailure> {
    let reader = std::fs::File::open(path).map_err(|source| ImportFailure::Io {
        file: file.to_owned(),
        source,
    })?;
    let mut people: HashMap<String, SenderChoice> = HashMap::new();
    let mut first: Option<DateTime<FixedOffset>> = None;
    let mut last: Option<DateTime<FixedOffset>> = None;
    let mut media = 0u64;
    let mut note = |at: chrono::DateTime<chrono::Utc>| {
        let at = at.with_timezone(&zone).fixed_offset();
        first = Some(first.map_or(at, |f| f.min(at)));
        last = Some(last.map_or(at, |l| l.max(at)));
    };
    let stats = parse_sms_backup(BufReader::new(reader), &SmsFilter::default(), |item| {
        let (at, addresses, contact, call) = match item {
            SmsItem::Message {
                at,
                addresses,
                contact_name,
                parts,
                ..
            } => {
                media += parts
                    .iter()
                    .filter(|p| p.data.is_some() && !p.content_type.starts_with("text/"))
                    .count() as u64;
                (at, addresses, contact_name, false)
            }
            SmsItem::Call {
                at,
                number,
                contact_name,
                ..
            } => (at, vec![number], contact_name, true),
        };
        note(at);
        for a in addresses {
            // Bounded: a hostile file with millions of numbers counts the rest unlisted.
            if people.len() >= MAX_SENDERS * 4 && !people.contains_key(&a) {
                continue;
            }
            let p = people.entry(a.clone()).or_insert_with(|| SenderChoice {
                name: a,
                contact: None,
                messages: 0,
                calls: 0,
            });
            if p.contact.is_none() {
                p.contact.clone_from(&contact);
            }
            if call {
                p.calls += 1;
            } else {
                p.messages += 1;
            }
        }
        Ok(())
    })
    .map_err(|source| ImportFailure::Parse {
        file: file.to_owned(),
        source,
    })?;
    let mut senders: Vec<SenderChoice> = people.into_values().collect();
    senders.sort_by(|a, b| {
        (b.messages + b.calls)
            .cmp(&(a.messages + a.calls))
            .then_with(|| a.name.cmp(&b.name))
    });
    let not_listed = senders.len().saturating_sub(MAX_SENDERS) as u64;
    senders.truncate(MAX_SENDERS);
    let mut preview = ImportPreview {
        format: ImportFormat::SmsBackup,
        format_label: words.text(format_id(ImportFormat::SmsBackup)),
        senders,
        senders_not_listed: not_listed,
        date_order_question: None,
        date_order: None,
        messages: stats.messages,
        calls: stats.calls,
        media,
        lines_joined: 0,
        lines_skipped: 0,
        first: first.map(|t| TimeView::of(t, words)),
        last: last.map(|t| TimeView::of(t, words)),
        lines: Vec::new(),
    };
    preview.lines = lines(&preview, words);
    Ok(preview)
}

fn span_of(
    times: impl Iterator<Item = DateTime<FixedOffset>> + Clone,
    words: &Words,
) -> (Option<TimeView>, Option<TimeView>) {
    let first = times.clone().min_by_key(|t| t.to_utc());
    let last = times.max_by_key(|t| t.to_utc());
    (
        first.map(|t| TimeView::of(t, words)),
        last.map(|t| TimeView::of(t, words)),
    )
}

fn format_id(format: ImportFormat) -> &'static str {
    match format {
        ImportFormat::WhatsAppText => "import-format-whatsapp-text",
        ImportFormat::WhatsAppZip => "import-format-whatsapp-zip",
        ImportFormat::SmsBackup => "import-format-sms",
    }
}

fn date_order_question(words: &Words) -> DateOrderQuestion {
    DateOrderQuestion {
        text: words.text("import-date-order-question"),
        choices: vec![
            DateOrderChoice {
                order: DateOrder::DayMonthYear,
                label: words.text("import-day-first"),
            },
            DateOrderChoice {
                order: DateOrder::MonthDayYear,
                label: words.text("import-month-first"),
            },
        ],
    }
}

fn lines(p: &ImportPreview, words: &Words) -> Vec<String> {
    let mut out = vec![words.with(
        "import-summary",
        &[
            ("messages", p.messages.into()),
            ("calls", p.calls.into()),
            (
                "people",
                (p.senders.len() as u64 + p.senders_not_listed).into(),
            ),
        ],
    )];
    if let (Some(a), Some(b)) = (&p.first, &p.last) {
        out.push(words.with(
            "import-period",
            &[("first", (&a.text).into()), ("last", (&b.text).into())],
        ));
    }
    if p.media > 0 {
        out.push(words.with("import-media", &[("n", p.media.into())]));
    }
    if p.lines_joined > 0 {
        out.push(words.with("import-joined", &[("n", p.lines_joined.into())]));
    }
    if p.lines_skipped > 0 {
        out.push(words.with("import-skipped", &[("n", p.lines_skipped.into())]));
    }
    out
}

/// Reads the answer to the day/month question as typed on the command line (`dmy`,
/// `mdy`, in any case).
pub fn parse_date_order(s: &str) -> Option<DateOrder> {
    match s.trim().to_ascii_lowercase().as_str() {
        "dmy" => Some(DateOrder::DayMonthYear),
        "mdy" => Some(DateOrder::MonthDayYear),
        _ => None,
    }
}
