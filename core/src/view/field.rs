//! Typed field errors: which field of a form is wrong, why, and the sentence to show, so
//! no shell ever parses English. The model's own validation errors map here too, so the
//! rules a form obeys are the rules the diary enforces.

use crate::locale::Words;
use crate::model::{EntryKind, ValidationError};

/// A field of one of the forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// The local date something happened or started.
    Date,
    /// The local time it happened or started.
    Time,
    /// The local date a range ended.
    EndDate,
    /// The local time a range ended.
    EndTime,
    /// An incident's category.
    Category,
    /// The people an entry names.
    People,
    /// Where it happened.
    Place,
    /// Coordinates of the place.
    Coordinates,
    /// One line: what happened.
    Summary,
    /// The full account.
    Details,
    /// Fear, 0 to 10.
    Fear,
    /// Notes on the impact.
    ImpactNotes,
    /// Witnesses.
    Witnesses,
    /// Files attached.
    Attachments,
    /// A person's name.
    Name,
    /// How a person is related to the victim.
    Relationship,
    /// The kind of order.
    OrderType,
    /// The person an order binds.
    BoundPerson,
    /// The first day an order is in force.
    StartDate,
    /// The last day an order is in force.
    EndDay,
    /// An order's conditions.
    Conditions,
    /// A reference number.
    Reference,
    /// The incidents a police contact reported.
    Reported,
    /// Why an entry was corrected or removed.
    Reason,
    /// The entry a correction or removal is for.
    Target,
    /// A passphrase.
    Passphrase,
    /// The passphrase typed again.
    Confirmation,
    /// The time zone the shell passed.
    TimeZone,
    /// A field of an imported file.
    File,
    /// Any other field.
    Other,
}

impl Field {
    fn id(self) -> &'static str {
        match self {
            Field::Date => "date",
            Field::Time => "time",
            Field::EndDate => "end-date",
            Field::EndTime => "end-time",
            Field::Category => "category",
            Field::People => "people",
            Field::Place => "place",
            Field::Coordinates => "coordinates",
            Field::Summary => "summary",
            Field::Details => "details",
            Field::Fear => "fear",
            Field::ImpactNotes => "impact-notes",
            Field::Witnesses => "witnesses",
            Field::Attachments => "attachments",
            Field::Name => "name",
            Field::Relationship => "relationship",
            Field::OrderType => "order-type",
            Field::BoundPerson => "bound-person",
            Field::StartDate => "start-date",
            Field::EndDay => "end-day",
            Field::Conditions => "conditions",
            Field::Reference => "reference",
            Field::Reported => "reported",
            Field::Reason => "reason",
            Field::Target => "target",
            Field::Passphrase => "passphrase",
            Field::Confirmation => "confirmation",
            Field::TimeZone => "time-zone",
            Field::File => "file",
            Field::Other => "other",
        }
    }

    /// The field's label in `words` ("What happened").
    pub fn label(self, words: &Words) -> String {
        words.text(&format!("field-{}", self.id()))
    }
}

/// What is wrong with a field.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Problem {
    /// Nothing was given, and something must be.
    Required,
    /// Not a date like 2024-03-01.
    NotADate,
    /// Not a time like 21:30.
    NotATime,
    /// Longer than allowed.
    TooLong {
        /// Characters allowed.
        max: u64,
    },
    /// Shorter than allowed.
    TooShort {
        /// Characters needed.
        min: u64,
    },
    /// Later than now.
    InFuture,
    /// The clocks changed around this local time; the question must be answered.
    ClockChange,
    /// An end before its start.
    EndBeforeStart,
    /// A number outside its range.
    OutOfRange {
        /// The smallest allowed.
        min: i64,
        /// The largest allowed.
        max: i64,
    },
    /// A reference to an entry that does not exist.
    NoSuchEntry {
        /// The entry number.
        seq: u64,
    },
    /// A reference to an entry of the wrong kind.
    WrongKind {
        /// The entry number.
        seq: u64,
        /// The kind it must be.
        expected: EntryKind,
    },
    /// A reference to an entry whose content was erased.
    Erased {
        /// The entry number.
        seq: u64,
    },
    /// This entry cannot be corrected this way.
    NotAmendable {
        /// The entry number.
        seq: u64,
    },
    /// Two passphrases differ.
    Mismatch,
    /// Not an IANA time zone name.
    UnknownZone,
    /// Any other problem (said in `text`).
    Invalid,
}

/// One problem with one field, with the sentence to show beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field.
    pub field: Field,
    /// What is wrong.
    pub problem: Problem,
    /// The sentence to show, in the shell's language.
    pub text: String,
}

