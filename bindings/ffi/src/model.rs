//! The core's model crossing the FFI as it is: no copies, no conversions.
//!
//! The core cannot derive uniffi's traits itself: the derive macros expand to `unsafe impl`
//! and `#[unsafe(no_mangle)]` items, and their expansion in an external macro slips past
//! `forbid(unsafe_code)` unseen — which is exactly how unsafe code would get into a crate
//! that promises none. So the FFI crate, which allows the generated glue, declares each
//! core type as a uniffi *remote* type: the mirror below is never compiled into a type of
//! its own; uniffi generates the converters for the core's type, field by field, and the
//! compiler checks every mirror against the real definition (a field added, removed or
//! retyped in the core fails this build until it is mirrored).
//!
//! Times cross as RFC 3339 strings with their offset (`2024-03-01T21:30:00+01:00`): an
//! incident's offset is part of the evidence, which a `SystemTime` would drop. Dates cross
//! as ISO 8601 (`2024-03-01`). A malformed string from foreign code is refused as
//! `Invalid` before the call runs — never a panic.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use tally_core::diary::ListFilter;
use tally_core::model::{
    Amendment, AttachmentRef, Body, CallRecord, Category, Condition, ContactMethod, Coordinates,
    EntryKind, EntryStatus, EntryView, Erasure, Gps, Impact, Incident, LifeChange, LoggedMessage,
    MessageLog, MessageSource, MessageStatus, Occurred, Order, OrderType, Person, Place,
    PoliceContact, Relationship, SenderTally, Transcript, Witness,
};
use tally_core::summary::SummaryFilter;

use crate::error::TallyApiError;

/// A time with the UTC offset it was recorded in, as RFC 3339 (`2024-03-01T21:30:00+01:00`).
pub type RecordedTime = DateTime<FixedOffset>;
/// An instant in UTC, as RFC 3339 (`2024-03-01T21:31:07+00:00`).
pub type UtcTime = DateTime<Utc>;
/// A calendar date, as ISO 8601 (`2024-03-01`).
pub type IsoDate = NaiveDate;
/// An image's size in pixels.
pub type Dimensions = (u32, u32);

fn refused(what: &str) -> uniffi::deps::anyhow::Error {
    uniffi::deps::anyhow::Error::new(TallyApiError::invalid(what))
}

uniffi::custom_type!(RecordedTime, String, {
    remote,
    lower: |t| t.to_rfc3339(),
    try_lift: |s| DateTime::parse_from_rfc3339(&s).map_err(|_| refused(
        "a time is not an RFC 3339 time with an offset (like 2024-03-01T21:30:00+00:00)"
    )),
});

uniffi::custom_type!(UtcTime, String, {
    remote,
    lower: |t| t.to_rfc3339(),
    try_lift: |s| DateTime::parse_from_rfc3339(&s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| refused("a time is not an RFC 3339 time (like 2024-03-01T21:30:00+00:00)")),
});

uniffi::custom_type!(IsoDate, String, {
    remote,
    lower: |d| d.format("%Y-%m-%d").to_string(),
    try_lift: |s| NaiveDate::parse_from_str(&s, "%Y-%m-%d")
        .map_err(|_| refused("a date is not a date like 2024-03-01")),
});

/// An image's size in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct PixelSize {
    /// Width.
    pub width: u32,
    /// Height.
    pub height: u32,
}

uniffi::custom_type!(Dimensions, PixelSize, {
    remote,
    lower: |d| PixelSize {
        width: d.0,
        height: d.1,
    },
    try_lift: |p| Ok((p.width, p.height)),
});

/// The kinds of entry.
#[uniffi::remote(Enum)]
pub enum EntryKind {
    Incident,
    Person,
    Order,
    PoliceContact,
    MessageLog,
    Amendment,
    Erasure,
}

/// How a person is related to the victim.
#[uniffi::remote(Enum)]
pub enum Relationship {
    ExPartner,
    Acquaintance,
    Colleague,
    Neighbour,
    Stranger,
    Police,
    Other,
}

/// What kind of behaviour an incident records.
#[uniffi::remote(Enum)]
pub enum Category {
    Message,
    Call,
    EmailOrLetter,
    GiftOrItem,
    Online,
    SightingOrFollowing,
    Loitering,
    VisitHome,
    VisitWork,
    VisitOther,
    ThirdPartyContact,
    TrackingOrDeviceMisuse,
    PropertyDamage,
    Threat,
    Violence,
    Other,
}

/// The kind of order.
#[uniffi::remote(Enum)]
pub enum OrderType {
    Bail,
    RestrainingOrder,
    NonMolestationOrder,
    StalkingProtectionOrder,
    Dvpo,
    Other,
}

