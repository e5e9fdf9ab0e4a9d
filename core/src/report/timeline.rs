//! The timeline: every disclosed incident and imported conversation in the order it
//! happened, grouped by local day, with everything recorded about it — and, at the end, the
//! entries whose content their owner erased (their time went with their content).

use std::collections::BTreeSet;
use std::fmt::Write as _;

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::Ctx;
use super::html::{self, escape, inline};
use crate::error::{Error, Result};
use crate::model::{
    AttachmentRef, EntryKind, EntryStatus, EntryView, Incident, LoggedMessage, MessageLog,
    MessageSource, MessageStatus, TranscriptLine, Transcripts,
};

/// What the timeline needs to know about a conversation before it writes its messages:
/// gathered by reading it once, a message at a time.
#[derive(Debug, Default)]
pub(crate) struct LogDigest {
    messages: u64,
    calls: u64,
    /// Whether any message or sender was chosen as relevant.
    chose_any: bool,
    /// Whether any call was chosen.
    chose_calls: bool,
    /// Relevant messages if a choice was made (`chosen`), and if not (`unchosen`: every
    /// message from a person).
    chosen: Relevant,
    unchosen: Relevant,
    /// Calls: all, and the chosen ones.
    all_calls: Option<Span>,
    chosen_calls: Option<Span>,
    /// Every message's span (where a conversation with no relevant message sits).
    all: Option<Span>,
    /// UTC offsets the messages were written with.
    offsets: BTreeSet<i32>,
    first_offset: Option<FixedOffset>,
    first_day: Option<NaiveDate>,
    multi_day: bool,
}

/// The relevant messages of one reading: how many, from whom, when.
#[derive(Debug, Default)]
struct Relevant {
    count: u64,
    senders: Vec<String>,
    seen: std::collections::HashSet<String>,
    span: Option<Span>,
}

impl Relevant {
    fn add(&mut self, m: &LoggedMessage) {
        self.count += 1;
        if !m.sender.is_empty() && !self.seen.contains(&m.sender) {
            self.seen.insert(m.sender.clone());
            self.senders.push(m.sender.clone());
        }
        self.span = Some(Span::widen(self.span, m.at));
    }
}

impl LogDigest {
    /// Reads conversation `seq` once.
    pub(crate) fn read(transcripts: &dyn Transcripts, seq: u64, log: &MessageLog) -> Result<Self> {
        let mut d = LogDigest {
            chose_any: !log.chosen_senders.is_empty(),
            ..LogDigest::default()
        };
        let chosen_sender = |s: &str| log.chosen_senders.iter().any(|c| c == s);
        transcripts.for_each_line(seq, log, &mut |line| {
            match &line {
                TranscriptLine::Message(m) => {
                    d.messages += 1;
                    d.chose_any |= m.chosen;
                    if m.chosen || chosen_sender(&m.sender) {
                        d.chosen.add(m);
                    }
                    if m.status != MessageStatus::System && !m.outgoing {
                        d.unchosen.add(m);
                    }
                    d.all = Some(Span::widen(d.all, m.at));
                    d.offsets.insert(m.at.offset().local_minus_utc());
                    d.first_offset.get_or_insert(*m.at.offset());
                    let day = m.at.date_naive();
                    d.multi_day |= d.first_day.is_some_and(|f| f != day);
                    d.first_day.get_or_insert(day);
                }
                TranscriptLine::Call(c) => {
                    d.calls += 1;
                    d.chose_calls |= c.chosen;
                    d.all_calls = Some(Span::widen(d.all_calls, c.at));
                    if c.chosen {
                        d.chosen_calls = Some(Span::widen(d.chosen_calls, c.at));
                    }
                }
            }
            Ok(())
        })?;
        Ok(d)
    }

    /// The messages that matter: those the victim chose, or every message from a person
    /// when no choice was made.
    fn relevant(&self) -> &Relevant {
        if self.chose_any {
            &self.chosen
        } else {
            &self.unchosen
        }
    }

