//! `tally import whatsapp|sms FILE …`: a chat export or SMS backup becomes one message-log
//! entry. Prints the new entry's number alone on the first line, then a one-line summary.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::{Args, Subcommand};
use tally_core::diary::NoProgress;
use tally_core::import::DateOrder;
use tally_core::import::{ImportSummary, SmsImport, WhatsAppImport, parse_time_zone};

use crate::people;

/// What to import.
#[derive(Subcommand, Debug)]
pub enum ImportCommand {
    /// A WhatsApp chat export: the .txt, or the .zip with media.
    Whatsapp(WhatsAppArgs),
    /// An SMS Backup & Restore XML file (messages or call log).
    Sms(SmsArgs),
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

fn parse_date_order(s: &str) -> Result<DateOrder, String> {
    tally_core::view::parse_date_order(s).ok_or_else(|| "expected dmy or mdy".into())
}

pub fn run(path: &Path, command: ImportCommand) -> Result<ExitCode> {
    let mut diary = super::open(path)?;
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
    };
    say!("{}", summary.seq);
    say!("{}", describe(&summary));
    Ok(ExitCode::SUCCESS)
}

/// "42 messages from 2 senders (Sam, Alex), 12 Mar 2024 – 14 Mar 2024, 3 media files".
fn describe(s: &ImportSummary) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
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
