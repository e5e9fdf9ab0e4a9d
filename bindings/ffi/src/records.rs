//! Plain records and enums mirroring the core's model, and their conversions.
//!
//! Times cross as RFC 3339 strings (`2024-03-01T21:30:00+00:00`) and dates as ISO 8601
//! (`2024-03-01`), not as `SystemTime`: an incident's time is kept in the local time of the
//! place *with its offset*, and that offset is part of the evidence ("21:30 at home"), which
//! a `SystemTime` would drop. Strings from foreign code are parsed here, and a malformed one
//! is refused as `Invalid` naming the field — never a panic.

use chrono::{DateTime, FixedOffset, NaiveDate};
use tally_core::model as core;

use crate::error::TallyApiError;

/// Mirrors a fieldless core enum variant for variant, both ways.
macro_rules! mirror_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }
        impl From<core::$name> for $name {
            fn from(v: core::$name) -> Self {
                match v { $(core::$name::$variant => $name::$variant),+ }
            }
        }
        impl From<$name> for core::$name {
            fn from(v: $name) -> Self {
                match v { $($name::$variant => core::$name::$variant),+ }
            }
        }
    };
}

mirror_enum!(
    /// The kinds of entry.
    EntryKind {
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
);

mirror_enum!(
    /// How a person is related to the victim.
    Relationship {
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
);

mirror_enum!(
    /// What kind of behaviour an incident records (the names a stalking risk screening uses).
    Category {
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
        /// Contact through a third party.
        ThirdPartyContact,
        /// Tracking or device misuse.
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
);

mirror_enum!(
    /// The kind of order.
    OrderType {
        /// Police or court bail with conditions.
        Bail,
        /// A restraining order.
        RestrainingOrder,
        /// A non-molestation order.
        NonMolestationOrder,
        /// A stalking protection order.
        StalkingProtectionOrder,
        /// A domestic violence protection notice or order.
        Dvpo,
        /// Any other order or undertaking.
        Other,
    }
);

mirror_enum!(
    /// How a police contact happened.
    ContactMethod {
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
);

mirror_enum!(
    /// Where an imported conversation came from.
    MessageSource {
        /// A WhatsApp chat export.
        Whatsapp,
        /// An SMS Backup & Restore file.
        Sms,
        /// A Telegram Desktop export.
        Telegram,
        /// Instagram messages from "Download your information".
        Instagram,
        /// Messenger messages from "Download your information".
        Messenger,
    }
);

mirror_enum!(
    /// What a logged message is.
    MessageStatus {
        /// An ordinary message.
        Text,
        /// The sender deleted it.
        Deleted,
        /// A file not included in the export.
        MediaOmitted,
        /// A file, kept as an attachment when the export had it.
        Media,
        /// A line written by the app, not by a person.
        System,
    }
);

mirror_enum!(
    /// Whether an entry stands as sealed, was corrected, or had its content removed.
    EntryStatus {
        /// As sealed.
        Original,
        /// Corrected by one or more amendments.
        Amended,
        /// Content removed by an erasure.
        Erased,
    }
);

/// Parses an RFC 3339 time with its offset, naming the field when it is malformed.
pub(crate) fn parse_time(field: &str, s: &str) -> Result<DateTime<FixedOffset>, TallyApiError> {
    DateTime::parse_from_rfc3339(s).map_err(|_| {
        TallyApiError::invalid(format!(
            "{field} is not an RFC 3339 time with an offset (like 2024-03-01T21:30:00+00:00)"
        ))
    })
}

/// Parses an ISO 8601 calendar date, naming the field when it is malformed.
pub(crate) fn parse_date(field: &str, s: &str) -> Result<NaiveDate, TallyApiError> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| TallyApiError::invalid(format!("{field} is not a date like 2024-03-01")))
}

fn parse_opt_date(field: &str, s: Option<String>) -> Result<Option<NaiveDate>, TallyApiError> {
    s.map(|s| parse_date(field, &s)).transpose()
}

fn parse_opt_time(
    field: &str,
    s: Option<String>,
) -> Result<Option<DateTime<FixedOffset>>, TallyApiError> {
    s.map(|s| parse_time(field, &s)).transpose()
}

/// Someone involved.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Person {
    /// Name or alias.
    pub name: String,
    /// How they are related to the victim.
    pub relationship: Relationship,
    /// Appearance and anything that helps recognise them.
    #[uniffi(default)]
    pub description: Option<String>,
    /// Vehicles (make, colour, registration).
    #[uniffi(default)]
    pub vehicles: Vec<String>,
    /// Phone numbers they use.
    #[uniffi(default)]
    pub phones: Vec<String>,
    /// Online accounts they use.
    #[uniffi(default)]
    pub accounts: Vec<String>,
    /// Earlier harassment or stalking by them.
    #[uniffi(default)]
    pub previous_harassment: Option<String>,
    /// Earlier violence by them.
    #[uniffi(default)]
    pub previous_violence: Option<String>,
}

impl From<core::Person> for Person {
    fn from(p: core::Person) -> Self {
        Person {
            name: p.name,
            relationship: p.relationship.into(),
            description: p.description,
            vehicles: p.vehicles,
            phones: p.phones,
            accounts: p.accounts,
            previous_harassment: p.previous_harassment,
            previous_violence: p.previous_violence,
        }
    }
}

impl From<Person> for core::Person {
    fn from(p: Person) -> Self {
        core::Person {
            name: p.name,
            relationship: p.relationship.into(),
            description: p.description,
            vehicles: p.vehicles,
            phones: p.phones,
            accounts: p.accounts,
            previous_harassment: p.previous_harassment,
            previous_violence: p.previous_violence,
        }
    }
}

/// When an incident happened, in the local time of the place (RFC 3339 with offset).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Occurred {
    /// The instant, or the start of the range.
    pub start: String,
    /// The end of the range, if it was one.
    #[uniffi(default)]
    pub end: Option<String>,
    /// The time is the victim's best recollection, not exact.
    #[uniffi(default)]
    pub approximate: bool,
}