    /// First and last instant of the relevant messages and calls; a conversation with no
    /// relevant message still sits where its messages are.
    fn span(&self) -> Option<Span> {
        let calls = if self.chose_calls {
            self.chosen_calls
        } else {
            self.all_calls
        };
        let relevant = match (self.relevant().span, calls) {
            (Some(a), Some(b)) => Some(a.join(b)),
            (a, b) => a.or(b),
        };
        match (relevant, self.all) {
            (Some(r), _) => Some(r),
            (None, all) => all,
        }
    }
}

/// A part of the timeline: finished HTML, or a conversation's messages, written by
/// reading it again (twice: in a `<details>` for the screen and in a block for print).
pub(crate) enum Piece<'a> {
    Html(String),
    Tables(u64, &'a MessageLog),
}

/// One thing on the timeline, with the instant it sorts by.
enum Item<'a> {
    Incident(&'a EntryView, &'a Incident),
    Log(&'a EntryView, &'a MessageLog, Span),
}

/// First and last instant of a conversation's relevant messages and calls.
#[derive(Clone, Copy, Debug)]
struct Span {
    start: DateTime<FixedOffset>,
    end: DateTime<FixedOffset>,
}

impl Span {
    fn widen(span: Option<Span>, t: DateTime<FixedOffset>) -> Span {
        match span {
            None => Span { start: t, end: t },
            Some(s) => Span {
                start: s.start.min(t),
                end: s.end.max(t),
            },
        }
    }

    fn join(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

impl Item<'_> {
    fn start(&self) -> DateTime<FixedOffset> {
        match self {
            Item::Incident(_, i) => i.occurred.start,
            Item::Log(_, _, span) => span.start,
        }
    }

    fn end(&self) -> DateTime<FixedOffset> {
        match self {
            Item::Incident(_, i) => i.occurred.end.unwrap_or(i.occurred.start),
            Item::Log(_, _, span) => span.end,
        }
    }

    fn seq(&self) -> u64 {
        match self {
            Item::Incident(v, _) | Item::Log(v, _, _) => v.seq,
        }
    }
}

fn items<'a>(ctx: &Ctx<'a>) -> Vec<Item<'a>> {
    let mut items: Vec<Item<'a>> = ctx
        .input
        .disclosed
        .iter()
        .filter_map(|v| {
            if let Some(i) = v.incident() {
                return Some(Item::Incident(v, i));
            }
            let log = v.message_log()?;
            let span = ctx.logs.get(&v.seq).and_then(LogDigest::span).or_else(|| {
                v.recorded_at.map(|t| Span {
                    start: t.fixed_offset(),
                    end: t.fixed_offset(),
                })
            })?;
            Some(Item::Log(v, log, span))
        })
        .collect();
    // Sort by the instant (offsets compare correctly), then by entry number for ties.
    items.sort_by(|a, b| a.start().cmp(&b.start()).then(a.seq().cmp(&b.seq())));
    items
}

/// The first and last local day the timeline covers, for the cover.
pub(crate) fn span(ctx: &Ctx<'_>) -> Option<(NaiveDate, NaiveDate)> {
    let items = items(ctx);
    let first = items.iter().map(|i| i.start()).min()?;
    let last = items.iter().map(|i| i.end()).max()?;
    Some((first.date_naive(), last.date_naive()))
}

/// The `<section id="timeline">`, in pieces: conversations' messages are written by
/// [`write_tables`] as the pieces are written out.
pub(crate) fn render<'a>(ctx: &Ctx<'a>) -> Vec<Piece<'a>> {
    let items = items(ctx);
    let mut pieces = Vec::new();
    let mut out = String::new();
    out.push_str(
        "<section id=\"timeline\" class=\"sheet\" aria-labelledby=\"h-timeline\">\n\
         <h2 id=\"h-timeline\">Timeline</h2>\n",
    );
    if items.is_empty() {
        out.push_str("<p>No incidents or conversations are disclosed in this pack.</p>\n");
    } else {
        let _ = writeln!(
            out,
            "<p class=\"muted\">{} in the order they happened. Times are local to where they \
             happened, with their offset from UTC, as recorded.</p>",
            html::count(items.len() as u64, "entry", "entries")
        );
    }
    let mut current_day: Option<NaiveDate> = None;
    for item in &items {
        let day = item.start().date_naive();
        if current_day != Some(day) {
            current_day = Some(day);
            let _ = writeln!(
                out,
                "<h3 class=\"day\"><time datetime=\"{}\">{}</time></h3>",
                day.format("%Y-%m-%d"),
                html::day(&day)
            );
        }
        match item {
            Item::Incident(v, i) => incident(ctx, &mut out, v, i),
            Item::Log(v, log, span) => message_log(ctx, &mut out, &mut pieces, v, log, *span),
        }
    }
    erased(ctx, &mut out);
    out.push_str("</section>\n");
    pieces.push(Piece::Html(out));
    pieces
}

