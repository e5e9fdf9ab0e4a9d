//! SMS Backup & Restore (SyncTech, Android) XML backups of messages and call logs, read as a
//! stream with quick-xml: one item at a time, memory bounded whatever the file size.
//!
//! The format, as the app writes it (it publishes an XSD, `sms.xsd`, and the field
//! meanings follow Android's `Telephony.Sms`, `Telephony.Mms` and `CallLog.Calls`):
//!
//! * `<smses count="..">` holding `<sms date=".." address=".." type=".." body=".."
//!   contact_name=".." .../>` and `<mms date=".." msg_box=".." address=".."><parts><part
//!   ct=".." name=".." text=".." data="base64"/></parts><addrs><addr address=".."
//!   type="137|151|130|129"/></addrs></mms>`;
//! * `<calls count="..">` holding `<call number=".." duration=".." date=".." type=".."
//!   contact_name=".."/>`.
//! * `date` is milliseconds since the Unix epoch (UTC); any attribute may be the literal
//!   string `null` (Java's null, written by the app).
//! * Text is in attributes, with XML character references; the app writes characters
//!   outside the Basic Multilingual Plane (emoji) as two references to UTF-16 surrogates
//!   (`&#55357;&#56832;`), which are combined here. An unpaired surrogate (a message cut
//!   mid-emoji by SMS segmentation) becomes U+FFFD REPLACEMENT CHARACTER rather than
//!   refusing the whole backup.
//!
//! Hostile input: a DOCTYPE declaring entities is refused
//! ([`ImportError::EntityDeclarationsRefused`]); only the five predefined entities and
//! character references are decoded, any other `&name;` is an error; one XML tag (with all
//! its attributes) may not exceed [`MAX_TAG_BYTES`], its attributes [`MAX_ATTRIBUTES`],
//! one decoded attribute or MMS part [`MAX_VALUE_BYTES`], one item's parts together
//! [`MAX_ITEM_BYTES`], nesting [`MAX_DEPTH`]. Duplicate attributes are refused (quick-xml's
//! check, linear since 0.41). Errors name the byte position and item number, never the
//! content.

use std::borrow::Cow;
use std::io::BufRead;

use base64::Engine as _;
use chrono::{DateTime, Utc};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::error::ImportError;

/// Largest single XML tag (an element's name and all its attributes, undecoded): room for
/// one base64 attribute of [`MAX_VALUE_BYTES`] plus the other attributes.
pub const MAX_TAG_BYTES: u64 = 48 * 1024 * 1024;
/// Largest single decoded attribute value or MMS part.
pub const MAX_VALUE_BYTES: usize = 32 * 1024 * 1024;
/// Largest total of decoded part data in one MMS (carriers cap MMS at a few MB).
pub const MAX_ITEM_BYTES: usize = 64 * 1024 * 1024;
/// Most parts in one MMS.
pub const MAX_PARTS: usize = 1000;
/// Deepest element nesting accepted (real backups nest 4 deep).
pub const MAX_DEPTH: usize = 32;
/// Most attributes one element may have (the app writes about 40 on an `<mms>`). A tag
/// with 100,000 attributes is refused at the first one past this, before any more are
/// decoded.
pub const MAX_ATTRIBUTES: usize = 256;

/// Which way a message went (`sms@type`, `mms@msg_box`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// 1: received (inbox).
    Received,
    /// 2: sent.
    Sent,
    /// Anything else, as written: 3 draft, 4 outbox, 5 failed, 6 queued; 0 if absent.
    Other(u32),
}

/// What kind of call (`call@type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallKind {
    /// 1
    Incoming,
    /// 2
    Outgoing,
    /// 3
    Missed,
    /// 4
    Voicemail,
    /// 5
    Rejected,
    /// 6
    Blocked,
    /// Anything else, as written; 0 if absent.
    Other(u32),
}

/// One part of an MMS.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MmsPart {
    /// MIME type (`ct`), e.g. `text/plain`, `image/jpeg`, `application/smil`.
    pub content_type: String,
    /// File name (`name`, else `cl`), if any.
    pub name: Option<String>,
    /// Text content (`text`), if any.
    pub text: Option<String>,
    /// Binary content (`data`, base64-decoded), if any.
    pub data: Option<Vec<u8>>,
}

/// One item of the backup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SmsItem {
    /// An SMS or MMS.
    Message {
        /// When it was sent or received.
        at: DateTime<Utc>,
        /// The other party's numbers. SMS: `address`. MMS: the `addr` entries, sender
        /// (type 137) first, then the rest in file order, without duplicates; if there are
        /// none, `address` split on `~`.
        addresses: Vec<String>,
        /// Which way it went.
        direction: Direction,
        /// SMS: `body` verbatim (even the literal `null`, which could be a real message).
        /// MMS: the `text/plain` parts' texts joined by `\n`.
        text: String,
        /// The contact name the phone had, if any (`null` and `(Unknown)` are none).
        contact_name: Option<String>,
        /// MMS parts in file order (empty for SMS).
        parts: Vec<MmsPart>,
    },
    /// A call-log entry.
    Call {
        /// When the call started.
        at: DateTime<Utc>,
        /// The other party's number.
        number: String,
        /// What kind of call.
        kind: CallKind,
        /// Duration in seconds (0 if absent).
        duration_seconds: u64,
        /// The contact name the phone had, if any.
        contact_name: Option<String>,
    },
}