/// Latitude and longitude in degrees (WGS 84).
#[derive(Debug, Clone, Copy, PartialEq, uniffi::Record)]
pub struct Coordinates {
    /// −90 to 90.
    pub lat: f64,
    /// −180 to 180.
    pub lon: f64,
}

/// Where an incident happened.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Place {
    /// In the victim's words.
    #[uniffi(default)]
    pub text: String,
    /// A saved place (Home, Work, School …).
    #[uniffi(default)]
    pub saved: Option<String>,
    /// Where the phone was, if the victim chose to record it.
    #[uniffi(default)]
    pub coordinates: Option<Coordinates>,
}

/// A way the behaviour changed the victim's daily life.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
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
    Other {
        /// The change.
        text: String,
    },
}

impl From<core::LifeChange> for LifeChange {
    fn from(c: core::LifeChange) -> Self {
        use core::LifeChange as C;
        match c {
            C::MovedHome => LifeChange::MovedHome,
            C::ChangedRoute => LifeChange::ChangedRoute,
            C::TimeOffWork => LifeChange::TimeOffWork,
            C::ChangedNumberOrAccounts => LifeChange::ChangedNumberOrAccounts,
            C::StoppedGoingOut => LifeChange::StoppedGoingOut,
            C::ExtraSecurity => LifeChange::ExtraSecurity,
            C::SoughtHealthHelp => LifeChange::SoughtHealthHelp,
            C::Other(text) => LifeChange::Other { text },
        }
    }
}

impl From<LifeChange> for core::LifeChange {
    fn from(c: LifeChange) -> Self {
        use core::LifeChange as C;
        match c {
            LifeChange::MovedHome => C::MovedHome,
            LifeChange::ChangedRoute => C::ChangedRoute,
            LifeChange::TimeOffWork => C::TimeOffWork,
            LifeChange::ChangedNumberOrAccounts => C::ChangedNumberOrAccounts,
            LifeChange::StoppedGoingOut => C::StoppedGoingOut,
            LifeChange::ExtraSecurity => C::ExtraSecurity,
            LifeChange::SoughtHealthHelp => C::SoughtHealthHelp,
            LifeChange::Other { text } => C::Other(text),
        }
    }
}