fn when(out: &mut String, start: &DateTime<FixedOffset>, end: Option<&DateTime<FixedOffset>>) {
    out.push_str("<p class=\"when\">");
    match end.filter(|e| *e != start) {
        // Same day and offset: "21:06 to 21:40 (UTC+00:00)", the offset said once.
        Some(end) if end.date_naive() == start.date_naive() && end.offset() == start.offset() => {
            let _ = write!(
                out,
                "<time datetime=\"{}\">{}</time> to <time datetime=\"{}\">{}</time>",
                html::iso(start),
                start.format("%H:%M"),
                html::iso(end),
                html::time_of_day(end)
            );
        }
        Some(end) => {
            let _ = write!(
                out,
                "<time datetime=\"{}\">{}</time> to <time datetime=\"{}\">{}</time>",
                html::iso(start),
                html::time_of_day(start),
                html::iso(end),
                html::datetime(end)
            );
        }
        None => {
            let _ = write!(
                out,
                "<time datetime=\"{}\">{}</time>",
                html::iso(start),
                html::time_of_day(start)
            );
        }
    }
    out.push_str("</p>\n");
}

fn field(out: &mut String, term: &str, value_html: &str) {
    let _ = writeln!(out, "<dt>{term}</dt><dd>{value_html}</dd>");
}

fn incident(ctx: &Ctx<'_>, out: &mut String, v: &EntryView, i: &Incident) {
    let id = html::entry_id(v.seq);
    let _ = writeln!(
        out,
        "<article class=\"item\" id=\"{id}\" aria-labelledby=\"t-{id}\">"
    );
    when(out, &i.occurred.start, i.occurred.end.as_ref());
    let _ = writeln!(out, "<h4 id=\"t-{id}\">{}</h4>", inline(&i.summary));
    let _ = write!(
        out,
        "<p class=\"tags\"><span class=\"tag\">{}</span>",
        escape(i.category.label())
    );
    if i.occurred.approximate {
        out.push_str("<span class=\"tag warn\">approximate time</span>");
    }
    if v.status == EntryStatus::Amended {
        out.push_str("<span class=\"tag warn\">amended</span>");
    }
    let _ = writeln!(out, "<span class=\"tag\">entry {}</span></p>", v.seq);

    out.push_str("<dl class=\"fields\">\n");
    if let Some(place) = &i.place {
        let mut parts = Vec::new();
        if !place.text.is_empty() {
            parts.push(inline(&place.text));
        }
        if let Some(saved) = &place.saved {
            parts.push(format!("saved place: {}", inline(saved)));
        }
        if let Some(c) = &place.coordinates {
            parts.push(format!(
                "phone position {:.5}, {:.5} (WGS 84)",
                c.lat, c.lon
            ));
        }
        if !parts.is_empty() {
            field(out, "Place", &parts.join("; "));
        }
    }
    if !i.people.is_empty() {
        let people: Vec<String> = i.people.iter().map(|p| ctx.person_link(*p)).collect();
        field(out, "People", &html::join_and(&people));
    }
    if let Some(details) = &i.details {
        field(out, "Details", &html::block(details));
    }
    if !i.impact.is_empty() {
        let mut parts = Vec::new();
        if let Some(fear) = i.impact.fear {
            parts.push(format!("<p>Fear: {fear} out of 10</p>"));
        }
        if !i.impact.changes.is_empty() {
            let changes: Vec<String> = i.impact.changes.iter().map(html::life_change).collect();
            parts.push(format!(
                "<p>Changes to daily life: {}</p>",
                changes.join("; ")
            ));
        }
        if let Some(notes) = &i.impact.notes {
            parts.push(html::block(notes));
        }
        field(out, "Impact", &parts.join(""));
    }
    if !i.witnesses.is_empty() {
        let mut list = String::from("<ul>");
        for w in &i.witnesses {
            let _ = write!(list, "<li>{}", inline(&w.name));
            if let Some(contact) = &w.contact {
                let _ = write!(list, " \u{2014} {}", inline(contact));
            }
            list.push_str("</li>");
        }
        list.push_str("</ul>");
        field(out, "Witnesses", &list);
    }
    if !i.attachments.is_empty() {
        field(out, "Attachments", &attachments(ctx, &i.attachments, v.seq));
    }
    recorded(out, v);
    out.push_str("</dl>\n");
    history(ctx, out, v);
    out.push_str("</article>\n");
}

