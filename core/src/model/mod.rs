//! The entry types of a diary, their validation and their canonical bytes.
//!
//! A diary is a sequence of immutable entries. Each is stored as the exact bytes of its
//! canonical JSON ([`Entry::to_canonical_bytes`]); those bytes are what the Merkle log
//! hashes and what an evidence pack discloses, so they are never re-serialised once sealed.

mod body;
mod entry;
mod incident;
mod message_log;
mod order;
mod person;
mod police;
mod reading;
mod validate;

pub use body::{Amendment, Body, EntryKind, Erasure};
pub use entry::{ENTRY_FORMAT_VERSION, Entry};
pub use incident::{
    AttachmentRef, Category, Coordinates, Gps, Impact, Incident, LifeChange, Occurred, Place,
    Witness,
};
pub(crate) use message_log::inline_lines;
pub use message_log::{
    CallRecord, InlineOnly, LoggedMessage, MessageLog, MessageSource, MessageStatus, SenderTally,
    Transcript, TranscriptLine, Transcripts,
};
pub use order::{Condition, Order, OrderType};
pub use person::{Person, Relationship};
pub use police::{ContactMethod, PoliceContact};
pub use reading::{EntryStatus, EntryView};
pub use validate::{EntryLookup, MAX_LONG_TEXT, MAX_SHORT_TEXT, ValidationError};
