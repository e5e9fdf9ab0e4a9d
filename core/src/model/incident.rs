//! Incidents: what happened, when, where, who, how it affected the victim, and the files
//! that show it.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// What kind of behaviour an incident records. The names are those a stalking risk
/// screening and the police recording rules use, so an officer recognises them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// A text, chat or voice message.
    Message,
    /// A phone or video call, answered or not.
    Call,
    /// An email or a letter.
    EmailOrLetter,
    /// A gift or an item left for the victim.
    GiftOrItem,
    /// Social media or other online abuse.
    Online,
    /// Seen nearby, or followed.
    SightingOrFollowing,
    /// Waiting or hanging around somewhere the victim goes.
    Loitering,
    /// Came to the victim's home.
    VisitHome,
    /// Came to the victim's work.
    VisitWork,
    /// Came somewhere else the victim was.
    VisitOther,
    /// Contact through a third party (friends, family, colleagues, new partner).
    ThirdPartyContact,
    /// Tracking or device misuse: location apps, tags, account access.
    TrackingOrDeviceMisuse,
    /// Damage to property.
    PropertyDamage,
    /// A threat.
    Threat,
    /// Violence.
    Violence,
    /// Anything else.
    Other,
}

impl Category {
    /// Every category, in the order forms list them.
    pub const ALL: [Category; 16] = [
        Category::Message,
        Category::Call,
        Category::EmailOrLetter,
        Category::GiftOrItem,
        Category::Online,
        Category::SightingOrFollowing,
        Category::Loitering,
        Category::VisitHome,
        Category::VisitWork,
        Category::VisitOther,
        Category::ThirdPartyContact,
        Category::TrackingOrDeviceMisuse,
        Category::PropertyDamage,
        Category::Threat,
        Category::Violence,
        Category::Other,
    ];

    /// The name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Message => "message",
            Category::Call => "call",
            Category::EmailOrLetter => "email-or-letter",
            Category::GiftOrItem => "gift-or-item",
            Category::Online => "online",
            Category::SightingOrFollowing => "sighting-or-following",
            Category::Loitering => "loitering",
            Category::VisitHome => "visit-home",
            Category::VisitWork => "visit-work",
            Category::VisitOther => "visit-other",
            Category::ThirdPartyContact => "third-party-contact",
            Category::TrackingOrDeviceMisuse => "tracking-or-device-misuse",
            Category::PropertyDamage => "property-damage",
            Category::Threat => "threat",
            Category::Violence => "violence",
            Category::Other => "other",
        }
    }

    /// A label for people reading a report.
    pub fn label(self) -> &'static str {
        match self {
            Category::Message => "Message",
            Category::Call => "Call",
            Category::EmailOrLetter => "Email or letter",
            Category::GiftOrItem => "Gift or item left",
            Category::Online => "Social media or online abuse",
            Category::SightingOrFollowing => "Sighting or following",
            Category::Loitering => "Loitering",
            Category::VisitHome => "Visit to home",
            Category::VisitWork => "Visit to work",
            Category::VisitOther => "Visit elsewhere",
            Category::ThirdPartyContact => "Contact through a third party",
            Category::TrackingOrDeviceMisuse => "Tracking or device misuse",
            Category::PropertyDamage => "Property damage",
            Category::Threat => "Threat",
            Category::Violence => "Violence",
            Category::Other => "Other",
        }
    }

    /// Parses the command-line name.
    pub fn parse(s: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

impl std::fmt::Display for Category {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// When it happened: an instant or a range, in the local time of the place (the offset is
/// kept), and whether the time is approximate (written down later from memory).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Occurred {
    /// The instant, or the start of the range.
    pub start: DateTime<FixedOffset>,
    /// The end of the range, if it was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<DateTime<FixedOffset>>,
    /// The time is the victim's best recollection, not exact.
    #[serde(default, skip_serializing_if = "is_false")]
    pub approximate: bool,
}

impl Occurred {
    /// An exact instant.
    pub fn at(start: DateTime<FixedOffset>) -> Self {
        Occurred {
            start,
            end: None,
            approximate: false,
        }
    }
}

/// Latitude and longitude in degrees (WGS 84).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Coordinates {
    /// −90 to 90.
    pub lat: f64,
    /// −180 to 180.
    pub lon: f64,
}

