//! The entry envelope (`v`, `seq`, `kind`, `recorded_at`, `salt`, `body`) and its canonical bytes.

use base64::Engine as _;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::body::{Body, EntryKind};

/// The entry format this code writes. Readers refuse entries with a newer version.
pub const ENTRY_FORMAT_VERSION: u32 = 1;

/// One sealed entry of the diary.
///
/// Field order is the canonical order of the JSON: `v`, `seq`, `kind`, `recorded_at`,
/// `salt`, `body`.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Entry format version.
    pub v: u32,
    /// Position in the diary, from 1.
    pub seq: u64,
    /// Device clock when the entry was sealed, whole seconds, UTC.
    pub recorded_at: DateTime<Utc>,
    /// 16 random bytes, base64: makes the leaf hash reveal nothing about the content.
    pub salt: String,
    /// What the entry records.
    pub body: Body,
}

#[derive(Serialize)]
struct EntryOut<'a> {
    v: u32,
    seq: u64,
    kind: EntryKind,
    recorded_at: &'a DateTime<Utc>,
    salt: &'a str,
    body: &'a Body,
}

#[derive(Deserialize)]
struct EntryIn<'a> {
    v: u32,
    seq: u64,
    kind: EntryKind,
    recorded_at: DateTime<Utc>,
    salt: String,
    #[serde(borrow)]
    body: &'a serde_json::value::RawValue,
}

impl Entry {
    /// Builds a new entry with a fresh random salt.
    pub fn new(seq: u64, recorded_at: DateTime<Utc>, salt: [u8; 16], body: Body) -> Self {
        Entry {
            v: ENTRY_FORMAT_VERSION,
            seq,
            recorded_at,
            salt: base64::engine::general_purpose::STANDARD.encode(salt),
            body,
        }
    }

    /// The kind of this entry.
    pub fn kind(&self) -> EntryKind {
        self.body.kind()
    }

    /// The canonical JSON bytes: serde_json, fields in declared order, no whitespace.
    pub fn to_canonical_bytes(&self) -> Vec<u8> {
        let out = EntryOut {
            v: self.v,
            seq: self.seq,
            kind: self.body.kind(),
            recorded_at: &self.recorded_at,
            salt: &self.salt,
            body: &self.body,
        };
        // Serialising plain structs of strings and numbers to a Vec cannot fail.
        serde_json::to_vec(&out).unwrap_or_default()
    }

    /// Parses sealed bytes. The bytes themselves stay the record; this is only a reading.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, serde_json::Error> {
        let raw: EntryIn<'_> = serde_json::from_slice(bytes)?;
        if raw.v > ENTRY_FORMAT_VERSION {
            return Err(serde::de::Error::custom(format!(
                "entry format version {} is newer than this version of Tally understands",
                raw.v
            )));
        }
        let body = Body::from_kind_and_json(raw.kind, raw.body.get())?;
        Ok(Entry {
            v: raw.v,
            seq: raw.seq,
            recorded_at: raw.recorded_at,
            salt: raw.salt,
            body,
        })
    }
}
