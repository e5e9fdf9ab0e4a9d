//! Contacts with the police: reports made, references given, advice received.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// How the contact happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ContactMethod {
    /// An emergency call.
    Call999,
    /// A non-emergency call.
    Call101,
    /// An online report.
    Online,
    /// At a police station.
    InPerson,
    /// An officer came to the victim.
    OfficerVisit,
    /// Email or letter.
    Written,
    /// Anything else.
    Other,
}

impl ContactMethod {
    /// Every method.
    pub const ALL: [ContactMethod; 7] = [
        ContactMethod::Call999,
        ContactMethod::Call101,
        ContactMethod::Online,
        ContactMethod::InPerson,
        ContactMethod::OfficerVisit,
        ContactMethod::Written,
        ContactMethod::Other,
    ];

    /// The name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            ContactMethod::Call999 => "call-999",
            ContactMethod::Call101 => "call-101",
            ContactMethod::Online => "online",
            ContactMethod::InPerson => "in-person",
            ContactMethod::OfficerVisit => "officer-visit",
            ContactMethod::Written => "written",
            ContactMethod::Other => "other",
        }
    }

    /// Parses the command-line name.
    pub fn parse(s: &str) -> Option<ContactMethod> {
        ContactMethod::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

/// A report to, or contact with, the police.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoliceContact {
    /// When.
    pub at: DateTime<FixedOffset>,
    /// How.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<ContactMethod>,
    /// The force (e.g. "West Yorkshire Police").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub force: Option<String>,
    /// The crime or incident reference number given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// The officer's name and collar number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub officer: Option<String>,
    /// The incidents reported (incident entry numbers).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reported: Vec<u64>,
    /// The advice given, as the victim heard it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advice: Option<String>,
    /// What happened as a result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    /// What was promised next (a call back, a visit, a statement).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<String>,
}

impl PoliceContact {
    /// A contact at a time, with nothing else recorded yet.
    pub fn at(at: DateTime<FixedOffset>) -> Self {
        PoliceContact {
            at,
            method: None,
            force: None,
            reference: None,
            officer: None,
            reported: Vec::new(),
            advice: None,
            outcome: None,
            follow_up: None,
        }
    }
}
