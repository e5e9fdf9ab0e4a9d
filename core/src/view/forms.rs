//! The other forms — a person, an order with its conditions, a police contact, and the
//! correction of any entry — each a draft reviewed field by field and sealed when it
//! holds, like the incident form. The short grammar the CLI uses for conditions and
//! changes to daily life is here too, so every front end reads them alike.

use crate::zone::Zone;
use chrono::{DateTime, Utc};

use super::draft::{Review, When, list, now_fields, optional, read_date, read_offset};
use super::field::{Errors, Field, FieldError, FormOutcome, Problem};
use super::incident::{IncidentDraft, NoEntries, dedup, incident_of, refused, submit};
use super::time::{ClockAnswer, TimeView};
use crate::diary::Diary;
use crate::error::{Error, Result};
use crate::locale::Words;
use crate::model::{
    Body, Condition, ContactMethod, EntryKind, LifeChange, Order, OrderType, Person, PoliceContact,
    Relationship,
};

/// Reads a condition as written on the command line: `no-contact`, `stay-away:PLACE`, or
/// the condition's own text.
pub fn parse_condition(s: &str) -> Condition {
    let t = s.trim();
    if t.eq_ignore_ascii_case("no-contact") {
        Condition::NoContact
    } else if let Some(place) = t.strip_prefix("stay-away:") {
        Condition::StayAway {
            place: place.trim().to_owned(),
        }
    } else {
        Condition::Other { text: t.to_owned() }
    }
}

/// Reads a change to daily life as written on the command line: one of the fixed names
/// (`moved-home` …), or else the victim's own words.
pub fn parse_life_change(s: &str) -> LifeChange {
    let t = s.trim();
    LifeChange::FIXED
        .into_iter()
        .find(|c| c.as_str() == t)
        .unwrap_or_else(|| LifeChange::Other(t.to_owned()))
}

/// A person being written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonDraft {
    /// Name or alias.
    pub name: String,
    /// How they are related to the victim.
    pub relationship: Relationship,
    /// Appearance and anything that helps recognise them.
    pub description: String,
    /// Vehicles.
    pub vehicles: Vec<String>,
    /// Phone numbers.
    pub phones: Vec<String>,
    /// Online accounts.
    pub accounts: Vec<String>,
    /// Earlier harassment or stalking by them.
    pub previous_harassment: String,
    /// Earlier violence by them.
    pub previous_violence: String,
}

impl Default for PersonDraft {
    fn default() -> Self {
        PersonDraft {
            name: String::new(),
            relationship: Relationship::Other,
            description: String::new(),
            vehicles: Vec::new(),
            phones: Vec::new(),
            accounts: Vec::new(),
            previous_harassment: String::new(),
            previous_violence: String::new(),
        }
    }
}

impl PersonDraft {
    /// A draft holding a person's current content.
    pub fn from_person(p: &Person) -> PersonDraft {
        PersonDraft {
            name: p.name.clone(),
            relationship: p.relationship,
            description: p.description.clone().unwrap_or_default(),
            vehicles: p.vehicles.clone(),
            phones: p.phones.clone(),
            accounts: p.accounts.clone(),
            previous_harassment: p.previous_harassment.clone().unwrap_or_default(),
            previous_violence: p.previous_violence.clone().unwrap_or_default(),
        }
    }
}

fn read_person(d: &PersonDraft, words: &Words) -> (Review, Option<Person>) {
    let mut errors = Errors::default();
    if d.name.trim().is_empty() {
        errors.add(Field::Name, Problem::Required, words);
    }
    let person = Person {
        name: d.name.trim().to_owned(),
        relationship: d.relationship,
        description: optional(&d.description),
        vehicles: list(&d.vehicles),
        phones: list(&d.phones),
        accounts: list(&d.accounts),
        previous_harassment: optional(&d.previous_harassment),
        previous_violence: optional(&d.previous_violence),
    };
    check_model(&Body::Person(person.clone()), &mut errors, words);
    finish(errors, None, None, Some(person))
}

/// What the person form shows now.
pub fn review_person(d: &PersonDraft, words: &Words) -> Review {
    read_person(d, words).0
}

