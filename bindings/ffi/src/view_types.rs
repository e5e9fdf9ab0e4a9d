//! The core's views — what every screen shows and every form's draft and review — crossing
//! the FFI as they are, declared as uniffi remote types for the reason given in
//! [`crate::model`]: the compiler holds each mirror to the core's definition.

use std::time::SystemTime;

use tally_core::import::DateOrder;
use tally_core::view::choices::{
    CategoryChoice, Choices, LifeChangeChoice, MethodChoice, OrderTypeChoice, RelationshipChoice,
};
use tally_core::view::detail::{DetailField, EntryDetail, HistoryRole, HistoryStep};
use tally_core::view::export::{
    DisclosureChoices, DisclosurePlan, DisclosureReason, ExportScreen, PlannedEntry, PlannedItem,
};
use tally_core::view::import::{
    ChatChoice, DateOrderChoice, DateOrderQuestion, ImportFormat, ImportPreview, SenderChoice,
};
use tally_core::view::summary::{
    BreachLine, CategoryCount, OrderLine, PoliceLine, SummaryView, WeekBar,
};
use tally_core::view::time::{ClockAnswer, ClockChange, ClockChoice, ClockQuestion, TimeView};
use tally_core::view::timeline::{
    ItemStatus, PersonRef, Timeline, TimelineDay, TimelineFilter, TimelineItem,
};
use tally_core::view::{
    AmendmentDraft, AmendmentStart, DraftContent, Field, FieldError, FormOutcome, IncidentDraft,
    LockReason, LockSettings, LockState, OrderDraft, PersonDraft, PoliceContactDraft, Problem,
    Review, UnlockGate,
};

use crate::model::{IsoDate, RecordedTime};
use tally_core::model::{
    AttachmentRef, Category, Condition, ContactMethod, Coordinates, EntryKind, LifeChange,
    OrderType, Relationship, Witness,
};

// ---- times ----------------------------------------------------------------------------

/// A time as the victim recorded it, with its offset.
#[uniffi::remote(Record)]
pub struct TimeView {
    pub at: RecordedTime,
    pub date: IsoDate,
    pub time: String,
    pub offset: String,
    pub text: String,
}

/// Which of two candidate times answers a clock-change question.
#[uniffi::remote(Enum)]
pub enum ClockAnswer {
    Earlier,
    Later,
}

/// Why a local time needs a question: it happened twice, or never.
#[uniffi::remote(Enum)]
pub enum ClockChange {
    Twice,
    Skipped,
}

/// One answer to a clock-change question.
#[uniffi::remote(Record)]
pub struct ClockChoice {
    pub answer: ClockAnswer,
    pub time: TimeView,
    pub label: String,
}

/// The question a local time raises when the clocks changed around it.
#[uniffi::remote(Record)]
pub struct ClockQuestion {
    pub change: ClockChange,
    pub text: String,
    pub choices: Vec<ClockChoice>,
}

// ---- timeline and detail --------------------------------------------------------------

/// Which entries the timeline shows.
#[uniffi::remote(Record)]
pub struct TimelineFilter {
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
}

/// A person an entry names.
#[uniffi::remote(Record)]
pub struct PersonRef {
    pub seq: u64,
    pub name: String,
}

/// Current, amended on a date, removed on a date with its reason, or damaged.
#[uniffi::remote(Enum)]
pub enum ItemStatus {
    Current,
    Amended {
        on: Option<IsoDate>,
        by: u64,
        versions: u64,
    },
    Removed {
        on: Option<IsoDate>,
        by: u64,
        reason: Option<String>,
    },
    Damaged {
        reason: String,
    },
}

/// One entry on the timeline or in a list.
#[uniffi::remote(Record)]
pub struct TimelineItem {
    pub seq: u64,
    pub kind: EntryKind,
    pub kind_label: String,
    pub headline: String,
    pub time: Option<TimeView>,
    pub end: Option<TimeView>,
    pub approximate: bool,
    pub date: Option<IsoDate>,
    pub category: Option<Category>,
    pub category_label: Option<String>,
    pub people: Vec<PersonRef>,
    pub attachments: u64,
    pub status: ItemStatus,
    pub status_text: Option<String>,
}

