//! What every screen shows and every rule a form obeys, computed once for the CLI, the
//! Kotlin and Swift apps and the Python bindings, which only draw it.
//!
//! Like the timeline of matrix-sdk-ui, the views are plain data built from the diary: the
//! timeline and an entry's detail with its history; drafts for quick capture and each
//! form, reviewed field by field with typed [`FieldError`]s and clock-change questions
//! returned as choices; the summary screen; the import wizard; the unlock and lock policy.
//! Text comes in the language the shell asks for ([`crate::locale`]); local times are
//! read in the IANA zone the shell passes.

pub mod choices;
pub mod detail;
pub mod draft;
pub mod export;
pub mod field;
pub mod forms;
pub mod headline;
pub mod import;
pub mod incident;
pub mod lock;
pub mod read;
pub mod setup;
pub mod summary;
pub mod time;
pub mod timeline;

#[cfg(test)]
mod tests;

pub use choices::{Choices, choices};
pub use detail::{DetailField, EntryDetail, HistoryRole, HistoryStep, entry_detail};
pub use draft::Review;
pub use export::{ExportScreen, PlannedItem, export_screen, export_screen_of};
pub use field::{Field, FieldError, FormOutcome, Problem};
pub use forms::{
    AmendmentDraft, AmendmentStart, DraftContent, OrderDraft, PersonDraft, PoliceContactDraft,
    amendment_draft, parse_condition, parse_life_change, review_amendment, review_order,
    review_person, review_police_contact, save_amendment, save_order, save_person,
    save_police_contact,
};
pub use headline::{Names, headline};
pub use import::{ChatChoice, ImportFormat, ImportPreview, parse_date_order, preview_import};
pub use incident::{IncidentDraft, add_details, review_incident, save_incident};
pub use lock::{LockReason, LockSettings, LockState, UnlockGate};
pub use read::{DamagedRow, Rows};
pub use setup::{create_options, review_new_passphrase};
pub use summary::{SummaryView, summary_view};
pub use time::{ClockAnswer, ClockChange, ClockQuestion, TimeView, parse_zone};
pub use timeline::{
    ItemStatus, PersonRef, Timeline, TimelineFilter, TimelineItem, entry_list, people, timeline,
};