/// Which items to keep.
///
/// Empty `addresses` keeps everything. Otherwise an item is kept when one of its
/// addresses matches one of these. Matching rule: spaces, dashes, dots and brackets are
/// ignored; if both numbers have at least 9 digits their last 9 digits are compared (so
/// `+44 7700 900123`, `0044 7700 900123` and `07700 900123` are the same number, whatever
/// the national or international prefix); shorter numbers (short codes) must have the same
/// digits; addresses without digits (alphanumeric senders like `HMRC`) compare letters
/// case-insensitively.
#[derive(Clone, Debug, Default)]
pub struct SmsFilter {
    /// The numbers or names to keep.
    pub addresses: Vec<String>,
}

/// What was read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SmsStats {
    /// Messages passed to the callback.
    pub messages: u64,
    /// Calls passed to the callback.
    pub calls: u64,
    /// Items left out by the filter.
    pub skipped: u64,
}

/// A number reduced for comparison (see [`SmsFilter`]).
#[derive(Clone, Debug, PartialEq, Eq)]
enum Normalised {
    Digits(String),
    Name(String),
}

fn normalise(address: &str) -> Option<Normalised> {
    let digits: String = address.chars().filter(char::is_ascii_digit).collect();
    if !digits.is_empty() {
        return Some(Normalised::Digits(digits));
    }
    let name: String = address
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    (!name.is_empty()).then_some(Normalised::Name(name))
}

fn same_number(a: &Normalised, b: &Normalised) -> bool {
    match (a, b) {
        (Normalised::Digits(a), Normalised::Digits(b)) if a.len() >= 9 && b.len() >= 9 => {
            a.get(a.len() - 9..) == b.get(b.len() - 9..)
        }
        _ => a == b,
    }
}

impl SmsFilter {
    /// Whether an address is one of the filter's (always true for an empty filter).
    pub fn matches(&self, address: &str) -> bool {
        self.matches_any(std::slice::from_ref(&address.to_owned()))
    }

    fn matches_any(&self, addresses: &[String]) -> bool {
        self.wanted().matches_any(addresses)
    }

    fn wanted(&self) -> Wanted {
        Wanted {
            all: self.addresses.is_empty(),
            numbers: self.addresses.iter().filter_map(|a| normalise(a)).collect(),
        }
    }
}

/// A filter normalised once, for the whole backup.
struct Wanted {
    all: bool,
    numbers: Vec<Normalised>,
}

impl Wanted {
    fn matches_any(&self, addresses: &[String]) -> bool {
        self.all
            || addresses
                .iter()
                .filter_map(|a| normalise(a))
                .any(|a| self.numbers.iter().any(|w| same_number(&a, w)))
    }
}

/// A `BufRead` adapter that refuses to let one XML event grow past [`MAX_TAG_BYTES`]:
/// quick-xml buffers a whole tag before returning it, so this is what bounds memory. The
/// check runs before each refill, so a tag may overrun by at most one read buffer (8 KiB
/// for a `BufReader`; for an in-memory slice the data is already held by the caller, and
/// the attribute bound refuses it instead).
struct Bounded<R> {
    inner: R,
    since_reset: u64,
    tripped: bool,
}

impl<R: BufRead> std::io::Read for Bounded<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        if let (Some(dst), Some(src)) = (out.get_mut(..n), available.get(..n)) {
            dst.copy_from_slice(src);
        }
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Bounded<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.since_reset > MAX_TAG_BYTES {
            self.tripped = true;
            return Err(std::io::Error::other("one XML tag exceeds the size limit"));
        }
        self.inner.fill_buf()
    }
    fn consume(&mut self, amount: usize) {
        self.since_reset = self.since_reset.saturating_add(amount as u64);
        self.inner.consume(amount);
    }
}

/// Elements whose position matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Node {
    Root,
    Mms,
    Parts,
    Addrs,
    Other,
}

/// An MMS being assembled from its child elements.
struct MmsBuilder {
    at: DateTime<Utc>,
    direction: Direction,
    address_attr: Option<String>,
    contact_name: Option<String>,
    parts: Vec<MmsPart>,
    /// (address, is the sender)
    addrs: Vec<(String, bool)>,
    data_bytes: usize,
}

/// The parser's state, so that helpers can build errors with the current position.
struct State {
    filter: Wanted,
    item: u64,
    position: u64,
    stats: SmsStats,
}

impl State {
    fn error(&self, reason: impl Into<String>) -> ImportError {
        ImportError::Xml {
            position: self.position,
            element: (self.item > 0).then_some(self.item),
            reason: reason.into(),
        }
    }
}