/// The items of one local day, newest first.
#[uniffi::remote(Record)]
pub struct TimelineDay {
    pub date: IsoDate,
    pub heading: String,
    pub items: Vec<TimelineItem>,
}

/// The whole timeline, days newest first.
#[uniffi::remote(Record)]
pub struct Timeline {
    pub days: Vec<TimelineDay>,
    pub shown: u64,
    pub damaged: u64,
    pub empty_text: Option<String>,
}

/// One labelled line of an entry.
#[uniffi::remote(Record)]
pub struct DetailField {
    pub label: String,
    pub value: String,
}

/// What a step of an entry's history is.
#[uniffi::remote(Enum)]
pub enum HistoryRole {
    Original,
    Correction,
    Removal,
}

/// One version of an entry.
#[uniffi::remote(Record)]
pub struct HistoryStep {
    pub seq: u64,
    pub role: HistoryRole,
    pub sealed: Option<TimeView>,
    pub text: String,
    pub headline: Option<String>,
    pub reason: Option<String>,
    pub fields: Vec<DetailField>,
}

/// An entry in full, with its whole history.
#[uniffi::remote(Record)]
pub struct EntryDetail {
    pub item: TimelineItem,
    pub sealed: Option<TimeView>,
    pub fields: Vec<DetailField>,
    pub attachments: Vec<AttachmentRef>,
    pub history: Vec<HistoryStep>,
}

// ---- summary --------------------------------------------------------------------------

/// Incidents of one category.
#[uniffi::remote(Record)]
pub struct CategoryCount {
    pub category: Category,
    pub label: String,
    pub count: u64,
}

/// One bar of the weekly chart.
#[uniffi::remote(Record)]
pub struct WeekBar {
    pub week: String,
    pub starts: IsoDate,
    pub incidents: u64,
    pub imported: u64,
    pub total: u64,
    pub by_category: Vec<CategoryCount>,
}

/// One order and its breaches.
#[uniffi::remote(Record)]
pub struct OrderLine {
    pub entry: u64,
    pub text: String,
    pub breaches: u64,
}

/// One breach of an order.
#[uniffi::remote(Record)]
pub struct BreachLine {
    pub order: u64,
    pub entry: u64,
    pub number: u64,
    pub date: IsoDate,
    pub text: String,
}

/// One police contact, with advice to block flagged.
#[uniffi::remote(Record)]
pub struct PoliceLine {
    pub entry: u64,
    pub date: IsoDate,
    pub reference: Option<String>,
    pub advised_blocking: bool,
    pub blocking_note: Option<String>,
}

/// The summary screen: the same sentences as the report, in the shell's language.
#[uniffi::remote(Record)]
pub struct SummaryView {
    pub period: String,
    pub first: Option<IsoDate>,
    pub last: Option<IsoDate>,
    pub recorded: String,
    pub notes: Vec<String>,
    pub incidents_total: u64,
    pub by_category: Vec<CategoryCount>,
    pub weeks: Vec<WeekBar>,
    pub trend: Option<String>,
    pub indicators: Vec<String>,
    pub pattern: Vec<String>,
    pub orders: Vec<OrderLine>,
    pub breaches: Vec<BreachLine>,
    pub police_contacts: Vec<PoliceLine>,
    pub references: Vec<String>,
    pub erased_entries: u64,
}

// ---- forms ----------------------------------------------------------------------------

/// A field of one of the forms.
#[uniffi::remote(Enum)]
pub enum Field {
    Date,
    Time,
    EndDate,
    EndTime,
    Category,
    People,
    Place,
    Coordinates,
    Summary,
    Details,
    Fear,
    ImpactNotes,
    Witnesses,
    Attachments,
    Name,
    Relationship,
    OrderType,
    BoundPerson,
    StartDate,
    EndDay,
    Conditions,
    Reference,
    Reported,
    Reason,
    Target,
    Passphrase,
    Confirmation,
    TimeZone,
    File,
    Other,
}