/// Seals the draft as a new person.
pub fn save_person(diary: &mut Diary, d: &PersonDraft, words: &Words) -> Result<FormOutcome> {
    let (review, person) = read_person(d, words);
    submit(diary, review, person.map(Body::Person), words)
}

/// An order being written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OrderDraft {
    /// The kind of order.
    pub order_type: Option<OrderType>,
    /// The person it binds (a person entry).
    pub person: Option<u64>,
    /// First day in force, `YYYY-MM-DD`.
    pub start: String,
    /// Last day in force; empty if it has no end.
    pub end: String,
    /// Its conditions.
    pub conditions: Vec<Condition>,
    /// The court or police reference.
    pub reference: String,
    /// Who made it.
    pub issued_by: String,
}

impl OrderDraft {
    /// A new order starting today in `zone`.
    pub fn new(now: DateTime<Utc>, zone: Zone) -> OrderDraft {
        OrderDraft {
            start: now_fields(now, zone).0,
            ..OrderDraft::default()
        }
    }

    /// A draft holding an order's current content.
    pub fn from_order(o: &Order) -> OrderDraft {
        OrderDraft {
            order_type: Some(o.order_type),
            person: Some(o.person),
            start: o.start.to_string(),
            end: o.end.map(|e| e.to_string()).unwrap_or_default(),
            conditions: o.conditions.clone(),
            reference: o.reference.clone().unwrap_or_default(),
            issued_by: o.issued_by.clone().unwrap_or_default(),
        }
    }
}

fn read_order(d: &OrderDraft, words: &Words) -> (Review, Option<Order>) {
    let mut errors = Errors::default();
    if d.order_type.is_none() {
        errors.add(Field::OrderType, Problem::Required, words);
    }
    if d.person.is_none() {
        errors.add(Field::BoundPerson, Problem::Required, words);
    }
    let start = read_date(&d.start, Field::StartDate, &mut errors, words);
    if start.is_none() && d.start.trim().is_empty() {
        errors.add(Field::StartDate, Problem::Required, words);
    }
    let end = read_date(&d.end, Field::EndDay, &mut errors, words);
    if let (Some(s), Some(e)) = (start, end)
        && e < s
    {
        errors.add(Field::EndDay, Problem::EndBeforeStart, words);
    }
    let conditions: Vec<Condition> = d
        .conditions
        .iter()
        .map(|c| match c {
            Condition::StayAway { place } => Condition::StayAway {
                place: place.trim().to_owned(),
            },
            Condition::Other { text } => Condition::Other {
                text: text.trim().to_owned(),
            },
            Condition::NoContact => Condition::NoContact,
        })
        .collect();
    let order = match (d.order_type, d.person, start) {
        (Some(order_type), Some(person), Some(start)) => Some(Order {
            order_type,
            person,
            start,
            end,
            conditions,
            reference: optional(&d.reference),
            issued_by: optional(&d.issued_by),
        }),
        _ => None,
    };
    if let Some(o) = &order {
        // The bound person is a reference: checked against the diary on saving.
        let mut unreferenced = o.clone();
        unreferenced.person = 0;
        if let Err(e) = Body::Order(unreferenced).validate(&AnyPerson) {
            errors.add_error(FieldError::from_validation(&e, words));
        }
    }
    finish(errors, None, None, order)
}

/// What the order form shows now.
pub fn review_order(d: &OrderDraft, words: &Words) -> Review {
    read_order(d, words).0
}

/// Seals the draft as a new order.
pub fn save_order(diary: &mut Diary, d: &OrderDraft, words: &Words) -> Result<FormOutcome> {
    let (review, order) = read_order(d, words);
    submit(diary, review, order.map(Body::Order), words)
}

/// A police contact being written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PoliceContactDraft {
    /// The local date of the contact.
    pub date: String,
    /// The local time of the contact.
    pub time: String,
    /// The answer to the clock-change question, once asked.
    pub clock: Option<ClockAnswer>,
    /// The offset of the contact being corrected; empty for a new one.
    pub kept_offset: String,
    /// How.
    pub method: Option<ContactMethod>,
    /// The force.
    pub force: String,
    /// The reference number given.
    pub reference: String,
    /// The officer's name and number.
    pub officer: String,
    /// The incidents reported.
    pub reported: Vec<u64>,
    /// The advice given.
    pub advice: String,
    /// What happened as a result.
    pub outcome: String,
    /// What was promised next.
    pub follow_up: String,
}