/// Reads an SMS Backup & Restore XML backup (messages or calls) as a stream, calling
/// `on_item` for every item the filter keeps, in file order.
///
/// An error from `on_item` stops the parse and is returned as is. A malformed or truncated
/// file is an error after the items before the fault were delivered: the caller should
/// treat the import as one transaction.
pub fn parse_sms_backup<R: BufRead>(
    reader: R,
    filter: &SmsFilter,
    mut on_item: impl FnMut(SmsItem) -> Result<(), ImportError>,
) -> Result<SmsStats, ImportError> {
    let mut xml = Reader::from_reader(Bounded {
        inner: reader,
        since_reset: 0,
        tripped: false,
    });
    xml.config_mut().check_end_names = true;
    xml.config_mut().check_comments = true;

    let mut st = State {
        filter: filter.wanted(),
        item: 0,
        position: 0,
        stats: SmsStats::default(),
    };
    let mut stack: Vec<Node> = Vec::new();
    let mut mms: Option<MmsBuilder> = None;
    let mut seen_root = false;
    let mut buf: Vec<u8> = Vec::new();

    loop {
        buf.clear();
        if buf.capacity() > 1024 * 1024 {
            // Do not keep a huge buffer from one big MMS part for the rest of the file.
            buf.shrink_to(64 * 1024);
        }
        xml.get_mut().since_reset = 0;
        st.position = xml.buffer_position();
        let event = match xml.read_event_into(&mut buf) {
            Ok(event) => event,
            Err(e) => {
                if xml.get_ref().tripped {
                    return Err(ImportError::TooLarge {
                        what: "one XML tag",
                        limit: MAX_TAG_BYTES,
                    });
                }
                st.position = xml.error_position();
                return Err(match e {
                    quick_xml::Error::Io(io) => {
                        ImportError::Io(std::io::Error::new(io.kind(), io.to_string()))
                    }
                    other => st.error(other.to_string()),
                });
            }
        };
        match event {
            Event::DocType(doctype) => {
                // `ENTITY` anywhere in the DOCTYPE: declarations, parameter entities, all.
                if doctype.contains("ENTITY") {
                    return Err(ImportError::EntityDeclarationsRefused);
                }
            }
            Event::Start(e) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(st.error("elements nested too deeply"));
                }
                let node = open(&e, &stack, &mut seen_root, &mut mms, &mut st, &mut on_item)?;
                stack.push(node);
            }
            Event::Empty(e) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(st.error("elements nested too deeply"));
                }
                let node = open(&e, &stack, &mut seen_root, &mut mms, &mut st, &mut on_item)?;
                if node == Node::Mms {
                    close_mms(&mut mms, &mut st, &mut on_item)?;
                }
            }
            Event::End(_) => {
                let node = stack
                    .pop()
                    .ok_or_else(|| st.error("closing tag without an opening tag"))?;
                if node == Node::Mms {
                    close_mms(&mut mms, &mut st, &mut on_item)?;
                }
            }
            Event::Text(t) => {
                if stack.is_empty() && !t.chars().all(|c| c.is_ascii_whitespace()) {
                    return Err(st.error("text outside the root element"));
                }
            }
            // A reference in text (`&amp;` between tags): text all the same. Backups keep
            // everything in attributes, so it only matters outside the root.
            Event::GeneralRef(_) if stack.is_empty() => {
                return Err(st.error("text outside the root element"));
            }
            Event::GeneralRef(_)
            | Event::CData(_)
            | Event::Comment(_)
            | Event::Decl(_)
            | Event::PI(_) => {}
            Event::Eof => break,
        }
    }
    st.position = xml.buffer_position();
    if !stack.is_empty() {
        return Err(st.error("the file ends inside an element (truncated?)"));
    }
    if !seen_root {
        return Err(ImportError::Empty);
    }
    Ok(st.stats)
}

