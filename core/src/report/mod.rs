//! The self-contained HTML report inside an evidence pack (`data/report.html`).
//!
//! One file a browser can open with no network: inline CSS, inline images as `data:` URIs,
//! no scripts (a Content-Security-Policy in the page forbids them and any fetch), links only
//! to fragments of the page or to files inside the pack. It reads on a phone and prints to
//! A4 for a risk meeting or a court bundle. Sections, in order (DESIGN.md, "The report"):
//! cover, summary for officers, timeline, people, orders, police contacts, integrity appendix.
//!
//! All victim text is escaped by [`escape`]; `summary_html` is the only HTML taken as is,
//! because the summary module builds it (and escapes its own user text).

mod cover;
mod html;
mod sections;
mod style;
mod summary;
mod timeline;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::error::{Error, Result};
use crate::model::{AttachmentRef, Body, EntryView, Transcripts};

pub use html::escape;
pub use summary::{SUMMARY_CSS, summary_html};

/// One version of an amended entry: its entry number, `"original"` or `"amendment"`, and
/// when it was sealed (`None` if its content is gone).
pub type HistoryVersion = (u64, String, Option<DateTime<Utc>>);

/// Everything the report shows, handed over by the pack writer.
pub struct ReportInput<'a> {
    /// The report's title, e.g. "Evidence pack".
    pub title: &'a str,
    /// When the pack was made.
    pub generated_at: DateTime<Utc>,
    /// The diary key's fingerprint as OpenSSH prints it (`SHA256:…`).
    pub fingerprint: &'a str,
    /// The diary's public key (`ssh-ed25519 AAAA…`).
    pub public_key: &'a str,
    /// The signed tree head's size (number of entries in the diary).
    pub tree_size: u64,
    /// The signed tree head's root hash, hex.
    pub root_hex: &'a str,
    /// The signed tree head's time, as written in `tree-head.json`.
    pub head_time: &'a str,
    /// Every disclosed entry, in entry-number order (people, orders, police contacts,
    /// message logs, amendments and erasures included).
    pub disclosed: &'a [EntryView],
    /// How many entries were withheld (only their leaf hashes travel).
    pub withheld: u64,
    /// Earlier tree heads this head is consistent with.
    pub checkpoints: &'a [CheckpointLine],
    /// A small JPEG thumbnail of an image attachment, by its SHA-256 (hex), if there is one.
    pub thumbnails: &'a dyn Fn(&str) -> Option<Vec<u8>>,
    /// The path of an attachment inside the pack, relative to `report.html`
    /// (e.g. `attachments/<sha256>.jpg`). Anything but a plain relative path is not linked.
    pub attachment_path: &'a dyn Fn(&AttachmentRef) -> String,
    /// The summary for officers (made by the summary module), inserted as is. `None` leaves
    /// a placeholder saying the summary is not included.
    pub summary_html: Option<&'a str>,
    /// For an amended entry, its versions oldest first.
    pub entry_history: &'a dyn Fn(u64) -> Vec<HistoryVersion>,
    /// Where imported conversations' messages are read from (the diary).
    pub transcripts: &'a dyn Transcripts,
}

/// An earlier tree head the pack's head is consistent with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckpointLine {
    /// Number of entries at that head.
    pub size: u64,
    /// Its root hash, hex.
    pub root_hex: String,
    /// Its time, as written in the checkpoint.
    pub time: String,
}

/// What the sections share: the input, the disclosed entries by number, and what each
/// disclosed conversation holds (read once, before anything is written).
pub(crate) struct Ctx<'a> {
    pub input: &'a ReportInput<'a>,
    pub by_seq: BTreeMap<u64, &'a EntryView>,
    pub logs: BTreeMap<u64, timeline::LogDigest>,
}

impl<'a> Ctx<'a> {
    fn new(input: &'a ReportInput<'a>) -> Result<Self> {
        let by_seq = input.disclosed.iter().map(|v| (v.seq, v)).collect();
        let mut logs = BTreeMap::new();
        for v in input.disclosed {
            if let Some(log) = v.message_log() {
                logs.insert(
                    v.seq,
                    timeline::LogDigest::read(input.transcripts, v.seq, log)?,
                );
            }
        }
        Ok(Ctx {
            input,
            by_seq,
            logs,
        })
    }

    /// Whether entry `seq` is disclosed in this pack.
    pub fn disclosed(&self, seq: u64) -> bool {
        self.by_seq.contains_key(&seq)
    }