impl PoliceContactDraft {
    /// A new contact, happening now in `zone`.
    pub fn new(now: DateTime<Utc>, zone: Zone) -> PoliceContactDraft {
        let (date, time) = now_fields(now, zone);
        PoliceContactDraft {
            date,
            time,
            ..PoliceContactDraft::default()
        }
    }

    /// A draft holding a contact's current content.
    pub fn from_contact(c: &PoliceContact) -> PoliceContactDraft {
        PoliceContactDraft {
            date: c.at.format("%Y-%m-%d").to_string(),
            time: c.at.format("%H:%M").to_string(),
            clock: None,
            kept_offset: c.at.format("%:z").to_string(),
            method: c.method,
            force: c.force.clone().unwrap_or_default(),
            reference: c.reference.clone().unwrap_or_default(),
            officer: c.officer.clone().unwrap_or_default(),
            reported: c.reported.clone(),
            advice: c.advice.clone().unwrap_or_default(),
            outcome: c.outcome.clone().unwrap_or_default(),
            follow_up: c.follow_up.clone().unwrap_or_default(),
        }
    }
}

fn read_police(
    d: &PoliceContactDraft,
    zone: Zone,
    now: DateTime<Utc>,
    words: &Words,
) -> (Review, Option<PoliceContact>) {
    let mut errors = Errors::default();
    let (at, question) = When {
        date: &d.date,
        time: &d.time,
        answer: d.clock,
        date_field: Field::Date,
        time_field: Field::Time,
        required: true,
    }
    .read(read_offset(&d.kept_offset), zone, now, &mut errors, words);
    let contact = at.map(|at| PoliceContact {
        at,
        method: d.method,
        force: optional(&d.force),
        reference: optional(&d.reference),
        officer: optional(&d.officer),
        reported: dedup(&d.reported),
        advice: optional(&d.advice),
        outcome: optional(&d.outcome),
        follow_up: optional(&d.follow_up),
    });
    let start = contact.as_ref().map(|c| TimeView::of(c.at, words));
    let mut review = finish(errors, question, None, contact);
    review.0.start = start;
    review
}

/// What the police-contact form shows now.
pub fn review_police_contact(
    d: &PoliceContactDraft,
    zone: Zone,
    now: DateTime<Utc>,
    words: &Words,
) -> Review {
    read_police(d, zone, now, words).0
}

/// Seals the draft as a new police contact.
pub fn save_police_contact(
    diary: &mut Diary,
    d: &PoliceContactDraft,
    zone: Zone,
    now: DateTime<Utc>,
    words: &Words,
) -> Result<FormOutcome> {
    let (review, contact) = read_police(d, zone, now, words);
    submit(diary, review, contact.map(Body::PoliceContact), words)
}

/// The content of an entry being corrected, as the draft of its own form.
#[derive(Debug, Clone, PartialEq)]
pub enum DraftContent {
    /// An incident.
    Incident(IncidentDraft),
    /// A person.
    Person(PersonDraft),
    /// An order.
    Order(OrderDraft),
    /// A police contact.
    PoliceContact(PoliceContactDraft),
}

/// The correction of an entry: its full new content, and why (in the owner's words).
#[derive(Debug, Clone, PartialEq)]
pub struct AmendmentDraft {
    /// The entry corrected.
    pub target: u64,
    /// The new content, starting from the current version.
    pub content: DraftContent,
    /// Why it was corrected; may be left empty.
    pub reason: String,
}

/// Starting a correction: the draft, or why this entry cannot be corrected.
#[derive(Debug, Clone, PartialEq)]
pub enum AmendmentStart {
    /// The draft, filled with the entry's current version.
    Draft(Box<AmendmentDraft>),
    /// The entry cannot be corrected (erased, a correction itself, an imported
    /// conversation — import it again instead).
    Refused(Vec<FieldError>),
}

