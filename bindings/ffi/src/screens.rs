//! The views as exported calls, one to one with `tally_core::view`: new drafts, reviews
//! while the victim types, the choices a form offers, the import wizard's preview, the lock
//! policy. Each takes the IANA time zone and the locale tag the shell passes; none decides
//! anything itself.

use std::path::Path;
use std::time::SystemTime;

use chrono::{DateTime, Utc};
use tally_core::import::DateOrder;
use tally_core::locale::{Locale, Words};
use tally_core::view::{
    self, AmendmentDraft, Choices, FieldError, ImportPreview, IncidentDraft, LockSettings,
    LockState, OrderDraft, PersonDraft, PoliceContactDraft, Review, UnlockGate,
};
use tally_core::zone::Zone;

use crate::error::TallyApiError;

/// The IANA zone the shell passed, or `Invalid` naming the argument.
pub(crate) fn zone(name: &str) -> Result<Zone, TallyApiError> {
    view::parse_zone(name).ok_or_else(|| {
        TallyApiError::invalid("time_zone is not an IANA time zone name such as Europe/London")
    })
}

/// The words of the locale the shell asked for (British English for any other).
pub(crate) fn words(locale: &str) -> &'static Words {
    Words::of(Locale::from_tag(locale))
}

pub(crate) fn utc(now: SystemTime) -> DateTime<Utc> {
    DateTime::<Utc>::from(now)
}

/// A language the core speaks.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LocaleInfo {
    /// Its BCP 47 tag (`en-GB`, `cy`).
    pub tag: String,
    /// Its text is a draft still awaiting review by a fluent speaker.
    pub needs_review: bool,
}

/// The languages the core speaks, British English first.
#[uniffi::export]
pub fn locales() -> Vec<LocaleInfo> {
    Locale::ALL
        .into_iter()
        .map(|l| LocaleInfo {
            tag: l.tag().to_owned(),
            needs_review: l.needs_review(),
        })
        .collect()
}

/// A new incident draft, happening `now` in `time_zone` (to the minute).
#[uniffi::export]
pub fn new_incident_draft(
    time_zone: String,
    now: SystemTime,
) -> Result<IncidentDraft, TallyApiError> {
    Ok(IncidentDraft::new(utc(now), zone(&time_zone)?))
}

/// What the incident form shows now: every problem, the clock-change questions, the
/// times it would store.
#[uniffi::export]
pub fn review_incident(
    draft: IncidentDraft,
    time_zone: String,
    now: SystemTime,
    locale: String,
) -> Result<Review, TallyApiError> {
    Ok(view::review_incident(
        &draft,
        zone(&time_zone)?,
        utc(now),
        words(&locale),
    ))
}

/// What the person form shows now.
#[uniffi::export]
pub fn review_person(draft: PersonDraft, locale: String) -> Review {
    view::review_person(&draft, words(&locale))
}

/// A new order draft, starting today in `time_zone`.
#[uniffi::export]
pub fn new_order_draft(time_zone: String, now: SystemTime) -> Result<OrderDraft, TallyApiError> {
    Ok(OrderDraft::new(utc(now), zone(&time_zone)?))
}

/// What the order form shows now.
#[uniffi::export]
pub fn review_order(draft: OrderDraft, locale: String) -> Review {
    view::review_order(&draft, words(&locale))
}

/// A new police-contact draft, happening `now` in `time_zone`.
#[uniffi::export]
pub fn new_police_contact_draft(
    time_zone: String,
    now: SystemTime,
) -> Result<PoliceContactDraft, TallyApiError> {
    Ok(PoliceContactDraft::new(utc(now), zone(&time_zone)?))
}

/// What the police-contact form shows now.
#[uniffi::export]
pub fn review_police_contact(
    draft: PoliceContactDraft,
    time_zone: String,
    now: SystemTime,
    locale: String,
) -> Result<Review, TallyApiError> {
    Ok(view::review_police_contact(
        &draft,
        zone(&time_zone)?,
        utc(now),
        words(&locale),
    ))
}

/// What the correction form shows now.
#[uniffi::export]
pub fn review_amendment(
    draft: AmendmentDraft,
    time_zone: String,
    now: SystemTime,
    locale: String,
) -> Result<Review, TallyApiError> {
    Ok(view::review_amendment(
        &draft,
        zone(&time_zone)?,
        utc(now),
        words(&locale),
    ))
}

/// The problems with a new passphrase and its confirmation; empty when both are fine.
#[uniffi::export]
pub fn review_new_passphrase(
    passphrase: String,
    confirmation: String,
    locale: String,
) -> Vec<FieldError> {
    view::review_new_passphrase(&passphrase, &confirmation, words(&locale))
}

/// What the forms offer to pick from, labelled.
#[uniffi::export]
pub fn form_choices(locale: String) -> Choices {
    view::choices(words(&locale))
}

/// The import wizard: what the file at `path` holds, who is in it, and the questions
/// the file cannot answer itself (the day/month order; which chat of a Telegram export).
/// Writes nothing.
#[uniffi::export]
pub fn preview_import(
    path: String,
    time_zone: String,
    date_order: Option<DateOrder>,
    chat: Option<String>,
    locale: String,
) -> Result<ImportPreview, TallyApiError> {
    Ok(view::preview_import(
        Path::new(&path),
        zone(&time_zone)?,
        date_order,
        chat.as_deref(),
        words(&locale),
    )?)
}

/// The lock policy's default settings.
#[uniffi::export]
pub fn default_lock_settings() -> LockSettings {
    LockSettings::default()
}

/// Whether an unlock may be tried now, or how long to wait.
#[uniffi::export]
pub fn lock_gate(state: LockState, now: SystemTime, locale: String) -> UnlockGate {
    state.gate(now, words(&locale))
}

/// The lock state after a wrong passphrase (a growing delay; nothing is ever wiped).
#[uniffi::export]
pub fn lock_after_failure(state: LockState, now: SystemTime) -> LockState {
    state.failed(now)
}

/// The lock state after a successful unlock.
#[uniffi::export]
pub fn lock_after_unlock(state: LockState, now: SystemTime) -> LockState {
    state.unlocked(now)
}

/// The lock state after the diary locked.
#[uniffi::export]
pub fn lock_after_lock(state: LockState) -> LockState {
    state.locked()
}

/// The lock state after the victim did something.
#[uniffi::export]
pub fn lock_after_activity(state: LockState, now: SystemTime) -> LockState {
    state.touched(now)
}

/// The lock state when the app opens the camera or share sheet itself.
#[uniffi::export]
pub fn lock_opening_external(
    state: LockState,
    now: SystemTime,
    settings: LockSettings,
) -> LockState {
    state.opening_external(now, &settings)
}

/// The lock state when the app leaves the foreground.
#[uniffi::export]
pub fn lock_after_background(state: LockState, now: SystemTime) -> LockState {
    state.backgrounded(now)
}

/// The lock state when the app comes back to the foreground (ask `lock_due` first).
#[uniffi::export]
pub fn lock_after_foreground(state: LockState, now: SystemTime) -> LockState {
    state.foregrounded(now)
}

/// Whether the open diary must lock now, and why.
#[uniffi::export]
pub fn lock_due(
    state: LockState,
    now: SystemTime,
    settings: LockSettings,
) -> Option<tally_core::view::LockReason> {
    state.due(now, &settings)
}

/// When the diary must next lock if nothing happens, for the shell to check then.
#[uniffi::export]
pub fn lock_deadline(state: LockState, settings: LockSettings) -> Option<SystemTime> {
    state.deadline(&settings)
}
