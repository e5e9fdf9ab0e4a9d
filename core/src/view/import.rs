//! The import wizard: what a chosen file is (a WhatsApp chat, as text or zip, an SMS
//! Backup & Restore file, a Telegram, Instagram or Messenger download), who is in it to
//! choose from, the questions asked only when the file cannot answer them (the day/month
//! order, which chat of a Telegram export), and what reading it will keep, join and leave
//! out — all before anything is written.
//!
//! Chat exports are read by the importer's own streaming preview
//! ([`crate::import::preview`]), so the wizard sees exactly what the import will, in
//! bounded memory whatever the file's size; this module puts it in the victim's words.

use std::collections::HashMap;
use std::io::BufReader;
use std::path::Path;

use crate::zone::Zone;
use chrono::{DateTime, FixedOffset};

use super::time::TimeView;
use crate::import::preview::{self as core_preview, PreviewOptions};
use crate::import::{DateOrder, ImportFailure, SmsFilter, SmsItem, display_name, parse_sms_backup};
use crate::locale::Words;

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
    /// A Telegram Desktop JSON export (one chat, or all of them).
    Telegram,
    /// Instagram messages from "Download your information".
    Instagram,
    /// Facebook Messenger messages from "Download your information".
    Messenger,
}

/// A chat of a Telegram export of all chats, to choose one from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatChoice {
    /// Its name as the export writes it (what the import is given back); `None` for a
    /// chat the export leaves unnamed, which cannot be chosen by name.
    pub name: Option<String>,
    /// Messages in it.
    pub messages: u64,
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
    /// Other kinds the file could be, for the victim to say (an Instagram and a
    /// Messenger download look alike).
    pub could_also_be: Vec<ImportFormat>,
    /// How a chat export's messages are laid out ("Android: dd/mm/yy, hh:mm - "), to show
    /// the file was understood.
    pub layout: Option<String>,
    /// The chats of a Telegram export of all chats; one must be chosen (then the counts
    /// are for it).
    pub chats: Vec<ChatChoice>,
    /// Whether a chat must still be chosen: the counts and senders wait for it.
    pub needs_chat: bool,
    /// The people in it, busiest first.
    pub senders: Vec<SenderChoice>,
    /// More people than [`MAX_SENDERS`] were in it; the rest are not listed.
    pub senders_not_listed: u64,
    /// The question to ask, when the dates could be read either way; the counts and times
    /// below wait for the answer.
    pub date_order_question: Option<DateOrderQuestion>,
    /// The date order the import will use (given, or proven by the file).
    pub date_order: Option<DateOrder>,
    /// Messages it will keep (notices written by the app included).
    pub messages: u64,
    /// Of which notices written by the app ("Messages are end-to-end encrypted"), which
    /// are never attributed to anyone.
    pub notices: u64,
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
/// answer to the day/month question, once asked; `chat`, the chat chosen from a Telegram
/// export of all chats; `zone` is where the chat's local times are read.
pub fn preview_import(
    path: &Path,
    zone: Zone,
    date_order: Option<DateOrder>,
    chat: Option<&str>,
    words: &Words,
) -> Result<ImportPreview, ImportFailure> {
    let kinds = core_preview::detect(path)?;
    let Some(&kind) = kinds.first() else {
        return Err(ImportFailure::parse(
            &display_name(path),
            crate::import::ImportError::NotRecognised,
        ));
    };
    let could_also_be = kinds.iter().skip(1).map(|&k| format_of(k, false)).collect();
    let mut preview = match kind {
        core_preview::ImportFormat::Sms => sms(path, &display_name(path), zone, words)?,
        _ => chat_export(path, kind, zone, date_order, chat, words)?,
    };
    preview.could_also_be = could_also_be;
    preview.lines = lines(&preview, words);
    Ok(preview)
}