/// How a police contact happened.
#[uniffi::remote(Enum)]
pub enum ContactMethod {
    Call999,
    Call101,
    Online,
    InPerson,
    OfficerVisit,
    Written,
    Other,
}

/// Where an imported conversation came from.
#[uniffi::remote(Enum)]
pub enum MessageSource {
    Whatsapp,
    Sms,
    Telegram,
    Instagram,
    Messenger,
}

/// What a logged message is.
#[uniffi::remote(Enum)]
pub enum MessageStatus {
    Text,
    Deleted,
    MediaOmitted,
    Media,
    System,
}

/// Whether an entry stands as sealed, was corrected, or had its content removed.
#[uniffi::remote(Enum)]
pub enum EntryStatus {
    Original,
    Amended,
    Erased,
}

/// Someone involved.
#[uniffi::remote(Record)]
pub struct Person {
    pub name: String,
    pub relationship: Relationship,
    #[uniffi(default)]
    pub description: Option<String>,
    #[uniffi(default)]
    pub vehicles: Vec<String>,
    #[uniffi(default)]
    pub phones: Vec<String>,
    #[uniffi(default)]
    pub accounts: Vec<String>,
    #[uniffi(default)]
    pub previous_harassment: Option<String>,
    #[uniffi(default)]
    pub previous_violence: Option<String>,
}

/// When an incident happened, in the local time of the place, with its offset.
#[uniffi::remote(Record)]
pub struct Occurred {
    pub start: RecordedTime,
    #[uniffi(default)]
    pub end: Option<RecordedTime>,
    #[uniffi(default)]
    pub approximate: bool,
}

/// Latitude and longitude in degrees (WGS 84).
#[uniffi::remote(Record)]
pub struct Coordinates {
    pub lat: f64,
    pub lon: f64,
}

/// Where an incident happened.
#[uniffi::remote(Record)]
pub struct Place {
    #[uniffi(default)]
    pub text: String,
    #[uniffi(default)]
    pub saved: Option<String>,
    #[uniffi(default)]
    pub coordinates: Option<Coordinates>,
}

/// A way the behaviour changed the victim's daily life.
#[uniffi::remote(Enum)]
pub enum LifeChange {
    MovedHome,
    ChangedRoute,
    TimeOffWork,
    ChangedNumberOrAccounts,
    StoppedGoingOut,
    ExtraSecurity,
    SoughtHealthHelp,
    Other(String),
}

/// How an incident affected the victim.
#[uniffi::remote(Record)]
pub struct Impact {
    #[uniffi(default)]
    pub fear: Option<u8>,
    #[uniffi(default)]
    pub changes: Vec<LifeChange>,
    #[uniffi(default)]
    pub notes: Option<String>,
}

/// Someone who saw or heard an incident.
#[uniffi::remote(Record)]
pub struct Witness {
    pub name: String,
    #[uniffi(default)]
    pub contact: Option<String>,
}

/// GPS position read from a photo's EXIF data.
#[uniffi::remote(Record)]
pub struct Gps {
    pub lat: f64,
    pub lon: f64,
}

/// A file kept in the diary; put it in an entry to attach it there.
#[uniffi::remote(Record)]
pub struct AttachmentRef {
    pub sha256: String,
    pub size: u64,
    pub media_type: String,
    #[uniffi(default)]
    pub file_name: Option<String>,
    #[uniffi(default)]
    pub captured_at: Option<String>,
    #[uniffi(default)]
    pub camera: Option<String>,
    #[uniffi(default)]
    pub gps: Option<Gps>,
    #[uniffi(default)]
    pub dimensions: Option<Dimensions>,
}

/// What happened.
#[uniffi::remote(Record)]
pub struct Incident {
    pub occurred: Occurred,
    pub category: Category,
    #[uniffi(default)]
    pub people: Vec<u64>,
    #[uniffi(default)]
    pub place: Option<Place>,
    pub summary: String,
    #[uniffi(default)]
    pub details: Option<String>,
    pub impact: Impact,
    #[uniffi(default)]
    pub witnesses: Vec<Witness>,
    #[uniffi(default)]
    pub attachments: Vec<AttachmentRef>,
}

/// One condition of an order.
#[uniffi::remote(Enum)]
pub enum Condition {
    NoContact,
    StayAway { place: String },
    Other { text: String },
}

/// Bail conditions or a protective order binding a person.
#[uniffi::remote(Record)]
pub struct Order {
    pub order_type: OrderType,
    pub person: u64,
    pub start: IsoDate,
    #[uniffi(default)]
    pub end: Option<IsoDate>,
    #[uniffi(default)]
    pub conditions: Vec<Condition>,
    #[uniffi(default)]
    pub reference: Option<String>,
    #[uniffi(default)]
    pub issued_by: Option<String>,
}

