//! The reading of an entry as the diary shows it: the latest version after amendments, or
//! the fact that it was erased, with the entry numbers that explain why.

use chrono::{DateTime, Utc};

use super::{Body, EntryKind};

/// Whether an entry stands as sealed, was corrected, or had its content removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryStatus {
    /// As sealed.
    Original,
    /// Corrected by one or more amendments; `current` is the latest version.
    Amended,
    /// Content removed by an erasure; only the leaf hash remains.
    Erased,
}

impl EntryStatus {
    /// The name used in JSON and lists.
    pub fn as_str(self) -> &'static str {
        match self {
            EntryStatus::Original => "original",
            EntryStatus::Amended => "amended",
            EntryStatus::Erased => "erased",
        }
    }
}

/// One entry as the diary shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryView {
    /// Entry number.
    pub seq: u64,
    /// The entry's kind (known even once erased, from the erasure that names it).
    pub kind: EntryKind,
    /// When it was sealed (`None` once erased: the content, including this, is gone).
    pub recorded_at: Option<DateTime<Utc>>,
    /// Original, amended or erased.
    pub status: EntryStatus,
    /// The latest version of the content; `None` once erased.
    pub current: Option<Body>,
    /// The amendments of this entry, oldest first.
    pub amended_by: Vec<u64>,
    /// The erasure that removed it.
    pub erased_by: Option<u64>,
}

impl EntryView {
    /// The current body if it is an incident.
    pub fn incident(&self) -> Option<&super::Incident> {
        match &self.current {
            Some(Body::Incident(i)) => Some(i),
            _ => None,
        }
    }

    /// The current body if it is a person.
    pub fn person(&self) -> Option<&super::Person> {
        match &self.current {
            Some(Body::Person(p)) => Some(p),
            _ => None,
        }
    }

    /// The current body if it is an order.
    pub fn order(&self) -> Option<&super::Order> {
        match &self.current {
            Some(Body::Order(o)) => Some(o),
            _ => None,
        }
    }

    /// The current body if it is a police contact.
    pub fn police_contact(&self) -> Option<&super::PoliceContact> {
        match &self.current {
            Some(Body::PoliceContact(p)) => Some(p),
            _ => None,
        }
    }

    /// The current body if it is a message log.
    pub fn message_log(&self) -> Option<&super::MessageLog> {
        match &self.current {
            Some(Body::MessageLog(m)) => Some(m),
            _ => None,
        }
    }
}