/// What is wrong with a field.
#[uniffi::remote(Enum)]
pub enum Problem {
    Required,
    NotADate,
    NotATime,
    TooLong { max: u64 },
    TooShort { min: u64 },
    InFuture,
    ClockChange,
    EndBeforeStart,
    OutOfRange { min: i64, max: i64 },
    NoSuchEntry { seq: u64 },
    WrongKind { seq: u64, expected: EntryKind },
    Erased { seq: u64 },
    NotAmendable { seq: u64 },
    Mismatch,
    UnknownZone,
    Invalid,
}

/// One problem with one field, with the sentence to show beside it.
#[uniffi::remote(Record)]
pub struct FieldError {
    pub field: Field,
    pub problem: Problem,
    pub text: String,
}

/// What submitting a form did: sealed, or refused naming every field to fix.
#[uniffi::remote(Enum)]
pub enum FormOutcome {
    Saved { seq: u64 },
    Refused { errors: Vec<FieldError> },
}

/// What a form's fields say so far.
#[uniffi::remote(Record)]
pub struct Review {
    pub errors: Vec<FieldError>,
    pub clock_question: Option<ClockQuestion>,
    pub end_clock_question: Option<ClockQuestion>,
    pub start: Option<TimeView>,
    pub end: Option<TimeView>,
    pub ready: bool,
}

/// An incident being written (quick capture and the full form).
#[uniffi::remote(Record)]
pub struct IncidentDraft {
    #[uniffi(default)]
    pub date: String,
    #[uniffi(default)]
    pub time: String,
    #[uniffi(default)]
    pub end_date: String,
    #[uniffi(default)]
    pub end_time: String,
    #[uniffi(default)]
    pub approximate: bool,
    #[uniffi(default)]
    pub clock: Option<ClockAnswer>,
    #[uniffi(default)]
    pub end_clock: Option<ClockAnswer>,
    #[uniffi(default)]
    pub kept_offset: String,
    #[uniffi(default)]
    pub category: Option<Category>,
    #[uniffi(default)]
    pub people: Vec<u64>,
    #[uniffi(default)]
    pub place: String,
    #[uniffi(default)]
    pub saved_place: String,
    #[uniffi(default)]
    pub coordinates: Option<Coordinates>,
    #[uniffi(default)]
    pub summary: String,
    #[uniffi(default)]
    pub details: String,
    #[uniffi(default)]
    pub fear: Option<u8>,
    #[uniffi(default)]
    pub changes: Vec<LifeChange>,
    #[uniffi(default)]
    pub impact_notes: String,
    #[uniffi(default)]
    pub witnesses: Vec<Witness>,
    #[uniffi(default)]
    pub attachments: Vec<AttachmentRef>,
}

/// A person being written.
#[uniffi::remote(Record)]
pub struct PersonDraft {
    #[uniffi(default)]
    pub name: String,
    pub relationship: Relationship,
    #[uniffi(default)]
    pub description: String,
    #[uniffi(default)]
    pub vehicles: Vec<String>,
    #[uniffi(default)]
    pub phones: Vec<String>,
    #[uniffi(default)]
    pub accounts: Vec<String>,
    #[uniffi(default)]
    pub previous_harassment: String,
    #[uniffi(default)]
    pub previous_violence: String,
}

/// An order being written.
#[uniffi::remote(Record)]
pub struct OrderDraft {
    #[uniffi(default)]
    pub order_type: Option<OrderType>,
    #[uniffi(default)]
    pub person: Option<u64>,
    #[uniffi(default)]
    pub start: String,
    #[uniffi(default)]
    pub end: String,
    #[uniffi(default)]
    pub conditions: Vec<Condition>,
    #[uniffi(default)]
    pub reference: String,
    #[uniffi(default)]
    pub issued_by: String,
}