/// How an incident affected the victim.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Impact {
    /// Fear, 0 (none) to 10 (terrified).
    #[uniffi(default)]
    pub fear: Option<u8>,
    /// How daily life changed.
    #[uniffi(default)]
    pub changes: Vec<LifeChange>,
    /// Anything else about the effect.
    #[uniffi(default)]
    pub notes: Option<String>,
}

/// Someone who saw or heard an incident.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Witness {
    /// Name.
    pub name: String,
    /// How to reach them.
    #[uniffi(default)]
    pub contact: Option<String>,
}

/// GPS position read from a photo's EXIF data.
#[derive(Debug, Clone, Copy, PartialEq, uniffi::Record)]
pub struct Gps {
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
}

/// Pixel size of an image.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct Dimensions {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// A file kept in the diary; put it in an entry to attach it there.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct AttachmentRef {
    /// SHA-256 of the original bytes, lower-case hex.
    pub sha256: String,
    /// Size in bytes.
    pub size: u64,
    /// Media type, e.g. `image/jpeg`.
    pub media_type: String,
    /// The file's original name.
    #[uniffi(default)]
    pub file_name: Option<String>,
    /// Capture time from the file's own metadata, as written there.
    #[uniffi(default)]
    pub captured_at: Option<String>,
    /// Camera make and model.
    #[uniffi(default)]
    pub camera: Option<String>,
    /// Position from the file's metadata.
    #[uniffi(default)]
    pub gps: Option<Gps>,
    /// Pixel size, for images.
    #[uniffi(default)]
    pub dimensions: Option<Dimensions>,
}

impl From<core::AttachmentRef> for AttachmentRef {
    fn from(a: core::AttachmentRef) -> Self {
        AttachmentRef {
            sha256: a.sha256,
            size: a.size,
            media_type: a.media_type,
            file_name: a.file_name,
            captured_at: a.captured_at,
            camera: a.camera,
            gps: a.gps.map(|g| Gps {
                lat: g.lat,
                lon: g.lon,
            }),
            dimensions: a
                .dimensions
                .map(|(width, height)| Dimensions { width, height }),
        }
    }
}

impl From<AttachmentRef> for core::AttachmentRef {
    fn from(a: AttachmentRef) -> Self {
        core::AttachmentRef {
            sha256: a.sha256,
            size: a.size,
            media_type: a.media_type,
            file_name: a.file_name,
            captured_at: a.captured_at,
            camera: a.camera,
            gps: a.gps.map(|g| core::Gps {
                lat: g.lat,
                lon: g.lon,
            }),
            dimensions: a.dimensions.map(|d| (d.width, d.height)),
        }
    }
}

/// What happened.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Incident {
    /// When.
    pub occurred: Occurred,
    /// What kind of behaviour.
    pub category: Category,
    /// One line: what happened.
    pub summary: String,
    /// The people involved: entry numbers of person entries.
    #[uniffi(default)]
    pub people: Vec<u64>,
    /// Where.
    #[uniffi(default)]
    pub place: Option<Place>,
    /// The full account.
    #[uniffi(default)]
    pub details: Option<String>,
    /// How it affected the victim (`None` when nothing was recorded).
    #[uniffi(default)]
    pub impact: Option<Impact>,
    /// Who saw or heard it.
    #[uniffi(default)]
    pub witnesses: Vec<Witness>,
    /// Files that show it (from `attach_bytes` or `attach_file`).
    #[uniffi(default)]
    pub attachments: Vec<AttachmentRef>,
}

impl From<core::Incident> for Incident {
    fn from(i: core::Incident) -> Self {
        Incident {
            occurred: Occurred {
                start: i.occurred.start.to_rfc3339(),
                end: i.occurred.end.map(|t| t.to_rfc3339()),
                approximate: i.occurred.approximate,
            },
            category: i.category.into(),
            summary: i.summary,
            people: i.people,
            place: i.place.map(|p| Place {
                text: p.text,
                saved: p.saved,
                coordinates: p.coordinates.map(|c| Coordinates {
                    lat: c.lat,
                    lon: c.lon,
                }),
            }),
            details: i.details,
            impact: (!i.impact.is_empty()).then(|| Impact {
                fear: i.impact.fear,
                changes: i.impact.changes.into_iter().map(Into::into).collect(),
                notes: i.impact.notes,
            }),
            witnesses: i
                .witnesses
                .into_iter()
                .map(|w| Witness {
                    name: w.name,
                    contact: w.contact,
                })
                .collect(),
            attachments: i.attachments.into_iter().map(Into::into).collect(),
        }
    }
}