/// Handles an opening (or empty) tag; returns the node to push for a `Start`.
fn open(
    e: &BytesStart<'_>,
    stack: &[Node],
    seen_root: &mut bool,
    mms: &mut Option<MmsBuilder>,
    st: &mut State,
    on_item: &mut impl FnMut(SmsItem) -> Result<(), ImportError>,
) -> Result<Node, ImportError> {
    let name = e.name();
    let name = name.as_ref();
    let Some(&parent) = stack.last() else {
        if *seen_root {
            return Err(st.error("more than one root element"));
        }
        if name != "smses" && name != "calls" {
            return Err(st.error(
                "the root element is not <smses> or <calls>: not an SMS Backup & Restore file",
            ));
        }
        *seen_root = true;
        return Ok(Node::Root);
    };
    match (parent, name) {
        (Node::Root, "sms") => {
            st.item += 1;
            let a = Attrs::read(e, st)?;
            let at = a.date(st)?;
            let addresses: Vec<String> = a
                .opt("address")
                .map(|s| vec![s.to_owned()])
                .unwrap_or_default();
            let item = SmsItem::Message {
                at,
                direction: direction(a.number("type", st)?),
                text: a.get("body").unwrap_or_default().to_owned(),
                contact_name: a.contact_name(),
                addresses,
                parts: Vec::new(),
            };
            deliver(item, st, on_item)?;
            Ok(Node::Other)
        }
        (Node::Root, "call") => {
            st.item += 1;
            let a = Attrs::read(e, st)?;
            let at = a.date(st)?;
            let item = SmsItem::Call {
                at,
                number: a.opt("number").unwrap_or_default().to_owned(),
                kind: call_kind(a.number("type", st)?),
                duration_seconds: a.number_u64("duration", st)?,
                contact_name: a.contact_name(),
            };
            deliver(item, st, on_item)?;
            Ok(Node::Other)
        }
        (Node::Root, "mms") => {
            st.item += 1;
            let a = Attrs::read(e, st)?;
            *mms = Some(MmsBuilder {
                at: a.date(st)?,
                direction: direction(a.number("msg_box", st)?),
                address_attr: a.opt("address").map(str::to_owned),
                contact_name: a.contact_name(),
                parts: Vec::new(),
                addrs: Vec::new(),
                data_bytes: 0,
            });
            Ok(Node::Mms)
        }
        (Node::Mms, "parts") => Ok(Node::Parts),
        (Node::Mms, "addrs") => Ok(Node::Addrs),
        (Node::Parts, "part") => {
            let a = Attrs::read(e, st)?;
            let data = match a.opt("data") {
                Some(b64) => Some(decode_base64(b64, st)?),
                None => None,
            };
            let Some(m) = mms.as_mut() else {
                return Err(st.error("<part> outside an <mms>"));
            };
            if m.parts.len() >= MAX_PARTS {
                return Err(st.error("too many parts in one MMS"));
            }
            m.data_bytes = m
                .data_bytes
                .saturating_add(data.as_ref().map_or(0, Vec::len))
                .saturating_add(a.get("text").map_or(0, str::len));
            if m.data_bytes > MAX_ITEM_BYTES {
                return Err(ImportError::TooLarge {
                    what: "one MMS",
                    limit: MAX_ITEM_BYTES as u64,
                });
            }
            m.parts.push(MmsPart {
                content_type: a.opt("ct").unwrap_or_default().to_owned(),
                name: a.opt("name").or_else(|| a.opt("cl")).map(str::to_owned),
                text: a.opt("text").map(str::to_owned),
                data,
            });
            Ok(Node::Other)
        }
        (Node::Addrs, "addr") => {
            let a = Attrs::read(e, st)?;
            let Some(m) = mms.as_mut() else {
                return Err(st.error("<addr> outside an <mms>"));
            };
            if let Some(address) = a.opt("address") {
                if m.addrs.len() >= MAX_PARTS {
                    return Err(st.error("too many addresses in one MMS"));
                }
                m.addrs
                    .push((address.to_owned(), a.number("type", st)? == 137));
            }
            Ok(Node::Other)
        }
        // Anything else (future fields) is skipped, with its children.
        _ => Ok(Node::Other),
    }
}

fn close_mms(
    mms: &mut Option<MmsBuilder>,
    st: &mut State,
    on_item: &mut impl FnMut(SmsItem) -> Result<(), ImportError>,
) -> Result<(), ImportError> {
    let Some(m) = mms.take() else {
        return Ok(());
    };
    let mut addresses: Vec<String> = Vec::new();
    let ordered = m
        .addrs
        .iter()
        .filter(|(_, from)| *from)
        .chain(m.addrs.iter().filter(|(_, from)| !*from));
    for (address, _) in ordered {
        if !addresses.contains(address) {
            addresses.push(address.clone());
        }
    }
    if addresses.is_empty()
        && let Some(attr) = &m.address_attr
    {
        for a in attr.split('~').map(str::trim).filter(|a| !a.is_empty()) {
            if !addresses.iter().any(|x| x == a) {
                addresses.push(a.to_owned());
            }
        }
    }
    let text = m
        .parts
        .iter()
        .filter(|p| p.content_type.eq_ignore_ascii_case("text/plain"))
        .filter_map(|p| p.text.as_deref())
        .collect::<Vec<_>>()
        .join("\n");
    let item = SmsItem::Message {
        at: m.at,
        addresses,
        direction: m.direction,
        text,
        contact_name: m.contact_name,
        parts: m.parts,
    };
    deliver(item, st, on_item)
}

fn deliver(
    item: SmsItem,
    st: &mut State,
    on_item: &mut impl FnMut(SmsItem) -> Result<(), ImportError>,
) -> Result<(), ImportError> {
    let (keep, is_call) = match &item {
        SmsItem::Message { addresses, .. } => (st.filter.matches_any(addresses), false),
        SmsItem::Call { number, .. } => (st.filter.matches_any(std::slice::from_ref(number)), true),
    };
    if !keep {
        st.stats.skipped += 1;
        return Ok(());
    }
    on_item(item)?;
    if is_call {
        st.stats.calls += 1;
    } else {
        st.stats.messages += 1;
    }
    Ok(())
}