fn format_of(kind: core_preview::ImportFormat, zipped: bool) -> ImportFormat {
    match kind {
        core_preview::ImportFormat::WhatsApp if zipped => ImportFormat::WhatsAppZip,
        core_preview::ImportFormat::WhatsApp => ImportFormat::WhatsAppText,
        core_preview::ImportFormat::Sms => ImportFormat::SmsBackup,
        core_preview::ImportFormat::Telegram => ImportFormat::Telegram,
        core_preview::ImportFormat::Instagram => ImportFormat::Instagram,
        core_preview::ImportFormat::Messenger => ImportFormat::Messenger,
    }
}

/// A chat export (WhatsApp, Telegram, Instagram, Messenger), through the importer's
/// streaming preview.
fn chat_export(
    path: &Path,
    kind: core_preview::ImportFormat,
    zone: Zone,
    date_order: Option<DateOrder>,
    chat: Option<&str>,
    words: &Words,
) -> Result<ImportPreview, ImportFailure> {
    let found = core_preview::preview(
        path,
        kind,
        &PreviewOptions {
            time_zone: Some(zone),
            chat: chat.map(str::to_owned),
        },
    )?;
    let zipped = kind == core_preview::ImportFormat::WhatsApp && found.zipped;
    let format = format_of(kind, zipped);
    let question =
        (found.needs_date_order && date_order.is_none()).then(|| date_order_question(words));
    let mut senders: Vec<SenderChoice> = found
        .senders
        .iter()
        .map(|s| SenderChoice {
            name: s.name.clone(),
            contact: None,
            messages: s.messages as u64,
            calls: 0,
        })
        .collect();
    senders.sort_by_key(|s| std::cmp::Reverse(s.messages));
    let not_listed = senders.len().saturating_sub(MAX_SENDERS) as u64;
    senders.truncate(MAX_SENDERS);
    Ok(ImportPreview {
        format,
        format_label: words.text(format_id(format)),
        could_also_be: Vec::new(),
        layout: found.layout,
        chats: found
            .chats
            .into_iter()
            .map(|c| ChatChoice {
                name: c.name,
                messages: c.messages as u64,
            })
            .collect(),
        needs_chat: found.needs_chat,
        senders,
        senders_not_listed: not_listed,
        date_order_question: question,
        date_order: date_order.or(found.date_order),
        messages: found.messages as u64,
        notices: found.notices as u64,
        calls: found.calls as u64,
        media: found.media as u64,
        lines_joined: found.joined_lines as u64,
        lines_skipped: found.skipped_lines as u64,
        // The times of a chat export wait for the import: they depend on the date order
        // and are read in the second pass.
        first: None,
        last: None,
        lines: Vec::new(),
    })
}

fn sms(path: &Path, file: &str, zone: Zone, words: &Words) -> Result<ImportPreview, ImportFailure> {
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
    Ok(ImportPreview {
        format: ImportFormat::SmsBackup,
        format_label: words.text(format_id(ImportFormat::SmsBackup)),
        could_also_be: Vec::new(),
        layout: None,
        chats: Vec::new(),
        needs_chat: false,
        senders,
        senders_not_listed: not_listed,
        date_order_question: None,
        date_order: None,
        messages: stats.messages,
        notices: 0,
        calls: stats.calls,
        media,
        lines_joined: 0,
        lines_skipped: 0,
        first: first.map(|t| TimeView::of(t, words)),
        last: last.map(|t| TimeView::of(t, words)),
        lines: Vec::new(),
    })
}

fn format_id(format: ImportFormat) -> &'static str {
    match format {
        ImportFormat::WhatsAppText => "import-format-whatsapp-text",
        ImportFormat::WhatsAppZip => "import-format-whatsapp-zip",
        ImportFormat::SmsBackup => "import-format-sms",
        ImportFormat::Telegram => "import-format-telegram",
        ImportFormat::Instagram => "import-format-instagram",
        ImportFormat::Messenger => "import-format-messenger",
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