impl TryFrom<Incident> for core::Incident {
    type Error = TallyApiError;
    fn try_from(i: Incident) -> Result<Self, TallyApiError> {
        let impact = i.impact.map(|m| core::Impact {
            fear: m.fear,
            changes: m.changes.into_iter().map(Into::into).collect(),
            notes: m.notes,
        });
        Ok(core::Incident {
            occurred: core::Occurred {
                start: parse_time("occurred.start", &i.occurred.start)?,
                end: parse_opt_time("occurred.end", i.occurred.end)?,
                approximate: i.occurred.approximate,
            },
            category: i.category.into(),
            people: i.people,
            place: i.place.map(|p| core::Place {
                text: p.text,
                saved: p.saved,
                coordinates: p.coordinates.map(|c| core::Coordinates {
                    lat: c.lat,
                    lon: c.lon,
                }),
            }),
            summary: i.summary,
            details: i.details,
            impact: impact.unwrap_or_default(),
            witnesses: i
                .witnesses
                .into_iter()
                .map(|w| core::Witness {
                    name: w.name,
                    contact: w.contact,
                })
                .collect(),
            attachments: i.attachments.into_iter().map(Into::into).collect(),
        })
    }
}

/// One condition of an order.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum Condition {
    /// No contact with the victim, direct or indirect.
    NoContact,
    /// Stay away from a place.
    StayAway {
        /// The place, as the order names it.
        place: String,
    },
    /// Any other condition, as written in the order.
    Other {
        /// The condition's text.
        text: String,
    },
}

/// Bail conditions or a protective order binding a person.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Order {
    /// The kind of order.
    pub order_type: OrderType,
    /// The person bound by it (a person entry).
    pub person: u64,
    /// First day in force (`2024-03-01`).
    pub start: String,
    /// Last day in force, inclusive.
    #[uniffi(default)]
    pub end: Option<String>,
    /// Its conditions.
    #[uniffi(default)]
    pub conditions: Vec<Condition>,
    /// The court or police reference.
    #[uniffi(default)]
    pub reference: Option<String>,
    /// Who made it.
    #[uniffi(default)]
    pub issued_by: Option<String>,
}

impl From<core::Order> for Order {
    fn from(o: core::Order) -> Self {
        Order {
            order_type: o.order_type.into(),
            person: o.person,
            start: o.start.to_string(),
            end: o.end.map(|d| d.to_string()),
            conditions: o
                .conditions
                .into_iter()
                .map(|c| match c {
                    core::Condition::NoContact => Condition::NoContact,
                    core::Condition::StayAway { place } => Condition::StayAway { place },
                    core::Condition::Other { text } => Condition::Other { text },
                })
                .collect(),
            reference: o.reference,
            issued_by: o.issued_by,
        }
    }
}

impl TryFrom<Order> for core::Order {
    type Error = TallyApiError;
    fn try_from(o: Order) -> Result<Self, TallyApiError> {
        Ok(core::Order {
            order_type: o.order_type.into(),
            person: o.person,
            start: parse_date("start", &o.start)?,
            end: parse_opt_date("end", o.end)?,
            conditions: o
                .conditions
                .into_iter()
                .map(|c| match c {
                    Condition::NoContact => core::Condition::NoContact,
                    Condition::StayAway { place } => core::Condition::StayAway { place },
                    Condition::Other { text } => core::Condition::Other { text },
                })
                .collect(),
            reference: o.reference,
            issued_by: o.issued_by,
        })
    }
}

