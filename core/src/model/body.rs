//! The body of an entry, one variant per kind, and the two kinds that refer to others:
//! amendments and erasures.

use serde::{Deserialize, Serialize};

use super::{Incident, MessageLog, Order, Person, PoliceContact};

/// The kinds of entry, as written in the `kind` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntryKind {
    /// What happened.
    Incident,
    /// Someone involved.
    Person,
    /// Bail conditions or a protective order.
    Order,
    /// A report to or contact with the police.
    PoliceContact,
    /// An imported conversation.
    MessageLog,
    /// A correction of an earlier entry.
    Amendment,
    /// The owner removed an earlier entry's content.
    Erasure,
}

impl EntryKind {
    /// Every kind, in display order.
    pub const ALL: [EntryKind; 7] = [
        EntryKind::Incident,
        EntryKind::Person,
        EntryKind::Order,
        EntryKind::PoliceContact,
        EntryKind::MessageLog,
        EntryKind::Amendment,
        EntryKind::Erasure,
    ];

    /// The name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Incident => "incident",
            EntryKind::Person => "person",
            EntryKind::Order => "order",
            EntryKind::PoliceContact => "police-contact",
            EntryKind::MessageLog => "message-log",
            EntryKind::Amendment => "amendment",
            EntryKind::Erasure => "erasure",
        }
    }

    /// The kind with its article, for sentences: "an incident", "a person".
    pub fn with_article(self) -> &'static str {
        match self {
            EntryKind::Incident => "an incident",
            EntryKind::Person => "a person",
            EntryKind::Order => "an order",
            EntryKind::PoliceContact => "a police contact",
            EntryKind::MessageLog => "a message log",
            EntryKind::Amendment => "an amendment",
            EntryKind::Erasure => "an erasure",
        }
    }

    /// Parses the name used in JSON and on the command line.
    pub fn parse(s: &str) -> Option<EntryKind> {
        EntryKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl std::fmt::Display for EntryKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What an entry records.
// A message log is the largest body (its transcript's summary is kept inline), but bodies
// are read one entry at a time and cross the FFI as records, which uniffi cannot box.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Body {
    /// What happened.
    Incident(Incident),
    /// Someone involved.
    Person(Person),
    /// Bail conditions or a protective order.
    Order(Order),
    /// A report to or contact with the police.
    PoliceContact(PoliceContact),
    /// An imported conversation.
    MessageLog(MessageLog),
    /// A correction of an earlier entry.
    Amendment(Amendment),
    /// The owner removed an earlier entry's content.
    Erasure(Erasure),
}

impl Body {
    /// The kind of this body.
    pub fn kind(&self) -> EntryKind {
        match self {
            Body::Incident(_) => EntryKind::Incident,
            Body::Person(_) => EntryKind::Person,
            Body::Order(_) => EntryKind::Order,
            Body::PoliceContact(_) => EntryKind::PoliceContact,
            Body::MessageLog(_) => EntryKind::MessageLog,
            Body::Amendment(_) => EntryKind::Amendment,
            Body::Erasure(_) => EntryKind::Erasure,
        }
    }

    /// Every file this body refers to: an incident's attachments, a message log's original
    /// export, media and transcript, an amendment's replacement's.
    pub fn attachments(&self) -> Vec<&super::AttachmentRef> {
        match self {
            Body::Incident(i) => i.attachments.iter().collect(),
            Body::MessageLog(m) => std::iter::once(&m.original)
                .chain(m.attachments.iter())
                .chain(m.transcript.as_ref().map(|t| &t.file))
                .collect(),
            Body::Amendment(a) => a.replacement.attachments(),
            _ => Vec::new(),
        }
    }

    /// Parses a body whose kind is known from the envelope (bodies are untagged).
    pub fn from_kind_and_json(kind: EntryKind, json: &str) -> Result<Body, serde_json::Error> {
        Ok(match kind {
            EntryKind::Incident => Body::Incident(serde_json::from_str(json)?),
            EntryKind::Person => Body::Person(serde_json::from_str(json)?),
            EntryKind::Order => Body::Order(serde_json::from_str(json)?),
            EntryKind::PoliceContact => Body::PoliceContact(serde_json::from_str(json)?),
            EntryKind::MessageLog => Body::MessageLog(serde_json::from_str(json)?),
            EntryKind::Amendment => Body::Amendment(serde_json::from_str(json)?),
            EntryKind::Erasure => Body::Erasure(serde_json::from_str(json)?),
        })
    }
}

/// A correction of entry `target`: the diary shows `replacement` from now on, and keeps
/// the original and every earlier correction as history. Nothing is edited in place.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Amendment {
    /// The entry corrected (never an amendment or erasure itself).
    pub target: u64,
    /// The kind of the replacement, which must equal the target's kind.
    pub kind: EntryKind,
    /// The full new content.
    pub replacement: Box<Body>,
    /// Why it was corrected, in the owner's words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl Amendment {
    /// Builds an amendment of `target` with a new body (its kind is taken from the body).
    pub fn new(target: u64, replacement: Body, reason: Option<String>) -> Self {
        Amendment {
            target,
            kind: replacement.kind(),
            replacement: Box::new(replacement),
            reason,
        }
    }
}

impl<'de> Deserialize<'de> for Amendment {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // The replacement is untagged; its kind field says how to read it.
        #[derive(Deserialize)]
        struct Raw {
            target: u64,
            kind: EntryKind,
            replacement: Box<serde_json::value::RawValue>,
            #[serde(default)]
            reason: Option<String>,
        }
        let raw = Raw::deserialize(deserializer)?;
        let replacement = Body::from_kind_and_json(raw.kind, raw.replacement.get())
            .map_err(serde::de::Error::custom)?;
        Ok(Amendment {
            target: raw.target,
            kind: raw.kind,
            replacement: Box::new(replacement),
            reason: raw.reason,
        })
    }
}

/// The owner removed entry `target`'s content (and that of its amendments, `covers`).
/// Their ciphertext is deleted; their leaf hashes stay, so the log still verifies and
/// shows that something was removed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Erasure {
    /// The entry whose content was removed.
    pub target: u64,
    /// Its kind (the content is gone; the kind lets a reader say what was removed).
    pub kind: EntryKind,
    /// Amendments of `target` whose content was removed with it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub covers: Vec<u64>,
    /// Why, in the owner's words (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}
