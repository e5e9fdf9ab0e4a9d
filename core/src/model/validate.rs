//! Validation of a body before it is sealed: required fields, ranges, and references to
//! other entries. Errors name the field and entry number, never the text.

use super::{Body, EntryKind, Incident, MessageLog, Order, Person, PoliceContact};

/// What validation needs to know about the entries already in the diary.
pub trait EntryLookup {
    /// The kind of entry `seq`, or `None` if the diary has no such entry.
    fn kind_of(&self, seq: u64) -> Option<EntryKind>;
    /// Whether entry `seq`'s content was erased.
    fn is_erased(&self, seq: u64) -> bool;
}

/// Why a body cannot be sealed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ValidationError {
    /// A required field is empty.
    #[error("{field} must not be empty")]
    Empty {
        /// The field.
        field: &'static str,
    },
    /// A field is longer than allowed.
    #[error("{field} is longer than {max} characters")]
    TooLong {
        /// The field.
        field: &'static str,
        /// The limit.
        max: usize,
    },
    /// A range ends before it starts.
    #[error("{field}: the end is before the start")]
    EndBeforeStart {
        /// The field.
        field: &'static str,
    },
    /// Fear is recorded on a scale of 0 to 10.
    #[error("fear must be between 0 and 10 (got {0})")]
    FearOutOfRange(u8),
    /// Coordinates outside the globe.
    #[error("{field}: latitude must be within ±90 and longitude within ±180")]
    CoordinatesOutOfRange {
        /// The field.
        field: &'static str,
    },
    /// A reference to an entry that does not exist.
    #[error("{field}: there is no entry {seq}")]
    UnknownEntry {
        /// The field.
        field: &'static str,
        /// The entry number referred to.
        seq: u64,
    },
    /// A reference to an entry of the wrong kind.
    #[error("{field}: entry {seq} is {}, not {}", found.with_article(), expected.with_article())]
    WrongKind {
        /// The field.
        field: &'static str,
        /// The entry number referred to.
        seq: u64,
        /// The kind the field needs.
        expected: EntryKind,
        /// The kind the entry has.
        found: EntryKind,
    },
    /// A reference to an entry whose content was erased.
    #[error("{field}: entry {seq} was erased")]
    Erased {
        /// The field.
        field: &'static str,
        /// The entry number referred to.
        seq: u64,
    },
    /// Amendments and erasures cannot themselves be amended.
    #[error("entry {seq} is {}; amend or erase the entry it refers to instead", kind.with_article())]
    NotAmendable {
        /// The entry number.
        seq: u64,
        /// Its kind.
        kind: EntryKind,
    },
    /// A SHA-256 that is not 64 lower-case hex digits.
    #[error("{field} is not a SHA-256 (64 lower-case hex digits)")]
    BadHash {
        /// The field.
        field: &'static str,
    },
}

/// Longest one-line summary or name.
pub const MAX_SHORT_TEXT: usize = 1_000;
/// Longest free text (details, notes).
pub const MAX_LONG_TEXT: usize = 200_000;

impl Body {
    /// Checks that this body may be sealed into a diary described by `lookup`.
    pub fn validate(&self, lookup: &dyn EntryLookup) -> Result<(), ValidationError> {
        match self {
            Body::Incident(i) => validate_incident(i, lookup),
            Body::Person(p) => validate_person(p),
            Body::Order(o) => validate_order(o, lookup),
            Body::PoliceContact(p) => validate_police_contact(p, lookup),
            Body::MessageLog(m) => validate_message_log(m, lookup),
            Body::Amendment(a) => {
                let found = existing(lookup, "target", a.target)?;
                if matches!(found, EntryKind::Amendment | EntryKind::Erasure) {
                    return Err(ValidationError::NotAmendable {
                        seq: a.target,
                        kind: found,
                    });
                }
                if found != a.replacement.kind() || a.kind != found {
                    return Err(ValidationError::WrongKind {
                        field: "replacement",
                        seq: a.target,
                        expected: a.replacement.kind(),
                        found,
                    });
                }
                short_text("reason", a.reason.as_deref().unwrap_or(""), MAX_LONG_TEXT)?;
                a.replacement.validate(lookup)
            }
            Body::Erasure(e) => {
                let found = existing(lookup, "target", e.target)?;
                if matches!(found, EntryKind::Amendment | EntryKind::Erasure) {
                    return Err(ValidationError::NotAmendable {
                        seq: e.target,
                        kind: found,
                    });
                }
                for &seq in &e.covers {
                    must_be(lookup, "covers", seq, EntryKind::Amendment)?;
                }
                Ok(())
            }
        }
    }
}