/// A report to, or contact with, the police.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct PoliceContact {
    /// When (RFC 3339 with offset).
    pub at: String,
    /// How.
    #[uniffi(default)]
    pub method: Option<ContactMethod>,
    /// The force.
    #[uniffi(default)]
    pub force: Option<String>,
    /// The crime or incident reference number given.
    #[uniffi(default)]
    pub reference: Option<String>,
    /// The officer's name and collar number.
    #[uniffi(default)]
    pub officer: Option<String>,
    /// The incidents reported (incident entry numbers).
    #[uniffi(default)]
    pub reported: Vec<u64>,
    /// The advice given.
    #[uniffi(default)]
    pub advice: Option<String>,
    /// What happened as a result.
    #[uniffi(default)]
    pub outcome: Option<String>,
    /// What was promised next.
    #[uniffi(default)]
    pub follow_up: Option<String>,
}

impl From<core::PoliceContact> for PoliceContact {
    fn from(p: core::PoliceContact) -> Self {
        PoliceContact {
            at: p.at.to_rfc3339(),
            method: p.method.map(Into::into),
            force: p.force,
            reference: p.reference,
            officer: p.officer,
            reported: p.reported,
            advice: p.advice,
            outcome: p.outcome,
            follow_up: p.follow_up,
        }
    }
}

impl TryFrom<PoliceContact> for core::PoliceContact {
    type Error = TallyApiError;
    fn try_from(p: PoliceContact) -> Result<Self, TallyApiError> {
        Ok(core::PoliceContact {
            at: parse_time("at", &p.at)?,
            method: p.method.map(Into::into),
            force: p.force,
            reference: p.reference,
            officer: p.officer,
            reported: p.reported,
            advice: p.advice,
            outcome: p.outcome,
            follow_up: p.follow_up,
        })
    }
}

/// One message of an imported conversation.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct LoggedMessage {
    /// When it was sent (RFC 3339 with offset).
    pub at: String,
    /// Who sent it, as the export names them.
    pub sender: String,
    /// The text.
    pub text: String,
    /// What kind of message.
    pub status: MessageStatus,
    /// Whether the victim chose this sender as one whose messages matter.
    pub chosen: bool,
    /// Sent by the victim's phone, when the source says so.
    pub outgoing: bool,
    /// The media file's name in the export.
    pub media_name: Option<String>,
    /// SHA-256 of the media file, when it was in the export.
    pub media_sha256: Option<String>,
}

/// One call from a call-log backup.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CallRecord {
    /// When the call started (RFC 3339 with offset).
    pub at: String,
    /// The other number.
    pub number: String,
    /// incoming, outgoing, missed, voicemail, rejected, blocked or other.
    pub direction: String,
    /// Seconds.
    pub duration_seconds: u64,
    /// Whether the victim chose this number as one that matters.
    pub chosen: bool,
}

/// An imported conversation (read back from the diary; imports create these).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct MessageLog {
    /// Where it came from.
    pub source: MessageSource,
    /// The original export, byte for byte.
    pub original: AttachmentRef,
    /// The time zone the export's local times were read in (IANA name).
    pub time_zone: Option<String>,
    /// The people this conversation is with (person entries).
    pub people: Vec<u64>,
    /// The senders or numbers the victim chose as the ones that matter.
    pub chosen_senders: Vec<String>,
    /// The messages, in order.
    pub messages: Vec<LoggedMessage>,
    /// Calls, for call-log backups.
    pub calls: Vec<CallRecord>,
    /// Media files from the export, kept as attachments.
    pub attachments: Vec<AttachmentRef>,
}

impl From<core::MessageLog> for MessageLog {
    fn from(m: core::MessageLog) -> Self {
        MessageLog {
            source: m.source.into(),
            original: m.original.into(),
            time_zone: m.time_zone,
            people: m.people,
            chosen_senders: m.chosen_senders,
            messages: m
                .messages
                .into_iter()
                .map(|l| LoggedMessage {
                    at: l.at.to_rfc3339(),
                    sender: l.sender,
                    text: l.text,
                    status: l.status.into(),
                    chosen: l.chosen,
                    outgoing: l.outgoing,
                    media_name: l.media_name,
                    media_sha256: l.media_sha256,
                })
                .collect(),
            calls: m
                .calls
                .into_iter()
                .map(|c| CallRecord {
                    at: c.at.to_rfc3339(),
                    number: c.number,
                    direction: c.direction,
                    duration_seconds: c.duration_seconds,
                    chosen: c.chosen,
                })
                .collect(),
            attachments: m.attachments.into_iter().map(Into::into).collect(),
        }
    }
}