fn recorded(out: &mut String, v: &EntryView) {
    if let Some(at) = v.recorded_at {
        field(
            out,
            "Recorded",
            &format!(
                "<time datetime=\"{}\">{}</time> (sealed in the diary)",
                html::iso(&at),
                html::datetime_utc(&at)
            ),
        );
    }
}

fn history(ctx: &Ctx<'_>, out: &mut String, v: &EntryView) {
    if v.status != EntryStatus::Amended {
        return;
    }
    let amendments: Vec<String> = v.amended_by.iter().map(|a| format!("entry {a}")).collect();
    let _ = write!(
        out,
        "<div class=\"history\"><p>Amended ({}); the original, entry {}, is also in this \
         pack. Shown above is the latest version.</p>",
        html::join_and(&amendments),
        v.seq
    );
    let mut versions = (ctx.input.entry_history)(v.seq);
    if versions.is_empty() {
        // Without a history from the diary, say what the view itself knows.
        versions.push((v.seq, "original".into(), None));
        versions.extend(v.amended_by.iter().map(|a| (*a, "amendment".into(), None)));
    }
    out.push_str("<ol>");
    for (seq, what, at) in versions {
        let what = if what == "original" {
            "original"
        } else {
            "amendment"
        };
        let _ = write!(out, "<li>Entry {seq}: {what}");
        if let Some(at) = at {
            let _ = write!(out, ", recorded {}", html::datetime_utc(&at));
        }
        if !ctx.disclosed(seq) {
            out.push_str(" (not disclosed in this pack)");
        }
        if let Some(reason) = ctx.amendment_reason(seq) {
            let _ = write!(out, ". Reason given: {}", inline(reason));
        }
        out.push_str("</li>");
    }
    out.push_str("</ol></div>\n");
}

/// A list of attachments with thumbnails, hashes and links into the pack.
pub(crate) fn attachments(ctx: &Ctx<'_>, list: &[AttachmentRef], seq: u64) -> String {
    let mut out = String::from("<ul class=\"attachments\">");
    for a in list {
        out.push_str(&attachment(ctx, a, seq));
    }
    out.push_str("</ul>");
    out
}