/// A police contact being written.
#[uniffi::remote(Record)]
pub struct PoliceContactDraft {
    #[uniffi(default)]
    pub date: String,
    #[uniffi(default)]
    pub time: String,
    #[uniffi(default)]
    pub clock: Option<ClockAnswer>,
    #[uniffi(default)]
    pub kept_offset: String,
    #[uniffi(default)]
    pub method: Option<ContactMethod>,
    #[uniffi(default)]
    pub force: String,
    #[uniffi(default)]
    pub reference: String,
    #[uniffi(default)]
    pub officer: String,
    #[uniffi(default)]
    pub reported: Vec<u64>,
    #[uniffi(default)]
    pub advice: String,
    #[uniffi(default)]
    pub outcome: String,
    #[uniffi(default)]
    pub follow_up: String,
}

/// The content of an entry being corrected, as the draft of its own form.
#[uniffi::remote(Enum)]
pub enum DraftContent {
    Incident(IncidentDraft),
    Person(PersonDraft),
    Order(OrderDraft),
    PoliceContact(PoliceContactDraft),
}

/// The correction of an entry: its full new content, and why.
#[uniffi::remote(Record)]
pub struct AmendmentDraft {
    pub target: u64,
    pub content: DraftContent,
    #[uniffi(default)]
    pub reason: String,
}

/// Starting a correction: the draft, or why the entry cannot be corrected.
#[uniffi::remote(Enum)]
pub enum AmendmentStart {
    Draft(Box<AmendmentDraft>),
    Refused(Vec<FieldError>),
}

/// A category to pick.
#[uniffi::remote(Record)]
pub struct CategoryChoice {
    pub value: Category,
    pub label: String,
}

/// A relationship to pick.
#[uniffi::remote(Record)]
pub struct RelationshipChoice {
    pub value: Relationship,
    pub label: String,
}

/// An order type to pick.
#[uniffi::remote(Record)]
pub struct OrderTypeChoice {
    pub value: OrderType,
    pub label: String,
}

/// A way of contacting the police to pick.
#[uniffi::remote(Record)]
pub struct MethodChoice {
    pub value: ContactMethod,
    pub label: String,
}

/// A change to daily life to pick.
#[uniffi::remote(Record)]
pub struct LifeChangeChoice {
    pub value: LifeChange,
    pub label: String,
}

/// Everything the forms offer to pick from, labelled.
#[uniffi::remote(Record)]
pub struct Choices {
    pub categories: Vec<CategoryChoice>,
    pub relationships: Vec<RelationshipChoice>,
    pub order_types: Vec<OrderTypeChoice>,
    pub methods: Vec<MethodChoice>,
    pub life_changes: Vec<LifeChangeChoice>,
}

// ---- import wizard --------------------------------------------------------------------

/// How a chat's numeric dates are read.
#[uniffi::remote(Enum)]
pub enum DateOrder {
    DayMonthYear,
    MonthDayYear,
    YearMonthDay,
}

/// What kind of file was chosen for import.
#[uniffi::remote(Enum)]
pub enum ImportFormat {
    WhatsAppText,
    WhatsAppZip,
    SmsBackup,
    Telegram,
    Instagram,
    Messenger,
}

/// A chat of a Telegram export of all chats, to choose one from.
#[uniffi::remote(Record)]
pub struct ChatChoice {
    pub name: Option<String>,
    pub messages: u64,
}

/// Someone in the file, to choose as a sender whose messages matter.
#[uniffi::remote(Record)]
pub struct SenderChoice {
    pub name: String,
    pub contact: Option<String>,
    pub messages: u64,
    pub calls: u64,
}

/// One answer to the day/month question.
#[uniffi::remote(Record)]
pub struct DateOrderChoice {
    pub order: DateOrder,
    pub label: String,
}

/// The question asked when every date in a chat reads both ways.
#[uniffi::remote(Record)]
pub struct DateOrderQuestion {
    pub text: String,
    pub choices: Vec<DateOrderChoice>,
}