fn validate_incident(i: &Incident, lookup: &dyn EntryLookup) -> Result<(), ValidationError> {
    required("summary", &i.summary)?;
    short_text("summary", &i.summary, MAX_SHORT_TEXT)?;
    short_text("details", i.details.as_deref().unwrap_or(""), MAX_LONG_TEXT)?;
    if let Some(end) = i.occurred.end
        && end < i.occurred.start
    {
        return Err(ValidationError::EndBeforeStart { field: "occurred" });
    }
    if let Some(fear) = i.impact.fear
        && fear > 10
    {
        return Err(ValidationError::FearOutOfRange(fear));
    }
    for &p in &i.people {
        must_be(lookup, "people", p, EntryKind::Person)?;
    }
    if let Some(place) = &i.place {
        short_text("place", &place.text, MAX_SHORT_TEXT)?;
        if let Some(c) = place.coordinates
            && !(c.lat.abs() <= 90.0 && c.lon.abs() <= 180.0)
        {
            return Err(ValidationError::CoordinatesOutOfRange { field: "place" });
        }
    }
    for w in &i.witnesses {
        required("witness name", &w.name)?;
        short_text("witness name", &w.name, MAX_SHORT_TEXT)?;
    }
    for a in &i.attachments {
        hash("attachment sha256", &a.sha256)?;
    }
    Ok(())
}

fn validate_person(p: &Person) -> Result<(), ValidationError> {
    required("name", &p.name)?;
    short_text("name", &p.name, MAX_SHORT_TEXT)
}

fn validate_order(o: &Order, lookup: &dyn EntryLookup) -> Result<(), ValidationError> {
    must_be(lookup, "person", o.person, EntryKind::Person)?;
    if let Some(end) = o.end
        && end < o.start
    {
        return Err(ValidationError::EndBeforeStart { field: "order" });
    }
    for c in &o.conditions {
        match c {
            super::Condition::NoContact => {}
            super::Condition::StayAway { place } => required("stay-away place", place)?,
            super::Condition::Other { text } => required("condition", text)?,
        }
    }
    Ok(())
}

fn validate_police_contact(
    p: &PoliceContact,
    lookup: &dyn EntryLookup,
) -> Result<(), ValidationError> {
    for &seq in &p.reported {
        must_be(lookup, "reported", seq, EntryKind::Incident)?;
    }
    Ok(())
}

fn validate_message_log(m: &MessageLog, lookup: &dyn EntryLookup) -> Result<(), ValidationError> {
    hash("original sha256", &m.original.sha256)?;
    for &p in &m.people {
        must_be(lookup, "people", p, EntryKind::Person)?;
    }
    for a in &m.attachments {
        hash("attachment sha256", &a.sha256)?;
    }
    if let Some(t) = &m.transcript {
        hash("transcript sha256", &t.file.sha256)?;
    }
    Ok(())
}

fn required(field: &'static str, value: &str) -> Result<(), ValidationError> {
    if value.trim().is_empty() {
        Err(ValidationError::Empty { field })
    } else {
        Ok(())
    }
}

fn short_text(field: &'static str, value: &str, max: usize) -> Result<(), ValidationError> {
    if value.chars().count() > max {
        Err(ValidationError::TooLong { field, max })
    } else {
        Ok(())
    }
}

fn hash(field: &'static str, value: &str) -> Result<(), ValidationError> {
    let ok = value.len() == 64
        && value
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if ok {
        Ok(())
    } else {
        Err(ValidationError::BadHash { field })
    }
}

fn existing(
    lookup: &dyn EntryLookup,
    field: &'static str,
    seq: u64,
) -> Result<EntryKind, ValidationError> {
    let kind = lookup
        .kind_of(seq)
        .ok_or(ValidationError::UnknownEntry { field, seq })?;
    if lookup.is_erased(seq) {
        return Err(ValidationError::Erased { field, seq });
    }
    Ok(kind)
}

fn must_be(
    lookup: &dyn EntryLookup,
    field: &'static str,
    seq: u64,
    expected: EntryKind,
) -> Result<(), ValidationError> {
    let found = existing(lookup, field, seq)?;
    if found == expected {
        Ok(())
    } else {
        Err(ValidationError::WrongKind {
            field,
            seq,
            expected,
            found,
        })
    }
}