fn attachment(ctx: &Ctx<'_>, a: &AttachmentRef, seq: u64) -> String {
    use base64::Engine as _;
    let name = a.file_name.as_deref().unwrap_or("(no file name)");
    let mut out = String::from("<li class=\"attachment\">");
    if a.media_type.starts_with("image/") {
        // Only JPEG bytes become a data: URI, so the report never embeds anything a browser
        // would interpret as something else.
        if let Some(jpeg) =
            (ctx.input.thumbnails)(&a.sha256).filter(|b| b.starts_with(&[0xFF, 0xD8, 0xFF]))
        {
            let _ = write!(
                out,
                "<img src=\"data:image/jpeg;base64,{}\" alt=\"Thumbnail of {}, attached to entry {seq}\">",
                base64::engine::general_purpose::STANDARD.encode(jpeg),
                escape(name)
            );
        }
    }
    let _ = write!(
        out,
        "<div class=\"meta\"><div><strong>{}</strong></div><div>{}, {}</div>\
         <div>SHA-256: <span class=\"hash\">{}</span></div>",
        inline(name),
        escape(&a.media_type),
        html::size(a.size),
        escape(&a.sha256)
    );
    if let Some(captured) = &a.captured_at {
        let _ = write!(
            out,
            "<div>Captured (from the file): {}</div>",
            escape(captured)
        );
    }
    if let Some(camera) = &a.camera {
        let _ = write!(out, "<div>Camera: {}</div>", inline(camera));
    }
    if let Some((w, h)) = a.dimensions {
        let _ = write!(out, "<div>{w} \u{00D7} {h} pixels</div>");
    }
    if let Some(gps) = &a.gps {
        let _ = write!(
            out,
            "<div>Position in the file: {:.5}, {:.5} (WGS 84)</div>",
            gps.lat, gps.lon
        );
    }
    match html::pack_href(&(ctx.input.attachment_path)(a)) {
        Some(href) => {
            let _ = write!(
                out,
                "<div><a href=\"{href}\">Open the original file</a><span class=\"print-path mono\"> ({href})</span></div>"
            );
        }
        None => out.push_str("<div>The original file is in the pack's attachments folder.</div>"),
    }
    out.push_str("</div></li>");
    out
}

fn message_log<'a>(
    ctx: &Ctx<'a>,
    out: &mut String,
    pieces: &mut Vec<Piece<'a>>,
    v: &'a EntryView,
    log: &'a MessageLog,
    span: Span,
) {
    let empty = LogDigest::default();
    let digest = ctx.logs.get(&v.seq).unwrap_or(&empty);
    let id = html::entry_id(v.seq);
    let _ = writeln!(
        out,
        "<article class=\"item\" id=\"{id}\" aria-labelledby=\"t-{id}\">"
    );
    // The heading carries the time range, as one timeline line.
    let relevant = digest.relevant();
    let senders = &relevant.senders;
    let mut shown: Vec<String> = senders.iter().take(3).map(|s| inline(s)).collect();
    if senders.len() > 3 {
        shown.push(html::count(senders.len() as u64 - 3, "other", "others"));
    }
    let mut heading = Vec::new();
    if relevant.count > 0 || digest.calls == 0 {
        heading.push(html::count(relevant.count, "message", "messages"));
    }
    if digest.calls > 0 {
        heading.push(html::count(digest.calls, "call", "calls"));
    }
    let mut title = heading.join(" and ");
    if !shown.is_empty() {
        let _ = write!(title, " from {}", html::join_and(&shown));
    }
    let _ = write!(
        title,
        ", {}\u{2013}{} (UTC{})",
        span.start.format("%H:%M"),
        if span.end.date_naive() == span.start.date_naive() {
            span.end.format("%H:%M").to_string()
        } else {
            span.end.format("%a %-d %b %H:%M").to_string()
        },
        span.start.format("%:z")
    );
    let _ = writeln!(out, "<h4 id=\"t-{id}\">{title}</h4>");
    let _ = writeln!(
        out,
        "<p class=\"tags\"><span class=\"tag\">Imported conversation</span>\
         <span class=\"tag\">{}</span>{}<span class=\"tag\">entry {}</span></p>",
        log.source.label(),
        if v.status == EntryStatus::Amended {
            "<span class=\"tag warn\">amended</span>"
        } else {
            ""
        },
        v.seq
    );

    out.push_str("<dl class=\"fields\">\n");
    if !log.people.is_empty() {
        let people: Vec<String> = log.people.iter().map(|p| ctx.person_link(*p)).collect();
        field(out, "People", &html::join_and(&people));
    }
    field(
        out,
        "In the export",
        &format!(
            "{} in all{}",
            html::count(digest.messages, "message", "messages"),
            if relevant.count < digest.messages {
                "; messages from other senders are listed for context"
            } else {
                ""
            }
        ),
    );
    if let Some(tz) = &log.time_zone {
        field(
            out,
            "Time zone",
            &format!(
                "The export gave no time zone; its times were read as {}.",
                inline(tz)
            ),
        );
    }
    field(
        out,
        "Original export",
        &attachments(ctx, std::slice::from_ref(&log.original), v.seq),
    );
    if !log.attachments.is_empty() {
        field(
            out,
            "Media files",
            &attachments(ctx, &log.attachments, v.seq),
        );
    }
    if let Some(t) = &log.transcript {
        field(
            out,
            "Transcript",
            &format!(
                "Every message as imported, one JSON object per line: {}",
                attachments(ctx, std::slice::from_ref(&t.file), v.seq)
            ),
        );
    }
    recorded(out, v);
    out.push_str("</dl>\n");

    if digest.messages > 0 || digest.calls > 0 {
        let what = match (digest.messages, digest.calls) {
            (m, 0) => format!("Show the {}", html::count(m, "message", "messages")),
            (0, c) => format!("Show the {}", html::count(c, "call", "calls")),
            (m, c) => format!(
                "Show the {} and {}",
                html::count(m, "message", "messages"),
                html::count(c, "call", "calls")
            ),
        };
        // Browsers print a closed <details> closed, and no script may open it, so the
        // same tables follow in a block that only print shows (and screen readers skip,
        // because it is display:none on screen).
        let _ = write!(out, "<details class=\"messages\"><summary>{what}</summary>");
        pieces.push(Piece::Html(std::mem::take(out)));
        pieces.push(Piece::Tables(v.seq, log));
        out.push_str("</details>\n<div class=\"print-only\">");
        pieces.push(Piece::Html(std::mem::take(out)));
        pieces.push(Piece::Tables(v.seq, log));
        out.push_str("</div>\n");
    }
    history(ctx, out, v);
    out.push_str("</article>\n");
}

