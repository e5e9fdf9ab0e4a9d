//! `tally`: the command-line front end of the Tally evidence diary, for advocates,
//! officers, scripting and the demo. All logic lives in `tally-core`; this crate parses
//! arguments, asks for the passphrase, and prints.

/// Prints a line to standard output with control characters written out
/// ([`terminal::safe`]); a closed pipe (`tally list | head`) ends the program quietly
/// instead of panicking.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let line = format!($($arg)*);
        if let Err(e) = writeln!(std::io::stdout().lock(), "{}", crate::terminal::safe(&line)) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
            return Err(e.into());
        }
    }};
}

mod commands;
mod device_state;
mod passphrase;
mod people;
mod render;
mod steps;
mod terminal;
mod time;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Tally: an encrypted, append-only, signed evidence diary.
#[derive(Parser, Debug)]
#[command(name = "tally", version, about, long_about = None)]
struct Cli {
    /// The diary file.
    #[arg(long, global = true, env = "TALLY_DIARY", value_name = "PATH")]
    diary: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Create a new, empty diary (asks for a passphrase twice, or reads TALLY_PASSPHRASE).
    Init,
    /// Record a new entry: a person, an incident, an order, a police contact.
    #[command(subcommand)]
    Add(commands::add::AddCommand),
    /// List entries (latest versions), with filters.
    List(commands::list::ListArgs),
    /// Show one entry; with --json, exactly as sealed.
    Show(commands::show::ShowArgs),
    /// Correct an entry: the changed fields are sealed as a new version; the original stays.
    Amend(commands::amend::AmendArgs),
    /// Remove an entry's content; its hash stays so the log still verifies.
    Erase(commands::erase::EraseArgs),
    /// Show an entry's versions: the original, each correction, any erasure.
    History(commands::show::HistoryArgs),
    /// Check the whole diary: every entry, tree head and attachment, and that it is not
    /// older than the one this device last saw.
    Check,
    /// Print a checkpoint: a short signed text of the current state to send to someone you trust.
    Checkpoint(commands::checkpoint::CheckpointArgs),
    /// Change the passphrase (reads TALLY_NEW_PASSPHRASE, or asks twice); re-seals every
    /// entry, tree head and attachment under a new key.
    Passwd,
    /// Write a backup: the whole diary as one encrypted file, taken while it stays in use.
    Backup(commands::backup::BackupArgs),
    /// Restore a backup to the diary path (TALLY_DIARY=NEW tally restore FILE), after
    /// checking all of it; never loses entries unless told to keep both.
    Restore(commands::restore::RestoreArgs),
    /// Set or remove a duress passphrase, which opens a decoy diary of its own.
    #[command(subcommand)]
    Duress(commands::duress::DuressCommand),
    /// Write an evidence pack (a signed BagIt zip with the report) of the entries chosen.
    Export(commands::export::ExportArgs),
    /// Import a chat export (WhatsApp, Telegram, Instagram, Messenger) or an SMS Backup &
    /// Restore file as one entry; or inspect one first.
    #[command(subcommand)]
    Import(commands::import::ImportCommand),
    /// Check an evidence pack: signature, manifests, log, entries, attachments.
    Verify(commands::verify::VerifyArgs),
    /// The course-of-conduct summary: counts, weeks, indicators, order breaches, police contacts.
    Summary(commands::summary::SummaryArgs),
    /// Build a realistic sample diary, export a pack, verify it, and show the report.
    Demo(commands::demo::DemoArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("tally: {}", terminal::safe(&one_line(&err)));
            ExitCode::FAILURE
        }
    }
}

/// The error and its causes on one line, without repeating a cause already in the message.
fn one_line(err: &anyhow::Error) -> String {
    let mut line = err.to_string();
    for cause in err.chain().skip(1) {
        let text = cause.to_string();
        if !line.contains(&text) {
            line.push_str(": ");
            line.push_str(&text);
        }
    }
    line
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let diary = || commands::diary_path(cli.diary.as_deref());
    match cli.command {
        Command::Init => commands::init::run(&diary()?),
        Command::Add(add) => commands::add::run(&diary()?, add),
        Command::List(args) => commands::list::run(&diary()?, args),
        Command::Show(args) => commands::show::run(&diary()?, args),
        Command::Amend(args) => commands::amend::run(&diary()?, args),
        Command::Erase(args) => commands::erase::run(&diary()?, args),
        Command::History(args) => commands::show::history(&diary()?, args),
        Command::Check => commands::check::run(&diary()?),
        Command::Checkpoint(args) => commands::checkpoint::run(&diary()?, args),
        Command::Passwd => commands::passwd::run(&diary()?),
        Command::Backup(args) => commands::backup::run(&diary()?, args),
        Command::Restore(args) => commands::restore::run(&diary()?, args),
        Command::Duress(command) => commands::duress::run(&diary()?, command),
        Command::Export(args) => commands::export::run(&diary()?, args),
        Command::Import(import) => commands::import::run(cli.diary.as_deref(), import),
        Command::Verify(args) => commands::verify::run(args),
        Command::Demo(args) => commands::demo::run(args),
        Command::Summary(args) => commands::summary::run(&diary()?, args),
    }
}