fn direction(n: u32) -> Direction {
    match n {
        1 => Direction::Received,
        2 => Direction::Sent,
        n => Direction::Other(n),
    }
}

fn call_kind(n: u32) -> CallKind {
    match n {
        1 => CallKind::Incoming,
        2 => CallKind::Outgoing,
        3 => CallKind::Missed,
        4 => CallKind::Voicemail,
        5 => CallKind::Rejected,
        6 => CallKind::Blocked,
        n => CallKind::Other(n),
    }
}

fn decode_base64(b64: &str, st: &State) -> Result<Vec<u8>, ImportError> {
    if b64.len() / 4 * 3 > MAX_VALUE_BYTES + 3 {
        return Err(ImportError::TooLarge {
            what: "one MMS part",
            limit: MAX_VALUE_BYTES as u64,
        });
    }
    // The app writes base64 without line breaks, but tolerate wrapped data.
    let compact: Cow<'_, str> = if b64.bytes().any(|b| b.is_ascii_whitespace()) {
        Cow::Owned(b64.chars().filter(|c| !c.is_ascii_whitespace()).collect())
    } else {
        Cow::Borrowed(b64)
    };
    base64::engine::general_purpose::STANDARD
        .decode(compact.as_bytes())
        .map_err(|_| st.error("an MMS part's data is not valid base64"))
}

/// One element's attributes, decoded.
struct Attrs {
    pairs: Vec<(String, String)>,
}

impl Attrs {
    fn read(e: &BytesStart<'_>, st: &State) -> Result<Self, ImportError> {
        let mut pairs = Vec::new();
        let mut attributes = e.attributes();
        attributes.with_checks(true);
        for (n, attr) in attributes.enumerate() {
            if n >= MAX_ATTRIBUTES {
                return Err(st.error(format!(
                    "one element has more than {MAX_ATTRIBUTES} attributes"
                )));
            }
            let attr = attr.map_err(|err| st.error(err.to_string()))?;
            let key = attr.key.as_ref().to_owned();
            let value = unescape(&attr.value).map_err(|reason| {
                st.error(format!("attribute {}: {reason}", printable_name(&key)))
            })?;
            if value.len() > MAX_VALUE_BYTES {
                return Err(ImportError::TooLarge {
                    what: "one XML attribute",
                    limit: MAX_VALUE_BYTES as u64,
                });
            }
            pairs.push((key, value.into_owned()));
        }
        Ok(Self { pairs })
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The value, with the app's `null` meaning absent.
    fn opt(&self, key: &str) -> Option<&str> {
        self.get(key).filter(|v| *v != "null")
    }

    fn contact_name(&self) -> Option<String> {
        self.opt("contact_name")
            .map(str::trim)
            .filter(|v| !v.is_empty() && *v != "(Unknown)")
            .map(str::to_owned)
    }

    fn number_u64(&self, key: &'static str, st: &State) -> Result<u64, ImportError> {
        match self.opt(key).map(str::trim) {
            None | Some("") => Ok(0),
            Some(v) => v
                .parse::<u64>()
                .map_err(|_| st.error(format!("field `{key}` is not a whole number"))),
        }
    }

    fn number(&self, key: &'static str, st: &State) -> Result<u32, ImportError> {
        let n = self.number_u64(key, st)?;
        u32::try_from(n).map_err(|_| st.error(format!("field `{key}` is out of range")))
    }

    fn date(&self, st: &State) -> Result<DateTime<Utc>, ImportError> {
        let raw = self
            .opt("date")
            .ok_or_else(|| st.error("field `date` is missing"))?;
        let ms: i64 = raw
            .trim()
            .parse()
            .map_err(|_| st.error("field `date` is not a number of milliseconds"))?;
        DateTime::<Utc>::from_timestamp_millis(ms)
            .ok_or_else(|| st.error("field `date` is out of range"))
    }
}

/// An attribute name fit for an error message (names are markup, but could be crafted).
fn printable_name(key: &str) -> String {
    key.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .take(32)
        .collect()
}

/// Decodes an attribute value: the five predefined entities and character references,
/// with UTF-16 surrogate pairs written as two references combined into one character.
/// Any other entity reference is an error: nothing is ever expanded from a DTD.
fn unescape(s: &str) -> Result<Cow<'_, str>, &'static str> {
    if !s.contains('&') {
        return Ok(Cow::Borrowed(s));
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or_default());
        let after = rest.get(amp + 1..).unwrap_or_default();
        let (c, len) = reference(after)?;
        match c {
            Ref::Char(c) => out.push(c),
            Ref::High(high) => {
                // A high surrogate: combine with an immediately following low surrogate.
                let next = after.get(len..).unwrap_or_default();
                match next.strip_prefix('&').map(reference) {
                    Some(Ok((Ref::Low(low), len2))) => {
                        let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                        out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                        rest = next.get(1 + len2..).unwrap_or_default();
                        continue;
                    }
                    _ => out.push('\u{FFFD}'),
                }
            }
            Ref::Low(_) => out.push('\u{FFFD}'),
        }
        rest = after.get(len..).unwrap_or_default();
    }
    out.push_str(rest);
    Ok(Cow::Owned(out))
}