/// Writes a conversation's tables (its messages, then its calls), reading it a message
/// at a time.
pub(crate) fn write_tables(
    ctx: &Ctx<'_>,
    seq: u64,
    log: &MessageLog,
    out: &mut dyn std::io::Write,
) -> Result<()> {
    let empty = LogDigest::default();
    let d = ctx.logs.get(&seq).unwrap_or(&empty);
    let transcripts = ctx.input.transcripts;
    let put =
        |out: &mut dyn std::io::Write, s: &str| out.write_all(s.as_bytes()).map_err(Error::Io);
    if d.messages > 0 {
        let one_offset = d.offsets.len() == 1;
        let head = format!(
            "<table class=\"msgs\"><caption>Messages in entry {seq}, in the order of the export{}{}</caption>\
             <colgroup><col class=\"who\"><col></colgroup>\
             <thead><tr><th scope=\"col\">Sent</th><th scope=\"col\">Message</th></tr></thead><tbody>",
            match (one_offset, d.first_offset) {
                (true, Some(offset)) => format!("; times are UTC{offset}"),
                _ => String::new(),
            },
            if d.chose_any {
                "; senders in bold are those chosen as relevant, the others are shown for context"
            } else {
                ""
            }
        );
        put(out, &head)?;
        let mut row = String::new();
        transcripts.for_each_line(seq, log, &mut |line| {
            let TranscriptLine::Message(m) = line else {
                return Ok(());
            };
            row.clear();
            message_row(ctx, log, d, &m, one_offset, &mut row);
            put(out, &row)
        })?;
        put(out, "</tbody></table>")?;
    }
    if d.calls > 0 {
        put(
            out,
            &format!(
                "<table class=\"calls\"><caption>Calls in entry {seq}</caption><thead><tr>\
                 <th scope=\"col\">Time</th><th scope=\"col\">Number</th><th scope=\"col\">Direction</th>\
                 <th scope=\"col\">Duration</th></tr></thead><tbody>"
            ),
        )?;
        transcripts.for_each_line(seq, log, &mut |line| {
            let TranscriptLine::Call(c) = line else {
                return Ok(());
            };
            put(
                out,
                &format!(
                    "<tr><th scope=\"row\"><time datetime=\"{}\">{}</time></th><td>{}</td><td>{}</td><td>{}:{:02}</td></tr>",
                    html::iso(&c.at),
                    html::datetime(&c.at),
                    inline(&c.number),
                    escape(&c.direction),
                    c.duration_seconds / 60,
                    c.duration_seconds % 60
                ),
            )
        })?;
        put(out, "</tbody></table>")?;
    }
    Ok(())
}