/// Where it happened.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Place {
    /// In the victim's words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// A saved place the victim named once (Home, Work, School …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saved: Option<String>,
    /// Where the phone was, if the victim chose to record it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coordinates: Option<Coordinates>,
}

/// A way the behaviour changed the victim's daily life — the facts a court and a risk
/// assessment ask about ("serious alarm or distress", "substantial adverse effect").
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LifeChange {
    /// Moved home.
    MovedHome,
    /// Changed the route to work, school or shops.
    ChangedRoute,
    /// Took time off work or changed job.
    TimeOffWork,
    /// Changed phone number or accounts.
    ChangedNumberOrAccounts,
    /// Stopped going out, or goes out less.
    StoppedGoingOut,
    /// Installed cameras, alarms or locks.
    ExtraSecurity,
    /// Sought medical or mental-health help.
    SoughtHealthHelp,
    /// Something else, in the victim's words.
    Other(String),
}

impl LifeChange {
    /// The fixed changes, in the order forms list them (`Other` carries the victim's words).
    pub const FIXED: [LifeChange; 7] = [
        LifeChange::MovedHome,
        LifeChange::ChangedRoute,
        LifeChange::TimeOffWork,
        LifeChange::ChangedNumberOrAccounts,
        LifeChange::StoppedGoingOut,
        LifeChange::ExtraSecurity,
        LifeChange::SoughtHealthHelp,
    ];

    /// The name used in JSON and on the command line ("other" for the victim's own words).
    pub fn as_str(&self) -> &'static str {
        match self {
            LifeChange::MovedHome => "moved-home",
            LifeChange::ChangedRoute => "changed-route",
            LifeChange::TimeOffWork => "time-off-work",
            LifeChange::ChangedNumberOrAccounts => "changed-number-or-accounts",
            LifeChange::StoppedGoingOut => "stopped-going-out",
            LifeChange::ExtraSecurity => "extra-security",
            LifeChange::SoughtHealthHelp => "sought-health-help",
            LifeChange::Other(_) => "other",
        }
    }
}

/// How the incident affected the victim.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Impact {
    /// Fear, 0 (none) to 10 (terrified).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fear: Option<u8>,
    /// How daily life changed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<LifeChange>,
    /// Anything else about the effect, in the victim's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

impl Impact {
    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.fear.is_none() && self.changes.is_empty() && self.notes.is_none()
    }
}

/// Someone who saw or heard it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Witness {
    /// Name.
    pub name: String,
    /// How to reach them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
}

/// GPS position read from a photo's EXIF data.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Gps {
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
}

/// A file kept with an entry: the original bytes are stored encrypted, and this reference
/// (sealed inside the entry) fixes their hash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttachmentRef {
    /// SHA-256 of the original bytes, lower-case hex.
    pub sha256: String,
    /// Size in bytes.
    pub size: u64,
    /// Media type, e.g. `image/jpeg`.
    pub media_type: String,
    /// The file's original name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
    /// Capture time from the file's own metadata (EXIF), as written there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub captured_at: Option<String>,
    /// Camera make and model from the file's metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub camera: Option<String>,
    /// Position from the file's metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gps: Option<Gps>,
    /// Pixel size, for images.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimensions: Option<(u32, u32)>,
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    /// When.
    pub occurred: Occurred,
    /// What kind of behaviour.
    pub category: Category,
    /// The people involved: entry numbers of person entries.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<u64>,
    /// Where.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Place>,
    /// One line: what happened.
    pub summary: String,
    /// The full account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
    /// How it affected the victim.
    #[serde(default, skip_serializing_if = "Impact::is_empty")]
    pub impact: Impact,
    /// Who saw or heard it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub witnesses: Vec<Witness>,
    /// Files that show it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<AttachmentRef>,
}

impl Incident {
    /// A minimal incident: when, what kind, one line.
    pub fn new(occurred: Occurred, category: Category, summary: impl Into<String>) -> Self {
        Incident {
            occurred,
            category,
            people: Vec::new(),
            place: None,
            summary: summary.into(),
            details: None,
            impact: Impact::default(),
            witnesses: Vec::new(),
            attachments: Vec::new(),
        }
    }
}

pub(crate) fn is_false(b: &bool) -> bool {
    !*b
}
