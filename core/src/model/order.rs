//! Bail conditions and protective orders, and the conditions that make an incident a breach.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The kind of order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OrderType {
    /// Police or court bail with conditions.
    Bail,
    /// A restraining order.
    RestrainingOrder,
    /// A non-molestation order.
    NonMolestationOrder,
    /// A stalking protection order.
    StalkingProtectionOrder,
    /// A domestic violence protection notice or order (DVPN/DVPO).
    Dvpo,
    /// Any other order or undertaking.
    Other,
}

impl OrderType {
    /// Every order type.
    pub const ALL: [OrderType; 6] = [
        OrderType::Bail,
        OrderType::RestrainingOrder,
        OrderType::NonMolestationOrder,
        OrderType::StalkingProtectionOrder,
        OrderType::Dvpo,
        OrderType::Other,
    ];

    /// The name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            OrderType::Bail => "bail",
            OrderType::RestrainingOrder => "restraining-order",
            OrderType::NonMolestationOrder => "non-molestation-order",
            OrderType::StalkingProtectionOrder => "stalking-protection-order",
            OrderType::Dvpo => "dvpo",
            OrderType::Other => "other",
        }
    }

    /// A label for people reading a report.
    pub fn label(self) -> &'static str {
        match self {
            OrderType::Bail => "bail conditions",
            OrderType::RestrainingOrder => "restraining order",
            OrderType::NonMolestationOrder => "non-molestation order",
            OrderType::StalkingProtectionOrder => "stalking protection order",
            OrderType::Dvpo => "DVPN/DVPO",
            OrderType::Other => "order",
        }
    }

    /// Parses the command-line name.
    pub fn parse(s: &str) -> Option<OrderType> {
        OrderType::ALL.into_iter().find(|o| o.as_str() == s)
    }
}

/// One condition of an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "type")]
pub enum Condition {
    /// No contact with the victim, direct or indirect (through others, online).
    NoContact,
    /// Stay away from a place (the victim's home, work, a street, an area).
    StayAway {
        /// The place, as the order names it; matched against incidents' places.
        place: String,
    },
    /// Any other condition, as written in the order.
    Other {
        /// The condition's text.
        text: String,
    },
}

/// An order binding a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    /// The kind of order.
    pub order_type: OrderType,
    /// The person bound by it (a person entry).
    pub person: u64,
    /// First day in force.
    pub start: NaiveDate,
    /// Last day in force, if it has one (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<NaiveDate>,
    /// Its conditions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<Condition>,
    /// The court or police reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Who made it (court, police station).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued_by: Option<String>,
}

impl Order {
    /// Whether the order is in force on `day`.
    pub fn in_force_on(&self, day: NaiveDate) -> bool {
        day >= self.start && self.end.is_none_or(|end| day <= end)
    }
}
