//! `tally import whatsapp|sms|telegram|instagram|messenger FILE …`: a chat export or SMS
//! backup becomes one message-log entry. Prints the new entry's number alone on the first
//! line, then a one-line summary, then what was joined or left as notices. `tally import
//! inspect FILE` says what a file holds and writes nothing.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::{Args, Subcommand};
use tally_core::diary::NoProgress;
use tally_core::import::json::JsonFormat;
use tally_core::import::{
    DateOrder, ImportFormat, ImportPreview, ImportSummary, JsonImport, PreviewOptions, SmsImport,
    WhatsAppImport, detect, parse_time_zone, preview,
};

use crate::people;

/// What to import.
#[derive(Subcommand, Debug)]
pub enum ImportCommand {
    /// A WhatsApp chat export: the .txt, or the .zip with media.
    Whatsapp(WhatsAppArgs),
    /// An SMS Backup & Restore XML file (messages or call log).
    Sms(SmsArgs),
    /// A Telegram Desktop JSON export (result.json): one chat, or one chat of all.
    Telegram(JsonArgs),
    /// Instagram messages from "Download your information" (a message_1.json).
    Instagram(JsonArgs),
    /// Facebook Messenger messages from "Download your information" (a message_1.json).
    Messenger(JsonArgs),
    /// Say what kind of export a file is and what it holds (senders, layout, whether the
    /// date order must be given); writes nothing.
    Inspect(InspectArgs),
}

/// Arguments of `tally import whatsapp`.
#[derive(Args, Debug)]
pub struct WhatsAppArgs {
    /// The exported chat (.txt or .zip).
    pub file: PathBuf,
    /// A sender whose messages matter, as the chat names them; repeat for more.
    #[arg(long = "sender", value_name = "NAME")]
    pub senders: Vec<String>,
    /// How to read dates when the file does not prove it: dmy (12/03 is 12 March) or mdy.
    #[arg(long, value_name = "dmy|mdy", value_parser = parse_date_order)]
    pub date_order: Option<DateOrder>,
    /// The time zone of the phone that exported the chat (IANA name, e.g. Europe/London);
    /// default: this computer's.
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
    /// The person the conversation is with (name or entry number); repeat for more.
    #[arg(long = "person", value_name = "NAME")]
    pub people: Vec<String>,
}

/// Arguments of `tally import sms`.
#[derive(Args, Debug)]
pub struct SmsArgs {
    /// The backup (.xml).
    pub file: PathBuf,
    /// A number (or sender name) to keep; repeat for more; none keeps everything.
    #[arg(long = "address", value_name = "NUMBER")]
    pub addresses: Vec<String>,
    /// The person the conversation is with (name or entry number); repeat for more.
    #[arg(long = "person", value_name = "NAME")]
    pub people: Vec<String>,
}

/// Arguments of `tally import telegram|instagram|messenger`.
#[derive(Args, Debug)]
pub struct JsonArgs {
    /// The exported file (.json).
    pub file: PathBuf,
    /// A sender whose messages matter, as the chat names them; repeat for more.
    #[arg(long = "sender", value_name = "NAME")]
    pub senders: Vec<String>,
    /// For a Telegram export of all chats: the chat to import, by its name.
    #[arg(long, value_name = "NAME")]
    pub chat: Option<String>,
    /// The time zone to show the times in (IANA name, e.g. Europe/London); default: this
    /// computer's.
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
    /// The person the conversation is with (name or entry number); repeat for more.
    #[arg(long = "person", value_name = "NAME")]
    pub people: Vec<String>,
}

/// Arguments of `tally import inspect`.
#[derive(Args, Debug)]
pub struct InspectArgs {
    /// The export.
    pub file: PathBuf,
    /// What it is, when it could be more than one (instagram or messenger look alike):
    /// whatsapp, sms, telegram, instagram or messenger.
    #[arg(long, value_name = "KIND", value_parser = parse_format)]
    pub format: Option<ImportFormat>,
    /// For a Telegram export of all chats: the chat to count.
    #[arg(long, value_name = "NAME")]
    pub chat: Option<String>,
    /// The time zone to read local times in (IANA name); default: this computer's.
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
}