impl FieldError {
    /// The error for `problem` on `field`, worded in `words`.
    pub fn new(field: Field, problem: Problem, words: &Words) -> FieldError {
        let label = field.label(words);
        let label = || ("field", label.as_str().into());
        let text = match &problem {
            Problem::Required => words.with("error-required", &[label()]),
            Problem::NotADate => words.with("error-not-a-date", &[label()]),
            Problem::NotATime => words.with("error-not-a-time", &[label()]),
            Problem::TooLong { max } => {
                words.with("error-too-long", &[label(), ("max", (*max).into())])
            }
            Problem::TooShort { min } => {
                words.with("error-too-short", &[label(), ("min", (*min).into())])
            }
            Problem::InFuture => words.with("error-in-future", &[label()]),
            Problem::ClockChange => words.with("error-clock-change", &[label()]),
            Problem::EndBeforeStart => words.with("error-end-before-start", &[label()]),
            Problem::OutOfRange { min, max } => words.with(
                "error-out-of-range",
                &[label(), ("min", (*min).into()), ("max", (*max).into())],
            ),
            Problem::NoSuchEntry { seq } => {
                words.with("error-no-such-entry", &[label(), ("entry", (*seq).into())])
            }
            Problem::WrongKind { seq, expected } => words.with(
                "error-wrong-kind",
                &[
                    label(),
                    ("entry", (*seq).into()),
                    ("kind", words.kind_with_article(*expected).into()),
                ],
            ),
            Problem::Erased { seq } => {
                words.with("error-erased", &[label(), ("entry", (*seq).into())])
            }
            Problem::NotAmendable { seq } => {
                words.with("error-not-amendable", &[("entry", (*seq).into())])
            }
            Problem::Mismatch => words.text("error-mismatch"),
            Problem::UnknownZone => words.with("error-unknown-zone", &[label()]),
            Problem::Invalid => words.with("error-invalid", &[label()]),
        };
        FieldError {
            field,
            problem,
            text,
        }
    }

    /// The model's validation error, as a field error of a form.
    pub fn from_validation(e: &ValidationError, words: &Words) -> FieldError {
        let (field, problem) = match e {
            ValidationError::Empty { field } => (field_named(field), Problem::Required),
            ValidationError::TooLong { field, max } => (
                field_named(field),
                Problem::TooLong {
                    max: u64::try_from(*max).unwrap_or(u64::MAX),
                },
            ),
            ValidationError::EndBeforeStart { field } => (
                if *field == "order" {
                    Field::EndDay
                } else {
                    Field::EndTime
                },
                Problem::EndBeforeStart,
            ),
            ValidationError::FearOutOfRange(_) => {
                (Field::Fear, Problem::OutOfRange { min: 0, max: 10 })
            }
            ValidationError::CoordinatesOutOfRange { .. } => (Field::Coordinates, Problem::Invalid),
            ValidationError::UnknownEntry { field, seq } => {
                (field_named(field), Problem::NoSuchEntry { seq: *seq })
            }
            ValidationError::WrongKind {
                field,
                seq,
                expected,
                ..
            } => (
                field_named(field),
                Problem::WrongKind {
                    seq: *seq,
                    expected: *expected,
                },
            ),
            ValidationError::Erased { field, seq } => {
                (field_named(field), Problem::Erased { seq: *seq })
            }
            ValidationError::NotAmendable { seq, .. } => {
                (Field::Target, Problem::NotAmendable { seq: *seq })
            }
            ValidationError::BadHash { .. } => (Field::Attachments, Problem::Invalid),
        };
        FieldError::new(field, problem, words)
    }
}

/// The form field a model validation error names.
fn field_named(name: &str) -> Field {
    match name {
        "summary" => Field::Summary,
        "details" => Field::Details,
        "people" => Field::People,
        "place" => Field::Place,
        "witness name" => Field::Witnesses,
        "attachment sha256" | "original sha256" => Field::Attachments,
        "name" => Field::Name,
        "person" => Field::BoundPerson,
        "stay-away place" | "condition" => Field::Conditions,
        "reported" => Field::Reported,
        "reason" => Field::Reason,
        "target" | "replacement" | "covers" => Field::Target,
        _ => Field::Other,
    }
}

/// What submitting a form did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormOutcome {
    /// The entry was sealed with this number.
    Saved {
        /// The new entry's number.
        seq: u64,
    },
    /// Nothing was written: these fields need fixing first.
    Refused {
        /// Every problem found, in the order of the form's fields.
        errors: Vec<FieldError>,
    },
}

/// Collects a form's field errors, one per field: the first found for a field stands.
#[derive(Debug, Default)]
pub(crate) struct Errors(pub Vec<FieldError>);

impl Errors {
    pub fn add(&mut self, field: Field, problem: Problem, words: &Words) {
        if !self.has(field) {
            self.0.push(FieldError::new(field, problem, words));
        }
    }

    pub fn add_error(&mut self, e: FieldError) {
        if !self.has(e.field) {
            self.0.push(e);
        }
    }

    pub fn has(&self, field: Field) -> bool {
        self.0.iter().any(|e| e.field == field)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_a_label_in_every_locale() {
        use crate::locale::Locale;
        let all = [
            Field::Date,
            Field::Time,
            Field::EndDate,
            Field::EndTime,
            Field::Category,
            Field::People,
            Field::Place,
            Field::Coordinates,
            Field::Summary,
            Field::Details,
            Field::Fear,
            Field::ImpactNotes,
            Field::Witnesses,
            Field::Attachments,
            Field::Name,
            Field::Relationship,
            Field::OrderType,
            Field::BoundPerson,
            Field::StartDate,
            Field::EndDay,
            Field::Conditions,
            Field::Reference,
            Field::Reported,
            Field::Reason,
            Field::Target,
            Field::Passphrase,
            Field::Confirmation,
            Field::TimeZone,
            Field::File,
            Field::Other,
        ];
        for locale in Locale::ALL {
            for f in all {
                let label = f.label(Words::of(locale));
                assert!(
                    !label.starts_with("field-"),
                    "{locale:?} has no label for {f:?}"
                );
            }
        }
    }

    #[test]
    fn a_model_error_names_the_form_field() {
        let e = FieldError::from_validation(
            &ValidationError::Empty { field: "summary" },
            Words::en_gb(),
        );
        assert_eq!(e.field, Field::Summary);
        assert_eq!(e.problem, Problem::Required);
        assert_eq!(e.text, "What happened is needed.");
    }
}