/// The content of an entry that records something (what an amendment replaces).
#[derive(Debug, Clone, PartialEq, uniffi::Enum)]
pub enum EntryContent {
    /// What happened.
    Incident {
        /// The incident.
        incident: Incident,
    },
    /// Someone involved.
    Person {
        /// The person.
        person: Person,
    },
    /// Bail conditions or a protective order.
    Order {
        /// The order.
        order: Order,
    },
    /// A report to or contact with the police.
    PoliceContact {
        /// The contact.
        contact: PoliceContact,
    },
    /// An imported conversation (read only: imports create these).
    MessageLog {
        /// The conversation.
        log: MessageLog,
    },
}

impl TryFrom<EntryContent> for core::Body {
    type Error = TallyApiError;
    fn try_from(c: EntryContent) -> Result<Self, TallyApiError> {
        Ok(match c {
            EntryContent::Incident { incident } => core::Body::Incident(incident.try_into()?),
            EntryContent::Person { person } => core::Body::Person(person.into()),
            EntryContent::Order { order } => core::Body::Order(order.try_into()?),
            EntryContent::PoliceContact { contact } => {
                core::Body::PoliceContact(contact.try_into()?)
            }
            EntryContent::MessageLog { .. } => {
                return Err(TallyApiError::invalid(
                    "replacement: a message log is imported, not written; \
                     import the conversation again instead",
                ));
            }
        })
    }
}

/// What an entry records: content, or a correction of an earlier entry.
#[derive(Debug, Clone, PartialEq, uniffi::Enum)]
pub enum EntryBody {
    /// What happened.
    Incident {
        /// The incident.
        incident: Incident,
    },
    /// Someone involved.
    Person {
        /// The person.
        person: Person,
    },
    /// Bail conditions or a protective order.
    Order {
        /// The order.
        order: Order,
    },
    /// A report to or contact with the police.
    PoliceContact {
        /// The contact.
        contact: PoliceContact,
    },
    /// An imported conversation.
    MessageLog {
        /// The conversation.
        log: MessageLog,
    },
    /// A correction of entry `target`.
    Amendment {
        /// The entry corrected.
        target: u64,
        /// The full new content.
        replacement: EntryContent,
        /// Why it was corrected.
        reason: Option<String>,
    },
    /// The owner removed entry `target`'s content.
    Erasure {
        /// The entry whose content was removed.
        target: u64,
        /// Its kind.
        kind: EntryKind,
        /// Amendments of `target` removed with it.
        covers: Vec<u64>,
        /// Why.
        reason: Option<String>,
    },
}

fn content_of(body: core::Body) -> Result<EntryContent, TallyApiError> {
    Ok(match body {
        core::Body::Incident(i) => EntryContent::Incident { incident: i.into() },
        core::Body::Person(p) => EntryContent::Person { person: p.into() },
        core::Body::Order(o) => EntryContent::Order { order: o.into() },
        core::Body::PoliceContact(c) => EntryContent::PoliceContact { contact: c.into() },
        core::Body::MessageLog(m) => EntryContent::MessageLog { log: m.into() },
        // Validation refuses corrections of corrections; one read back is corrupt data.
        other => {
            return Err(TallyApiError::Corrupt {
                reason: format!(
                    "an amendment replaces an entry with {}",
                    other.kind().with_article()
                ),
            });
        }
    })
}

impl TryFrom<core::Body> for EntryBody {
    type Error = TallyApiError;
    fn try_from(body: core::Body) -> Result<Self, TallyApiError> {
        Ok(match body {
            core::Body::Amendment(a) => EntryBody::Amendment {
                target: a.target,
                replacement: content_of(*a.replacement)?,
                reason: a.reason,
            },
            core::Body::Erasure(e) => EntryBody::Erasure {
                target: e.target,
                kind: e.kind.into(),
                covers: e.covers,
                reason: e.reason,
            },
            content => match content_of(content)? {
                EntryContent::Incident { incident } => EntryBody::Incident { incident },
                EntryContent::Person { person } => EntryBody::Person { person },
                EntryContent::Order { order } => EntryBody::Order { order },
                EntryContent::PoliceContact { contact } => EntryBody::PoliceContact { contact },
                EntryContent::MessageLog { log } => EntryBody::MessageLog { log },
            },
        })
    }
}

