//! The values a form offers to pick from, each with its label in the shell's language:
//! categories (in the order forms list them), relationships, order types, ways of
//! contacting the police, changes to daily life.

use crate::locale::Words;
use crate::model::{Category, ContactMethod, LifeChange, OrderType, Relationship};

/// A category to pick.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryChoice {
    /// The value.
    pub value: Category,
    /// Its label.
    pub label: String,
}

/// A relationship to pick.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationshipChoice {
    /// The value.
    pub value: Relationship,
    /// Its label.
    pub label: String,
}

/// An order type to pick.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderTypeChoice {
    /// The value.
    pub value: OrderType,
    /// Its label.
    pub label: String,
}

/// A way of contacting the police to pick.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MethodChoice {
    /// The value.
    pub value: ContactMethod,
    /// Its label.
    pub label: String,
}

/// A change to daily life to pick.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LifeChangeChoice {
    /// The value.
    pub value: LifeChange,
    /// Its label.
    pub label: String,
}

/// Everything the forms offer to pick from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choices {
    /// Incident categories.
    pub categories: Vec<CategoryChoice>,
    /// Relationships.
    pub relationships: Vec<RelationshipChoice>,
    /// Order types.
    pub order_types: Vec<OrderTypeChoice>,
    /// Ways of contacting the police.
    pub methods: Vec<MethodChoice>,
    /// Changes to daily life.
    pub life_changes: Vec<LifeChangeChoice>,
}

/// The choices, labelled in `words`.
pub fn choices(words: &Words) -> Choices {
    Choices {
        categories: Category::ALL
            .into_iter()
            .map(|value| CategoryChoice {
                value,
                label: words.category(value),
            })
            .collect(),
        relationships: Relationship::ALL
            .into_iter()
            .map(|value| RelationshipChoice {
                value,
                label: words.relationship(value),
            })
            .collect(),
        order_types: OrderType::ALL
            .into_iter()
            .map(|value| OrderTypeChoice {
                value,
                label: words.order_type(value),
            })
            .collect(),
        methods: ContactMethod::ALL
            .into_iter()
            .map(|value| MethodChoice {
                value,
                label: words.method(value),
            })
            .collect(),
        life_changes: LifeChange::FIXED
            .into_iter()
            .map(|value| LifeChangeChoice {
                label: words.life_change(&value),
                value,
            })
            .collect(),
    }
}