/// One message's row of the messages table.
fn message_row(
    ctx: &Ctx<'_>,
    log: &MessageLog,
    d: &LogDigest,
    m: &LoggedMessage,
    one_offset: bool,
    out: &mut String,
) {
    let context = d.chose_any && !(m.chosen || log.chosen_senders.iter().any(|s| s == &m.sender));
    let mut time = if d.multi_day {
        m.at.format("%-d %b %H:%M").to_string()
    } else {
        m.at.format("%H:%M").to_string()
    };
    if !one_offset {
        let _ = write!(time, " {}", m.at.format("%:z"));
    }
    let sender = if m.status == MessageStatus::System || m.sender.is_empty() {
        "(system)".to_string()
    } else if m.outgoing {
        format!("{} (sent from this phone)", inline(&m.sender))
    } else {
        inline(&m.sender)
    };
    let _ = write!(
        out,
        "<tr{}><th scope=\"row\"><time datetime=\"{}\">{}</time><span class=\"sender\">{}</span></th><td>{}</td></tr>",
        if context { " class=\"context\"" } else { "" },
        html::iso(&m.at),
        time,
        sender,
        message_text(ctx, log, m)
    );
}

fn message_text(ctx: &Ctx<'_>, log: &MessageLog, m: &LoggedMessage) -> String {
    let text = escape(&m.text);
    match m.status {
        MessageStatus::Text => text,
        MessageStatus::System => format!("<em>{text}</em>"),
        MessageStatus::Deleted => {
            format!("<em>Deleted by its sender; the export shows only a notice.</em> {text}")
        }
        MessageStatus::MediaOmitted => format!(
            "<em>{}{}.</em> {text}",
            if log.source == MessageSource::Sms {
                "A file whose content is not in the backup"
            } else {
                "A file not included in the export"
            },
            m.media_name
                .as_deref()
                .map(|n| format!(" ({})", inline(n)))
                .unwrap_or_default()
        ),
        MessageStatus::Media => {
            let name = inline(m.media_name.as_deref().unwrap_or("file"));
            let link = m
                .media_sha256
                .as_deref()
                .and_then(|sha| log.attachments.iter().find(|a| a.sha256 == sha))
                .and_then(|a| html::pack_href(&(ctx.input.attachment_path)(a)));
            let file = match link {
                Some(href) => format!("<a href=\"{href}\">{name}</a>"),
                None => name,
            };
            format!("<em>File:</em> {file} {text}")
        }
    }
}

/// Erased entries, whatever their kind: their content (and its time) is gone, so they are
/// listed after the timeline by entry number.
fn erased(ctx: &Ctx<'_>, out: &mut String) {
    let erased: Vec<&EntryView> = ctx
        .input
        .disclosed
        .iter()
        .filter(|v| v.status == EntryStatus::Erased && v.kind != EntryKind::Amendment)
        .collect();
    if erased.is_empty() {
        return;
    }
    out.push_str(
        "<h3 class=\"day\" id=\"erased\">Entries whose content was erased</h3>\n\
         <p class=\"muted\">Their owner removed their content, including when they happened. \
         Each one's hash stays in the signed log, so the diary still shows that it existed \
         and where it stood.</p>\n",
    );
    for v in erased {
        let by = v
            .erased_by
            .map(|e| format!(" ({})", ctx.entry_link(e)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "<p class=\"item erased\" id=\"{}\">Entry {} ({}): content erased by its owner{}</p>",
            html::entry_id(v.seq),
            v.seq,
            kind_label(v.kind),
            by
        );
    }
}

fn kind_label(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Incident => "incident",
        EntryKind::Person => "person",
        EntryKind::Order => "order",
        EntryKind::PoliceContact => "police contact",
        EntryKind::MessageLog => "imported conversation",
        EntryKind::Amendment => "amendment",
        EntryKind::Erasure => "erasure",
    }
}