/// The draft for correcting entry `target`.
pub fn amendment_draft(diary: &Diary, target: u64, words: &Words) -> Result<AmendmentStart> {
    let view = diary.get(target)?;
    let not = |problem| {
        Ok(AmendmentStart::Refused(vec![FieldError::new(
            Field::Target,
            problem,
            words,
        )]))
    };
    let content = match &view.current {
        None => return not(Problem::Erased { seq: target }),
        Some(Body::Incident(i)) => DraftContent::Incident(IncidentDraft::from_incident(i)),
        Some(Body::Person(p)) => DraftContent::Person(PersonDraft::from_person(p)),
        Some(Body::Order(o)) => DraftContent::Order(OrderDraft::from_order(o)),
        Some(Body::PoliceContact(c)) => {
            DraftContent::PoliceContact(PoliceContactDraft::from_contact(c))
        }
        // An imported conversation is the export as it was; a correction of it would be a
        // second, different record of the same file. Corrections of corrections are
        // refused by the diary itself.
        Some(Body::MessageLog(_) | Body::Amendment(_) | Body::Erasure(_)) => {
            return not(Problem::NotAmendable { seq: target });
        }
    };
    Ok(AmendmentStart::Draft(Box::new(AmendmentDraft {
        target,
        content,
        reason: String::new(),
    })))
}

fn read_amendment(
    d: &AmendmentDraft,
    zone: Zone,
    now: DateTime<Utc>,
    words: &Words,
) -> (Review, Option<Body>) {
    let (review, body) = match &d.content {
        DraftContent::Incident(i) => {
            let review = super::incident::review_incident(i, zone, now, words);
            let body = incident_of(i, zone, now, words).ok().map(Body::Incident);
            (review, body)
        }
        DraftContent::Person(p) => {
            let (r, p) = read_person(p, words);
            (r, p.map(Body::Person))
        }
        DraftContent::Order(o) => {
            let (r, o) = read_order(o, words);
            (r, o.map(Body::Order))
        }
        DraftContent::PoliceContact(c) => {
            let (r, c) = read_police(c, zone, now, words);
            (r, c.map(Body::PoliceContact))
        }
    };
    (review, body)
}

/// What the correction form shows now.
pub fn review_amendment(
    d: &AmendmentDraft,
    zone: Zone,
    now: DateTime<Utc>,
    words: &Words,
) -> Review {
    read_amendment(d, zone, now, words).0
}

/// Seals the correction.
pub fn save_amendment(
    diary: &mut Diary,
    d: &AmendmentDraft,
    zone: Zone,
    now: DateTime<Utc>,
    words: &Words,
) -> Result<FormOutcome> {
    let (review, body) = read_amendment(d, zone, now, words);
    let Some(body) = body else {
        return Ok(FormOutcome::Refused {
            errors: review.errors,
        });
    };
    match diary.amend(d.target, body, optional(&d.reason)) {
        Ok(seq) => Ok(FormOutcome::Saved { seq }),
        Err(Error::Invalid(e)) => Ok(FormOutcome::Refused {
            errors: vec![FieldError::from_validation(&e, words)],
        }),
        Err(Error::NoSuchEntry(seq)) => {
            Ok(refused(Field::Target, Problem::NoSuchEntry { seq }, words))
        }
        Err(e) => Err(e),
    }
}

/// Applies the model's rules that need no other entry; the first broken one joins the
/// form's errors unless its field already has one.
fn check_model(body: &Body, errors: &mut Errors, words: &Words) {
    if let Err(e) = body.validate(&NoEntries) {
        errors.add_error(FieldError::from_validation(&e, words));
    }
}

fn finish<T>(
    errors: Errors,
    clock_question: Option<super::time::ClockQuestion>,
    end_clock_question: Option<super::time::ClockQuestion>,
    value: Option<T>,
) -> (Review, Option<T>) {
    let ready = errors.is_empty() && value.is_some();
    (
        Review {
            errors: errors.0,
            clock_question,
            end_clock_question,
            start: None,
            end: None,
            ready,
        },
        value.filter(|_| ready),
    )
}

/// A lookup in which every entry is a person: for reviewing an order whose bound person
/// is checked against the diary only when it is sealed.
struct AnyPerson;

impl crate::model::EntryLookup for AnyPerson {
    fn kind_of(&self, _seq: u64) -> Option<EntryKind> {
        Some(EntryKind::Person)
    }

    fn is_erased(&self, _seq: u64) -> bool {
        false
    }
}
