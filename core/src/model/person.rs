//! People involved: the person causing harm, and anyone else the diary names.

use serde::{Deserialize, Serialize};

/// How the person is related to the victim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Relationship {
    /// A former partner.
    ExPartner,
    /// Someone the victim knows.
    Acquaintance,
    /// Someone from work.
    Colleague,
    /// A neighbour.
    Neighbour,
    /// Someone the victim does not know.
    Stranger,
    /// A police officer or member of police staff.
    Police,
    /// Anything else.
    Other,
}

impl Relationship {
    /// Every relationship.
    pub const ALL: [Relationship; 7] = [
        Relationship::ExPartner,
        Relationship::Acquaintance,
        Relationship::Colleague,
        Relationship::Neighbour,
        Relationship::Stranger,
        Relationship::Police,
        Relationship::Other,
    ];

    /// The name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Relationship::ExPartner => "ex-partner",
            Relationship::Acquaintance => "acquaintance",
            Relationship::Colleague => "colleague",
            Relationship::Neighbour => "neighbour",
            Relationship::Stranger => "stranger",
            Relationship::Police => "police",
            Relationship::Other => "other",
        }
    }

    /// Parses the command-line name.
    pub fn parse(s: &str) -> Option<Relationship> {
        Relationship::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// Someone involved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// Name or alias.
    pub name: String,
    /// How they are related to the victim.
    pub relationship: Relationship,
    /// Appearance and anything that helps recognise them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Vehicles (make, colour, registration).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vehicles: Vec<String>,
    /// Phone numbers they use.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<String>,
    /// Online accounts they use (service and handle).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accounts: Vec<String>,
    /// What the victim knows of earlier harassment or stalking by them (of anyone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_harassment: Option<String>,
    /// What the victim knows of earlier violence by them (of anyone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_violence: Option<String>,
}

impl Person {
    /// A person with a name and relationship and nothing else yet.
    pub fn new(name: impl Into<String>, relationship: Relationship) -> Self {
        Person {
            name: name.into(),
            relationship,
            description: None,
            vehicles: Vec::new(),
            phones: Vec::new(),
            accounts: Vec::new(),
            previous_harassment: None,
            previous_violence: None,
        }
    }
}