    /// A reference to a person entry: their name linked to the people section, or a plain
    /// statement that the entry is not in the pack.
    pub fn person_link(&self, seq: u64) -> String {
        match self.by_seq.get(&seq).and_then(|v| v.person()) {
            Some(p) => format!(
                "<a href=\"#{}\">{}</a>",
                html::entry_id(seq),
                html::inline(&p.name)
            ),
            None if self.disclosed(seq) => format!("entry {seq} (content erased)"),
            None => format!("entry {seq} (not disclosed in this pack)"),
        }
    }

    /// A reference to any entry: a link when it is shown in this report.
    pub fn entry_link(&self, seq: u64) -> String {
        if self.disclosed(seq) {
            format!("<a href=\"#{}\">entry {seq}</a>", html::entry_id(seq))
        } else {
            format!("entry {seq} (not disclosed in this pack)")
        }
    }

    /// The amendment entries disclosed for `target`, by number.
    pub fn amendment_reason(&self, amendment: u64) -> Option<&'a str> {
        match self.by_seq.get(&amendment).and_then(|v| v.current.as_ref()) {
            Some(Body::Amendment(a)) => a.reason.as_deref(),
            _ => None,
        }
    }
}

/// Renders the whole report as one HTML document in memory (for small reports and
/// tests; a pack writes it with [`write`]).
pub fn render(input: &ReportInput<'_>) -> Result<String> {
    let mut out = Vec::with_capacity(64 * 1024);
    write(input, &mut out)?;
    String::from_utf8(out).map_err(|_| Error::Corrupt("the report is not UTF-8".into()))
}

/// Writes the whole report as one HTML document to `out`, conversations' messages read
/// a message at a time, so a report of any size is written in bounded memory.
pub fn write(input: &ReportInput<'_>, out: &mut dyn std::io::Write) -> Result<()> {
    let ctx = Ctx::new(input)?;
    let mut head = String::with_capacity(64 * 1024);
    head.push_str("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
    // Defence in depth: even if some text escaped its escaping, the browser would run no
    // script and fetch nothing; images may only be inline data.
    head.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         img-src data:; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'\">\n",
    );
    head.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    head.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    head.push_str("<meta name=\"color-scheme\" content=\"light\">\n");
    head.push_str(&format!(
        "<title>{} \u{2014} {}</title>\n",
        escape(input.title),
        html::short_day(&input.generated_at.date_naive())
    ));
    head.push_str("<style>\n");
    head.push_str(style::CSS);
    head.push_str(crate::report::SUMMARY_CSS);
    head.push_str(&style::page_footer(input.fingerprint));
    head.push_str("</style>\n</head>\n<body>\n");
    head.push_str("<a class=\"skip\" href=\"#main\">Skip to the report</a>\n");
    head.push_str(&cover::render(&ctx));
    head.push_str("<main id=\"main\">\n");
    head.push_str(&summary(input.summary_html));
    let put =
        |out: &mut dyn std::io::Write, s: &str| out.write_all(s.as_bytes()).map_err(Error::Io);
    put(out, &head)?;
    for piece in timeline::render(&ctx) {
        match piece {
            timeline::Piece::Html(html) => put(out, &html)?,
            timeline::Piece::Tables(seq, log) => timeline::write_tables(&ctx, seq, log, out)?,
        }
    }
    let mut tail = String::new();
    tail.push_str(&sections::people(&ctx));
    tail.push_str(&sections::orders(&ctx));
    tail.push_str(&sections::police(&ctx));
    tail.push_str(&sections::integrity(&ctx));
    tail.push_str("</main>\n");
    tail.push_str(&format!(
        "<footer class=\"foot\"><p>Made by Tally on {}. Key <span class=\"hash\">{}</span>.</p></footer>\n",
        html::datetime_utc(&input.generated_at),
        escape(input.fingerprint)
    ));
    tail.push_str("</body>\n</html>\n");
    put(out, &tail)
}

fn summary(summary_html: Option<&str>) -> String {
    // The summary module's summary is a whole `section#summary-for-officers` of its own.
    let body = match summary_html {
        Some(html) => return html.to_string(),
        None => "<p class=\"placeholder\">The summary for officers is not included in this \
                 report. The timeline and the sections below show every disclosed entry.</p>"
            .to_string(),
    };
    format!(
        "<section id=\"summary-for-officers\" class=\"sheet\" aria-labelledby=\"h-summary\">\n\
         <h2 id=\"h-summary\">Summary for officers</h2>\n{body}\n</section>\n"
    )
}

#[cfg(test)]
mod tests;