enum Ref {
    Char(char),
    High(u32),
    Low(u32),
}

/// Parses the reference after a `&`; returns it and the bytes consumed (through `;`).
fn reference(after: &str) -> Result<(Ref, usize), &'static str> {
    // The longest valid reference is `#x10FFFF;` / `#1114111;`: look no further.
    let window = after.get(..after.len().min(12)).unwrap_or(after);
    let end = window
        .find(';')
        .ok_or("an `&` that does not start a reference")?;
    let name = after.get(..end).unwrap_or_default();
    let c = match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let code = if let Some(hex) = name.strip_prefix("#x") {
                u32::from_str_radix(hex, 16).ok()
            } else if let Some(dec) = name.strip_prefix('#') {
                dec.parse::<u32>().ok()
            } else {
                return Err("an unknown entity reference (only the predefined five are allowed)");
            };
            let code = code
                .filter(|_| name.bytes().skip(1).all(|b| b.is_ascii_alphanumeric()))
                .ok_or("a malformed character reference")?;
            let r = match code {
                0xD800..=0xDBFF => Ref::High(code),
                0xDC00..=0xDFFF => Ref::Low(code),
                _ => Ref::Char(char::from_u32(code).ok_or("a character reference out of range")?),
            };
            return Ok((r, end + 1));
        }
    };
    Ok((Ref::Char(c), end + 1))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    use crate::test_support::fixture;

    fn collect(bytes: &[u8], filter: &SmsFilter) -> Result<(Vec<SmsItem>, SmsStats), ImportError> {
        let mut items = Vec::new();
        let stats = parse_sms_backup(bytes, filter, |item| {
            items.push(item);
            Ok(())
        })?;
        Ok((items, stats))
    }

    fn at(rfc3339: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(rfc3339)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn message(
        when: &str,
        addresses: &[&str],
        direction: Direction,
        text: &str,
        contact: Option<&str>,
        parts: Vec<MmsPart>,
    ) -> SmsItem {
        SmsItem::Message {
            at: at(when),
            addresses: addresses.iter().map(|a| (*a).to_owned()).collect(),
            direction,
            text: text.to_owned(),
            contact_name: contact.map(str::to_owned),
            parts,
        }
    }

    fn everything() -> SmsFilter {
        SmsFilter::default()
    }

    fn only(addresses: &[&str]) -> SmsFilter {
        SmsFilter {
            addresses: addresses.iter().map(|a| (*a).to_owned()).collect(),
        }
    }

    fn expected_messages() -> Vec<SmsItem> {
        let part =
            |ct: &str, name: Option<&str>, text: Option<&str>, data: Option<Vec<u8>>| MmsPart {
                content_type: ct.to_owned(),
                name: name.map(str::to_owned),
                text: text.map(str::to_owned),
                data,
            };
        vec![
            message(
                "2024-03-12T21:06:00Z",
                &["+447700900123"],
                Direction::Received,
                "Where are you\nI can see you \u{1F600} & <3",
                Some("Sam Stalker"),
                vec![],
            ),
            message(
                "2024-03-12T21:07:00Z",
                &["07700 900123"],
                Direction::Sent,
                "Stop.",
                None,
                vec![],
            ),
            message(
                "2024-03-12T21:08:00Z",
                &["+447700900999"],
                Direction::Received,
                "unrelated",
                None,
                vec![],
            ),
            message(
                "2024-03-12T21:09:00Z",
                // The sender (addr type 137) first, then the recipient.
                &["+447700900123", "+447700900555"],
                Direction::Received,
                "look outside \u{1F600}",
                Some("Sam Stalker"),
                vec![
                    part(
                        "application/smil",
                        Some("smil.xml"),
                        Some("<smil></smil>"),
                        None,
                    ),
                    part(
                        "text/plain",
                        Some("text_0.txt"),
                        Some("look outside \u{1F600}"),
                        None,
                    ),
                    part(
                        "image/png",
                        Some("IMG_0001.png"),
                        None,
                        Some(fixture("tiny-4x3.png")),
                    ),
                ],
            ),
        ]
    }

    #[test]
    fn sms_and_mms_backup_is_read_exactly() {
        let (items, stats) = collect(&fixture("sms-backup.xml"), &everything()).unwrap();
        assert_eq!(items, expected_messages());
        assert_eq!(
            stats,
            SmsStats {
                messages: 4,
                calls: 0,
                skipped: 0
            }
        );
    }

    #[test]
    fn filter_keeps_one_number_whatever_its_prefix() {
        let (items, stats) =
            collect(&fixture("sms-backup.xml"), &only(&["07700 900 123"])).unwrap();
        let mut expected = expected_messages();
        expected.remove(2);
        assert_eq!(items, expected);
        assert_eq!(
            stats,
            SmsStats {
                messages: 3,
                calls: 0,
                skipped: 1
            }
        );
    }

    #[test]
    fn number_matching_rule() {
        let f = only(&["+44 (0)7700-900-123"]);
        assert!(f.matches("07700900123"));
        assert!(f.matches("00447700900123"));
        assert!(!f.matches("07700900124"));
        assert!(!only(&["12345"]).matches("912345"));
        assert!(only(&["12345"]).matches("12-345"));
        assert!(only(&["HMRC"]).matches("hmrc"));
        assert!(!only(&["HMRC"]).matches("DVLA"));
        assert!(everything().matches("anything"));
    }

    #[test]
    fn call_log_backup_is_read_exactly() {
        let (items, stats) =
            collect(&fixture("calls-backup.xml"), &only(&["+447700900123"])).unwrap();
        let call = |when: &str, number: &str, kind, duration_seconds, contact: Option<&str>| {
            SmsItem::Call {
                at: at(when),
                number: number.to_owned(),
                kind,
                duration_seconds,
                contact_name: contact.map(str::to_owned),
            }
        };
        assert_eq!(
            items,
            vec![
                call(
                    "2024-03-12T21:06:00Z",
                    "+447700900123",
                    CallKind::Incoming,
                    35,
                    Some("Sam Stalker")
                ),
                call(
                    "2024-03-12T22:06:00Z",
                    "07700900123",
                    CallKind::Missed,
                    0,
                    None
                ),
                call(
                    "2024-03-12T23:06:00Z",
                    "+44 (0)7700-900-123",
                    CallKind::Blocked,
                    0,
                    None
                ),
            ]
        );
        assert_eq!(
            stats,
            SmsStats {
                messages: 0,
                calls: 3,
                skipped: 0
            }
        );
    }

    #[test]
    fn billion_laughs_is_refused() {
        let err = collect(&fixture("billion-laughs.xml"), &everything()).unwrap_err();
        assert!(
            matches!(err, ImportError::EntityDeclarationsRefused),
            "{err:?}"
        );
    }

    fn sms_with_body(body: &str) -> String {
        format!(
            "<smses count=\"2\"><sms address=\"1\" date=\"0\" type=\"1\" body=\"ok\"/>\
             <sms address=\"1\" date=\"1710277560000\" type=\"1\" body=\"{body}\"/></smses>"
        )
    }

    fn body_of(body: &str) -> Result<String, ImportError> {
        let (items, _) = collect(sms_with_body(body).as_bytes(), &everything())?;
        match items.into_iter().nth(1) {
            Some(SmsItem::Message { text, .. }) => Ok(text),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn references_decode_exactly() {
        assert_eq!(
            body_of("&#x1F600;&#128512;&#55357;&#56832;").unwrap(),
            "\u{1F600}".repeat(3)
        );
        assert_eq!(
            body_of("a&#10;b&#13;&#9;&quot;&apos;&gt;").unwrap(),
            "a\nb\r\t\"'>"
        );
        // A message cut in the middle of an emoji keeps the rest of its text.
        assert_eq!(body_of("cut &#55357;").unwrap(), "cut \u{FFFD}");
        assert_eq!(body_of("&#56832;x").unwrap(), "\u{FFFD}x");
        assert_eq!(body_of("&#55357;&#65;").unwrap(), "\u{FFFD}A");
        // The literal string "null" could be a real message: kept verbatim.
        assert_eq!(body_of("null").unwrap(), "null");
    }

    #[test]
    fn unknown_entities_are_errors_that_do_not_quote_the_message() {
        for body in [
            "secret &lol;",
            "secret &#xZZ;",
            "secret & more",
            "secret &#1114112;",
        ] {
            let err = body_of(body).unwrap_err();
            assert!(
                matches!(
                    err,
                    ImportError::Xml {
                        element: Some(2),
                        ..
                    }
                ),
                "{body}: {err:?}"
            );
            assert!(!err.to_string().contains("secret"), "{err}");
        }
    }

    #[test]
    fn malformed_backups_name_the_item() {
        let cases: &[(&str, Option<u64>)] = &[
            (
                "<smses><sms date=\"null\" type=\"1\" body=\"x\"/></smses>",
                Some(1),
            ),
            ("<smses><sms type=\"1\" body=\"x\"/></smses>", Some(1)),
            (
                "<smses><sms date=\"1\" type=\"received\"/></smses>",
                Some(1),
            ),
            (
                "<smses><sms date=\"99999999999999999999\" type=\"1\"/></smses>",
                Some(1),
            ),
            ("<smses><sms date=\"1\" date=\"2\"/></smses>", Some(1)),
            (
                "<smses><sms date=\"1\" type=\"1\"/><mms date=\"2\"><parts><part data=\"!!\"/></parts></mms></smses>",
                Some(2),
            ),
            (
                "<smses><sms date=\"1\" type=\"1\"/><sms date=\"2\"",
                Some(1),
            ),
            ("<smses><sms date=\"1\" type=\"1\"/>", Some(1)),
            ("<smses></calls>", None),
            ("<html><body/></html>", None),
            ("<smses/><smses/>", None),
        ];
        for (xml, element) in cases {
            let err = collect(xml.as_bytes(), &everything()).unwrap_err();
            match err {
                ImportError::Xml { element: e, .. } => assert_eq!(e, *element, "{xml}: {err}"),
                other => panic!("{xml}: {other:?}"),
            }
        }
        for empty in ["", "  \n", "<?xml version=\"1.0\"?>"] {
            let err = collect(empty.as_bytes(), &everything()).unwrap_err();
            assert!(matches!(err, ImportError::Empty), "{err:?}");
        }
        let err = collect(&fixture("garbage.bin"), &everything()).unwrap_err();
        assert!(
            matches!(err, ImportError::Xml { .. } | ImportError::Empty),
            "{err:?}"
        );
    }

    #[test]
    fn an_oversized_tag_is_refused_without_holding_the_file() {
        let mut xml = String::from("<smses><sms date=\"1\" type=\"1\" body=\"");
        xml.push_str(&"x".repeat(MAX_TAG_BYTES as usize + 1024 * 1024));
        xml.push_str("\"/></smses>");
        // Read as from a file: the tag bound trips while the tag is still being buffered.
        let reader = std::io::BufReader::new(std::io::Cursor::new(xml.as_bytes()));
        let err = parse_sms_backup(reader, &everything(), |_| Ok(())).unwrap_err();
        assert!(
            matches!(
                err,
                ImportError::TooLarge {
                    what: "one XML tag",
                    ..
                }
            ),
            "{err:?}"
        );
        // From a slice (already in memory) the attribute bound refuses it.
        let err = collect(xml.as_bytes(), &everything()).unwrap_err();
        assert!(matches!(err, ImportError::TooLarge { .. }), "{err:?}");
    }

    #[test]
    fn a_tag_with_a_hundred_thousand_attributes_is_refused_by_its_count() {
        let mut xml = String::from("<smses><sms date=\"1\" type=\"1\"");
        for i in 0..100_000 {
            xml.push_str(&format!(" a{i}=\"x\""));
        }
        xml.push_str("/></smses>");
        let err = collect(xml.as_bytes(), &everything()).unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("more than 256 attributes") && msg.contains("item 1"),
            "{msg}"
        );
        // Duplicates among the first ones are still refused as duplicates.
        let err = collect(
            b"<smses><sms date=\"1\" a=\"1\" b=\"2\" a=\"3\"/></smses>",
            &everything(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("duplicate"), "{err}");
    }

    #[test]
    fn deep_nesting_is_refused() {
        let xml = format!("<smses>{}", "<x>".repeat(100));
        let err = collect(xml.as_bytes(), &everything()).unwrap_err();
        assert!(matches!(err, ImportError::Xml { .. }), "{err:?}");
    }

    #[test]
    fn the_callback_can_stop_the_import() {
        let mut seen = 0;
        let err = parse_sms_backup(&fixture("sms-backup.xml")[..], &everything(), |_| {
            seen += 1;
            Err(ImportError::Empty)
        })
        .unwrap_err();
        assert!(matches!(err, ImportError::Empty));
        assert_eq!(seen, 1);
    }

    /// A reader that fails after `limit` bytes, to show items arrive before the end is read.
    struct FailsAfter<'a> {
        data: &'a [u8],
        limit: usize,
    }

    impl std::io::Read for FailsAfter<'_> {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            if self.limit == 0 {
                return Err(std::io::Error::other("disk gone"));
            }
            let n = out.len().min(self.limit).min(self.data.len());
            out[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            self.limit -= n;
            Ok(n)
        }
    }

    #[test]
    fn items_are_streamed_before_the_rest_of_the_file_is_read() {
        let data = fixture("sms-backup.xml");
        let cut = data.windows(5).position(|w| w == b"<mms ").unwrap();
        let reader = std::io::BufReader::with_capacity(
            64,
            FailsAfter {
                data: &data,
                limit: cut,
            },
        );
        let mut seen = 0;
        let err = parse_sms_backup(reader, &everything(), |_| {
            seen += 1;
            Ok(())
        })
        .unwrap_err();
        assert!(matches!(err, ImportError::Io(_)), "{err:?}");
        assert_eq!(seen, 3);
    }

    use crate::test_support::mutate;

    fn bounded(input: &[u8]) {
        let start = std::time::Instant::now();
        let _ = collect(input, &everything());
        let _ = collect(input, &only(&["07700900123"]));
        assert!(start.elapsed() < std::time::Duration::from_secs(2));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
            bounded(&bytes);
        }

        #[test]
        fn arbitrary_bodies_never_panic(body in any::<String>()) {
            bounded(sms_with_body(&body).as_bytes());
        }

        #[test]
        fn mutated_backups_never_panic(
            which in 0usize..3,
            edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..12)
        ) {
            let name = ["sms-backup.xml", "calls-backup.xml", "billion-laughs.xml"][which];
            bounded(&mutate(&fixture(name), &edits));
        }
    }
}