fn parse_format(s: &str) -> Result<ImportFormat, String> {
    match s.to_ascii_lowercase().as_str() {
        "whatsapp" => Ok(ImportFormat::WhatsApp),
        "sms" => Ok(ImportFormat::Sms),
        "telegram" => Ok(ImportFormat::Telegram),
        "instagram" => Ok(ImportFormat::Instagram),
        "messenger" => Ok(ImportFormat::Messenger),
        _ => Err("expected whatsapp, sms, telegram, instagram or messenger".into()),
    }
}

fn parse_date_order(s: &str) -> Result<DateOrder, String> {
    tally_core::view::parse_date_order(s).ok_or_else(|| "expected dmy or mdy".into())
}

pub fn run(diary: Option<&Path>, command: ImportCommand) -> Result<ExitCode> {
    if let ImportCommand::Inspect(args) = command {
        return inspect(args);
    }
    let path = super::diary_path(diary)?;
    let mut diary = super::open(&path)?;
    let views = diary.views()?;
    let resolve = |names: &[String]| -> Result<Vec<u64>> {
        names.iter().map(|n| people::resolve(&views, n)).collect()
    };
    let summary = match command {
        ImportCommand::Whatsapp(args) => {
            if !args.file.is_file() {
                bail!("{}: no such file", args.file.display());
            }
            let options = WhatsAppImport {
                senders: args.senders,
                date_order: args.date_order,
                time_zone: args.tz.as_deref().map(parse_time_zone).transpose()?,
                people: resolve(&args.people)?,
            };
            diary.import_whatsapp(&args.file, &options, &NoProgress)?
        }
        ImportCommand::Sms(args) => {
            if !args.file.is_file() {
                bail!("{}: no such file", args.file.display());
            }
            let options = SmsImport {
                addresses: args.addresses,
                people: resolve(&args.people)?,
            };
            diary.import_sms(&args.file, &options, &NoProgress)?
        }
        ImportCommand::Telegram(args) => import_json(&mut diary, JsonFormat::Telegram, args)?,
        ImportCommand::Instagram(args) => import_json(&mut diary, JsonFormat::Instagram, args)?,
        ImportCommand::Messenger(args) => import_json(&mut diary, JsonFormat::Messenger, args)?,
        ImportCommand::Inspect(_) => return Ok(ExitCode::SUCCESS),
    };
    say!("{}", summary.seq);
    say!("{}", describe(&summary));
    for line in notes(&summary) {
        say!("{line}");
    }
    Ok(ExitCode::SUCCESS)
}

fn import_json(
    diary: &mut tally_core::diary::Diary,
    format: JsonFormat,
    args: JsonArgs,
) -> Result<ImportSummary> {
    if !args.file.is_file() {
        bail!("{}: no such file", args.file.display());
    }
    let views = diary.views()?;
    let options = JsonImport {
        senders: args.senders,
        chat: args.chat,
        time_zone: args.tz.as_deref().map(parse_time_zone).transpose()?,
        people: args
            .people
            .iter()
            .map(|n| people::resolve(&views, n))
            .collect::<Result<_>>()?,
    };
    Ok(diary.import_json(&args.file, format, &options, &NoProgress)?)
}

/// `tally import inspect`: the kind of file, then what a preview found, a fact a line.
fn inspect(args: InspectArgs) -> Result<ExitCode> {
    if !args.file.is_file() {
        bail!("{}: no such file", args.file.display());
    }
    let kinds = match args.format {
        Some(kind) => vec![kind],
        None => detect(&args.file)?,
    };
    let Some(&kind) = kinds.first() else {
        bail!(
            "{}: not a kind of export Tally imports",
            args.file.display()
        );
    };
    let options = PreviewOptions {
        time_zone: args.tz.as_deref().map(parse_time_zone).transpose()?,
        chat: args.chat,
    };
    let found = preview(&args.file, kind, &options)?;
    let alike: Vec<&str> = kinds.iter().map(|k| k.label()).collect();
    say!("{}", alike.join(" or "));
    for line in preview_lines(&found) {
        say!("{line}");
    }
    Ok(ExitCode::SUCCESS)
}