/// One entry as the diary shows it: the latest version after amendments, or the fact
/// that it was erased.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct EntryView {
    /// Entry number, from 1.
    pub seq: u64,
    /// The entry's kind (known even once erased).
    pub kind: EntryKind,
    /// When it was sealed (RFC 3339, UTC); `None` once erased.
    pub recorded_at: Option<String>,
    /// Original, amended or erased.
    pub status: EntryStatus,
    /// The latest version of the content; `None` once erased.
    pub current: Option<EntryBody>,
    /// The amendments of this entry, oldest first.
    pub amended_by: Vec<u64>,
    /// The erasure that removed it.
    pub erased_by: Option<u64>,
}

impl TryFrom<core::EntryView> for EntryView {
    type Error = TallyApiError;
    fn try_from(v: core::EntryView) -> Result<Self, TallyApiError> {
        Ok(EntryView {
            seq: v.seq,
            kind: v.kind.into(),
            recorded_at: v.recorded_at.map(|t| t.to_rfc3339()),
            status: v.status.into(),
            current: v.current.map(TryInto::try_into).transpose()?,
            amended_by: v.amended_by,
            erased_by: v.erased_by,
        })
    }
}

/// One step of an entry's history: the entry as sealed, an amendment, or the erasure.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct HistoryStep {
    /// Entry number of this step.
    pub seq: u64,
    /// When it was sealed; `None` when its content was erased.
    pub recorded_at: Option<String>,
    /// What it recorded; `None` when its content was erased.
    pub body: Option<EntryBody>,
}

/// Which entries a list or pack covers. Empty lists and `None` mean "no restriction".
#[derive(Debug, Clone, PartialEq, Default, uniffi::Record)]
pub struct ListFilter {
    /// Only these kinds.
    #[uniffi(default)]
    pub kinds: Vec<EntryKind>,
    /// Only incidents of these categories.
    #[uniffi(default)]
    pub categories: Vec<Category>,
    /// Only entries that concern this person entry.
    #[uniffi(default)]
    pub person: Option<u64>,
    /// Only entries dated on or after this local date (`2024-03-01`).
    #[uniffi(default)]
    pub from: Option<String>,
    /// Only entries dated on or before this local date.
    #[uniffi(default)]
    pub to: Option<String>,
    /// Only these entry numbers.
    #[uniffi(default)]
    pub entries: Vec<u64>,
    /// Show amendments and erasures as entries of their own.
    #[uniffi(default)]
    pub include_corrections: bool,
}

impl TryFrom<ListFilter> for tally_core::diary::ListFilter {
    type Error = TallyApiError;
    fn try_from(f: ListFilter) -> Result<Self, TallyApiError> {
        Ok(tally_core::diary::ListFilter {
            kinds: f.kinds.into_iter().map(Into::into).collect(),
            categories: f.categories.into_iter().map(Into::into).collect(),
            person: f.person,
            from: parse_opt_date("from", f.from)?,
            to: parse_opt_date("to", f.to)?,
            entries: f.entries,
            include_corrections: f.include_corrections,
        })
    }
}

/// Which incidents the course-of-conduct summary covers.
#[derive(Debug, Clone, PartialEq, Default, uniffi::Record)]
pub struct SummaryFilter {
    /// Only incidents naming this person entry, and conversations with them.
    #[uniffi(default)]
    pub person: Option<u64>,
    /// First local date included (`2024-03-01`).
    #[uniffi(default)]
    pub from: Option<String>,
    /// Last local date included.
    #[uniffi(default)]
    pub to: Option<String>,
}

impl TryFrom<SummaryFilter> for tally_core::summary::SummaryFilter {
    type Error = TallyApiError;
    fn try_from(f: SummaryFilter) -> Result<Self, TallyApiError> {
        Ok(tally_core::summary::SummaryFilter {
            person: f.person,
            from: parse_opt_date("from", f.from)?,
            to: parse_opt_date("to", f.to)?,
        })
    }
}