/// A report to, or contact with, the police.
#[uniffi::remote(Record)]
pub struct PoliceContact {
    pub at: RecordedTime,
    #[uniffi(default)]
    pub method: Option<ContactMethod>,
    #[uniffi(default)]
    pub force: Option<String>,
    #[uniffi(default)]
    pub reference: Option<String>,
    #[uniffi(default)]
    pub officer: Option<String>,
    #[uniffi(default)]
    pub reported: Vec<u64>,
    #[uniffi(default)]
    pub advice: Option<String>,
    #[uniffi(default)]
    pub outcome: Option<String>,
    #[uniffi(default)]
    pub follow_up: Option<String>,
}

/// One message of an imported conversation.
#[uniffi::remote(Record)]
pub struct LoggedMessage {
    pub at: RecordedTime,
    pub sender: String,
    pub text: String,
    pub status: MessageStatus,
    pub chosen: bool,
    pub outgoing: bool,
    pub media_name: Option<String>,
    pub media_sha256: Option<String>,
    pub media_type: Option<String>,
}

/// One call from a call-log backup.
#[uniffi::remote(Record)]
pub struct CallRecord {
    pub at: RecordedTime,
    pub number: String,
    pub direction: String,
    pub duration_seconds: u64,
    pub chosen: bool,
}

/// An imported conversation (imports create these).
#[uniffi::remote(Record)]
pub struct MessageLog {
    pub source: MessageSource,
    pub original: AttachmentRef,
    pub time_zone: Option<String>,
    pub people: Vec<u64>,
    pub chosen_senders: Vec<String>,
    pub messages: Vec<LoggedMessage>,
    pub calls: Vec<CallRecord>,
    pub attachments: Vec<AttachmentRef>,
    pub transcript: Option<Transcript>,
}

/// The messages and calls of an import, kept as an attachment of their own (one JSON
/// object per line), with what a list needs to know without reading them.
#[uniffi::remote(Record)]
pub struct Transcript {
    pub file: AttachmentRef,
    pub messages: u64,
    pub calls: u64,
    pub first: Option<RecordedTime>,
    pub last: Option<RecordedTime>,
    pub senders: Vec<SenderTally>,
}

/// One sender of a transcript and how much they sent.
#[uniffi::remote(Record)]
pub struct SenderTally {
    pub name: String,
    pub messages: u64,
    pub calls: u64,
}

/// A correction of entry `target`.
#[uniffi::remote(Record)]
pub struct Amendment {
    pub target: u64,
    pub kind: EntryKind,
    pub replacement: Box<Body>,
    pub reason: Option<String>,
}

/// The owner removed entry `target`'s content.
#[uniffi::remote(Record)]
pub struct Erasure {
    pub target: u64,
    pub kind: EntryKind,
    pub covers: Vec<u64>,
    pub reason: Option<String>,
}

/// What an entry records.
#[uniffi::remote(Enum)]
pub enum Body {
    Incident(Incident),
    Person(Person),
    Order(Order),
    PoliceContact(PoliceContact),
    MessageLog(MessageLog),
    Amendment(Amendment),
    Erasure(Erasure),
}

/// One entry as the diary shows it: the latest version, or the fact it was erased.
#[uniffi::remote(Record)]
pub struct EntryView {
    pub seq: u64,
    pub kind: EntryKind,
    pub recorded_at: Option<UtcTime>,
    pub status: EntryStatus,
    pub current: Option<Body>,
    pub amended_by: Vec<u64>,
    pub erased_by: Option<u64>,
}

/// Which entries a list or pack covers. Empty lists and `None` mean "no restriction".
#[uniffi::remote(Record)]
pub struct ListFilter {
    #[uniffi(default)]
    pub kinds: Vec<EntryKind>,
    #[uniffi(default)]
    pub categories: Vec<Category>,
    #[uniffi(default)]
    pub person: Option<u64>,
    #[uniffi(default)]
    pub from: Option<IsoDate>,
    #[uniffi(default)]
    pub to: Option<IsoDate>,
    #[uniffi(default)]
    pub entries: Vec<u64>,
    #[uniffi(default)]
    pub include_corrections: bool,
}

/// Which incidents the course-of-conduct summary covers.
#[uniffi::remote(Record)]
pub struct SummaryFilter {
    #[uniffi(default)]
    pub person: Option<u64>,
    #[uniffi(default)]
    pub from: Option<IsoDate>,
    #[uniffi(default)]
    pub to: Option<IsoDate>,
}