fn preview_lines(p: &ImportPreview) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(layout) = &p.layout {
        out.push(format!("layout: {layout}"));
    }
    if !p.chats.is_empty() && p.needs_chat {
        out.push(format!(
            "{} chats; choose one with --chat NAME:",
            p.chats.len()
        ));
        for c in p.chats.iter().take(50) {
            out.push(format!(
                "  {} ({})",
                c.name.as_deref().unwrap_or("(no name)"),
                plural(c.messages, "message", "messages")
            ));
        }
        return out;
    }
    let mut counts = plural(p.messages, "message", "messages");
    if p.notices > 0 {
        counts.push_str(&format!(
            ", of which {} with no sender",
            plural(p.notices, "notice", "notices")
        ));
    }
    if p.calls > 0 {
        counts.push_str(&format!(", {}", plural(p.calls, "call", "calls")));
    }
    out.push(counts);
    if !p.senders.is_empty() {
        out.push(
            if p.format == ImportFormat::Sms {
                "numbers:"
            } else {
                "senders:"
            }
            .into(),
        );
        for s in p.senders.iter().take(50) {
            out.push(format!("  {} ({})", s.name, s.messages));
        }
        if p.senders.len() > 50 {
            out.push(format!("  … and {} more", p.senders.len() - 50));
        }
    }
    if p.needs_date_order {
        out.push("the dates could be day/month or month/day: give --date-order dmy or mdy".into());
    } else if let Some(order) = p.date_order {
        out.push(format!("date order: {}", order_name(order)));
    }
    out.extend(line_counts(p.joined_lines, p.skipped_lines, &p.dated_lines));
    out
}

fn order_name(order: DateOrder) -> &'static str {
    match order {
        DateOrder::DayMonthYear => "day/month/year",
        DateOrder::MonthDayYear => "month/day/year",
        DateOrder::YearMonthDay => "year/month/day",
    }
}

/// What was joined to the message above or skipped, in words (nothing when nothing was).
fn line_counts(joined: usize, skipped: usize, dated: &[usize]) -> Vec<String> {
    let mut out = Vec::new();
    if joined > 0 || skipped > 0 {
        out.push(format!(
            "{} joined to the message above, {} skipped",
            plural(joined, "line", "lines"),
            plural(skipped, "blank line", "blank lines")
        ));
    }
    if !dated.is_empty() {
        let shown: Vec<String> = dated.iter().take(20).map(|n| n.to_string()).collect();
        let more = if dated.len() > 20 { ", …" } else { "" };
        out.push(format!(
            "joined lines that begin with a date (a quoted message?): line {}{more}",
            shown.join(", ")
        ));
    }
    out
}

/// The lines after the summary: notices, joined and skipped lines.
fn notes(s: &ImportSummary) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(layout) = &s.layout {
        out.push(format!("layout: {layout}"));
    }
    if s.notices > 0 {
        out.push(format!(
            "{} written by the app, kept with no sender",
            plural(s.notices, "notice", "notices")
        ));
    }
    out.extend(line_counts(s.joined_lines, s.skipped_lines, &s.dated_lines));
    out
}

/// "42 messages from 2 senders (Sam, Alex), 12 Mar 2024 – 14 Mar 2024, 3 media files".
fn describe(s: &ImportSummary) -> String {
    let mut parts = vec![plural(s.messages, "message", "messages")];
    if s.calls > 0 {
        parts.push(plural(s.calls, "call", "calls"));
    }
    let mut line = parts.join(" and ");
    if !s.senders.is_empty() {
        let shown: Vec<&str> = s.senders.iter().take(5).map(String::as_str).collect();
        let more = if s.senders.len() > 5 { ", …" } else { "" };
        line.push_str(&format!(
            " with {} ({}{more})",
            plural(s.senders.len(), "party", "parties"),
            shown.join(", ")
        ));
    }
    if let (Some(first), Some(last)) = (s.first, s.last) {
        line.push_str(&format!(
            ", {} to {}",
            first.format("%-d %b %Y %H:%M %:z"),
            last.format("%-d %b %Y %H:%M %:z")
        ));
    }
    if s.media > 0 {
        line.push_str(&format!(
            ", {}",
            plural(s.media, "media file", "media files")
        ));
    }
    line
}

/// "1 message", "3 messages".
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