/// What a file holds, before anything is written.
#[uniffi::remote(Record)]
pub struct ImportPreview {
    pub format: ImportFormat,
    pub format_label: String,
    pub could_also_be: Vec<ImportFormat>,
    pub layout: Option<String>,
    pub chats: Vec<ChatChoice>,
    pub needs_chat: bool,
    pub senders: Vec<SenderChoice>,
    pub senders_not_listed: u64,
    pub date_order_question: Option<DateOrderQuestion>,
    pub date_order: Option<DateOrder>,
    pub messages: u64,
    pub notices: u64,
    pub calls: u64,
    pub media: u64,
    pub lines_joined: u64,
    pub lines_skipped: u64,
    pub first: Option<TimeView>,
    pub last: Option<TimeView>,
    pub lines: Vec<String>,
}

// ---- unlock and lock ------------------------------------------------------------------

/// The shell's choices for when to lock.
#[uniffi::remote(Record)]
pub struct LockSettings {
    pub idle_seconds: u64,
    pub background_seconds: u64,
    pub external_seconds: u64,
}

/// What the shell keeps between calls and across restarts.
#[uniffi::remote(Record)]
pub struct LockState {
    #[uniffi(default)]
    pub failed_attempts: u32,
    #[uniffi(default)]
    pub retry_after: Option<SystemTime>,
    #[uniffi(default)]
    pub open: bool,
    #[uniffi(default)]
    pub last_activity: Option<SystemTime>,
    #[uniffi(default)]
    pub background_since: Option<SystemTime>,
    #[uniffi(default)]
    pub external_until: Option<SystemTime>,
}

/// Why the diary should lock now.
#[uniffi::remote(Enum)]
pub enum LockReason {
    Idle,
    Background,
    ExternalTooLong,
    ClockChanged,
}

/// Whether an unlock may be tried now.
#[uniffi::remote(Enum)]
pub enum UnlockGate {
    Allowed,
    Wait {
        until: SystemTime,
        seconds: u64,
        text: String,
    },
}

// ---- the export screen ------------------------------------------------------------------

/// What the victim chose to disclose. Empty lists and `None` mean "no restriction on that
/// axis"; a category choice chooses incidents only.
#[uniffi::remote(Record)]
pub struct DisclosureChoices {
    #[uniffi(default)]
    pub from: Option<IsoDate>,
    #[uniffi(default)]
    pub to: Option<IsoDate>,
    #[uniffi(default)]
    pub people: Vec<u64>,
    #[uniffi(default)]
    pub categories: Vec<Category>,
    #[uniffi(default)]
    pub kinds: Vec<EntryKind>,
    #[uniffi(default)]
    pub entries: Vec<u64>,
}

/// Why an entry goes out: chosen, a person named by entry N, or a version (amendment or
/// erasure record) of entry N.
#[uniffi::remote(Enum)]
pub enum DisclosureReason {
    Chosen,
    NamedBy(u64),
    VersionOf(u64),
}

/// One entry an export will carry.
#[uniffi::remote(Record)]
pub struct PlannedEntry {
    pub seq: u64,
    pub kind: EntryKind,
    pub reason: DisclosureReason,
}

/// Every entry an export will carry and why, and how many it withholds.
#[uniffi::remote(Record)]
pub struct DisclosurePlan {
    pub entries: Vec<PlannedEntry>,
    pub withheld: u64,
    pub total: u64,
}

/// One entry going out, as the export screen lists it.
#[uniffi::remote(Record)]
pub struct PlannedItem {
    pub item: TimelineItem,
    pub why: DisclosureReason,
    pub why_text: String,
}

/// The export screen: every entry going out and why, and the count withheld.
#[uniffi::remote(Record)]
pub struct ExportScreen {
    pub going_out: Vec<PlannedItem>,
    pub withheld: u64,
    pub total: u64,
    pub summary: String,
    pub errors: Vec<FieldError>,
    pub ready: bool,
}
