//! `tally add …`: record a person, an incident, an order or a police contact. Each prints
//! the new entry's number alone on a line. Each goes through the core's form for it: the
//! same field errors, clock-change question and future rule as the apps.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};
use tally_core::diary::Diary;
use tally_core::model::*;
use tally_core::view::{
    ClockAnswer, FormOutcome, IncidentDraft, OrderDraft, PersonDraft, PoliceContactDraft,
    parse_condition, parse_life_change, parse_zone, review_incident, save_incident, save_order,
    save_person, save_police_contact,
};

use crate::people;
use crate::terminal;
use crate::time::{date, instant};

/// What to add.
#[derive(Subcommand, Debug)]
pub enum AddCommand {
    /// Someone involved.
    Person(PersonArgs),
    /// What happened.
    Incident(IncidentArgs),
    /// Bail conditions or a protective order.
    Order(OrderArgs),
    /// A report to or contact with the police.
    PoliceContact(PoliceArgs),
}

/// Fields of a person.
#[derive(Args, Debug, Clone, Default)]
pub struct PersonArgs {
    /// Name or alias.
    #[arg(long)]
    pub name: Option<String>,
    /// ex-partner, acquaintance, colleague, neighbour, stranger, police or other.
    #[arg(long, value_parser = parse_relationship)]
    pub relationship: Option<Relationship>,
    /// Appearance and anything that helps recognise them.
    #[arg(long)]
    pub description: Option<String>,
    /// A vehicle (make, colour, registration); repeat for more.
    #[arg(long = "vehicle")]
    pub vehicles: Vec<String>,
    /// A phone number they use; repeat for more.
    #[arg(long = "phone")]
    pub phones: Vec<String>,
    /// An online account they use; repeat for more.
    #[arg(long = "account")]
    pub accounts: Vec<String>,
    /// What you know of earlier harassment or stalking by them.
    #[arg(long)]
    pub previous_harassment: Option<String>,
    /// What you know of earlier violence by them.
    #[arg(long)]
    pub previous_violence: Option<String>,
}

/// Fields of an incident.
#[derive(Args, Debug, Clone, Default)]
pub struct IncidentArgs {
    /// message, call, email-or-letter, gift-or-item, online, sighting-or-following, loitering,
    /// visit-home, visit-work, visit-other, third-party-contact, tracking-or-device-misuse,
    /// property-damage, threat, violence or other.
    #[arg(long, value_parser = parse_category)]
    pub category: Option<Category>,
    /// When it happened (RFC 3339 with the local offset, e.g. 2024-03-12T21:06:00+00:00);
    /// or give --date and --time.
    #[arg(long, value_name = "RFC3339")]
    pub at: Option<String>,
    /// The local date it happened (YYYY-MM-DD), read in --tz.
    #[arg(long, value_name = "DATE", conflicts_with = "at")]
    pub date: Option<String>,
    /// The local time it happened (HH:MM), read in --tz.
    #[arg(long, value_name = "HH:MM", conflicts_with = "at")]
    pub time: Option<String>,
    /// The time zone of --date and --time (IANA name); default: this computer's.
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
    /// When the clocks changed around --time: earlier or later of the two times it can be.
    #[arg(long, value_name = "earlier|later", value_parser = parse_clock)]
    pub clock: Option<ClockAnswer>,
    /// When it ended, for something that went on for a while.
    #[arg(long, value_name = "RFC3339")]
    pub until: Option<String>,
    /// The time is your best recollection, not exact.
    #[arg(long)]
    pub approximate: bool,
    /// One line: what happened.
    #[arg(long)]
    pub summary: Option<String>,
    /// The full account.
    #[arg(long)]
    pub details: Option<String>,
    /// A person involved (name or entry number); repeat for more.
    #[arg(long = "person", value_name = "NAME")]
    pub people: Vec<String>,
    /// Where it happened.
    #[arg(long)]
    pub place: Option<String>,
    /// A saved place name such as Home or Work.
    #[arg(long, value_name = "NAME")]
    pub saved_place: Option<String>,
    /// Coordinates as LAT,LON.
    #[arg(long, value_name = "LAT,LON", value_parser = parse_coordinates)]
    pub coordinates: Option<Coordinates>,
    /// A witness as "Name" or "Name, contact"; repeat for more.
    #[arg(long = "witness", value_name = "TEXT")]
    pub witnesses: Vec<String>,
    /// How afraid you were, 0 to 10.
    #[arg(long, value_parser = clap::value_parser!(u8).range(0..=10))]
    pub fear: Option<u8>,
    /// How it changed daily life: moved-home, changed-route, time-off-work,
    /// changed-number-or-accounts, stopped-going-out, extra-security, sought-health-help,
    /// or any other text; repeat for more.
    #[arg(long = "change", value_name = "CHANGE")]
    pub changes: Vec<String>,
    /// A file that shows it (photo, screenshot, recording); repeat for more.
    #[arg(long = "attach", value_name = "FILE")]
    pub attach: Vec<PathBuf>,
}

/// Fields of an order.
#[derive(Args, Debug, Clone, Default)]
pub struct OrderArgs {
    /// bail, restraining-order, non-molestation-order, stalking-protection-order, dvpo or other.
    #[arg(long = "type", value_parser = parse_order_type)]
    pub order_type: Option<OrderType>,
    /// The person bound by it (name or entry number).
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    /// First day in force (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Last day in force (YYYY-MM-DD); leave out if it has no end.
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// no-contact, stay-away:PLACE, or the condition's text; repeat for more.
    #[arg(long = "condition", value_name = "CONDITION")]
    pub conditions: Vec<String>,
    /// The court or police reference.
    #[arg(long)]
    pub reference: Option<String>,
    /// Who made it (court, police station).
    #[arg(long)]
    pub issued_by: Option<String>,
}

/// Fields of a police contact.
#[derive(Args, Debug, Clone, Default)]
pub struct PoliceArgs {
    /// When (RFC 3339 with offset).
    #[arg(long, value_name = "RFC3339")]
    pub at: Option<String>,
    /// How: call-999, call-101, online, in-person, officer-visit, written or other.
    #[arg(long, value_parser = parse_method)]
    pub method: Option<ContactMethod>,
    /// The crime or incident reference number.
    #[arg(long)]
    pub reference: Option<String>,
    /// The officer's name and number.
    #[arg(long)]
    pub officer: Option<String>,
    /// The force.
    #[arg(long)]
    pub force: Option<String>,
    /// The incidents reported, as entry numbers N,N,…
    #[arg(long, value_name = "N,N…")]
    pub reported: Vec<String>,
    /// The advice given.
    #[arg(long)]
    pub advice: Option<String>,
    /// The outcome.
    #[arg(long)]
    pub outcome: Option<String>,
    /// What was promised next.
    #[arg(long)]
    pub follow_up: Option<String>,
}

pub fn run(path: &Path, command: AddCommand) -> Result<ExitCode> {
    let mut diary = super::open(path)?;
    let words = terminal::words();
    let outcome = match command {
        AddCommand::Person(a) => {
            let d = PersonDraft {
                name: a.name.unwrap_or_default(),
                relationship: a.relationship.unwrap_or(Relationship::Other),
                description: a.description.unwrap_or_default(),
                vehicles: a.vehicles,
                phones: a.phones,
                accounts: a.accounts,
                previous_harassment: a.previous_harassment.unwrap_or_default(),
                previous_violence: a.previous_violence.unwrap_or_default(),
            };
            save_person(&mut diary, &d, words)?
        }
        AddCommand::Incident(a) => {
            let seq = add_incident(&mut diary, a)?;
            say!("{seq}");
            return Ok(ExitCode::SUCCESS);
        }
        AddCommand::Order(a) => {
            let person = match &a.person {
                Some(name) => Some(people::resolve(&diary.views()?, name)?),
                None => None,
            };
            let d = OrderDraft {
                order_type: a.order_type,
                person,
                start: a.from.unwrap_or_default(),
                end: a.until.unwrap_or_default(),
                conditions: a.conditions.iter().map(|c| parse_condition(c)).collect(),
                reference: a.reference.unwrap_or_default(),
                issued_by: a.issued_by.unwrap_or_default(),
            };
            save_order(&mut diary, &d, words)?
        }
        AddCommand::PoliceContact(a) => {
            let mut d = PoliceContactDraft {
                method: a.method,
                force: a.force.unwrap_or_default(),
                reference: a.reference.unwrap_or_default(),
                officer: a.officer.unwrap_or_default(),
                reported: super::entry_numbers(&a.reported)?,
                advice: a.advice.unwrap_or_default(),
                outcome: a.outcome.unwrap_or_default(),
                follow_up: a.follow_up.unwrap_or_default(),
                ..PoliceContactDraft::default()
            };
            if let Some(at) = &a.at {
                // As written: its own date, time and offset.
                let at = instant(at)?;
                d.date = at.format("%Y-%m-%d").to_string();
                d.time = at.format("%H:%M:%S").to_string();
                d.kept_offset = at.format("%:z").to_string();
            }
            save_police_contact(&mut diary, &d, terminal::zone(), chrono::Utc::now(), words)?
        }
    };
    match outcome {
        FormOutcome::Saved { seq } => say!("{seq}"),
        FormOutcome::Refused { errors } => refuse(&errors)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Records an incident through the core's incident form; returns its entry number.
fn add_incident(diary: &mut Diary, a: IncidentArgs) -> Result<u64> {
    let words = terminal::words();
    let zone = match &a.tz {
        Some(name) => parse_zone(name).with_context(|| {
            format!("--tz {name:?} is not an IANA time zone such as Europe/London")
        })?,
        None => terminal::zone(),
    };
    let mut d = IncidentDraft {
        date: a.date.clone().unwrap_or_default(),
        time: a.time.clone().unwrap_or_default(),
        approximate: a.approximate,
        clock: a.clock,
        category: a.category,
        summary: a.summary.clone().unwrap_or_default(),
        details: a.details.clone().unwrap_or_default(),
        place: a.place.clone().unwrap_or_default(),
        saved_place: a.saved_place.clone().unwrap_or_default(),
        coordinates: a.coordinates,
        fear: a.fear,
        changes: a.changes.iter().map(|c| parse_life_change(c)).collect(),
        witnesses: a.witnesses.iter().map(|w| witness(w)).collect(),
        ..IncidentDraft::default()
    };
    if let Some(at) = &a.at {
        let start = instant(at)?;
        d.date = start.format("%Y-%m-%d").to_string();
        d.time = start.format("%H:%M:%S").to_string();
        d.kept_offset = start.format("%:z").to_string();
        if let Some(until) = &a.until {
            // The end in the start's offset: one place, one clock.
            let end = instant(until)?.with_timezone(start.offset());
            d.end_date = end.format("%Y-%m-%d").to_string();
            d.end_time = end.format("%H:%M:%S").to_string();
        }
    }
    if !a.people.is_empty() {
        let views = diary.views()?;
        d.people = a
            .people
            .iter()
            .map(|n| people::resolve(&views, n))
            .collect::<Result<_>>()?;
    }
    let now = chrono::Utc::now();
    let review = review_incident(&d, zone, now, words);
    if let Some(q) = &review.clock_question
        && d.clock.is_none()
    {
        let choices: Vec<String> = q
            .choices
            .iter()
            .map(|c| format!("--clock {} for {}", clock_name(c.answer), c.label))
            .collect();
        bail!(
            "{} Give {}. Nothing was recorded.",
            q.text,
            choices.join(", or ")
        );
    }
    if !review.errors.is_empty() {
        refuse(&review.errors)?;
    }
    // Files are stored only once the incident holds, so a refusal stores nothing.
    for file in &a.attach {
        d.attachments.push(crate::render::attach(diary, file)?);
    }
    match save_incident(diary, &d, zone, now, words)? {
        FormOutcome::Saved { seq } => Ok(seq),
        FormOutcome::Refused { errors } => refuse(&errors).map(|()| 0),
    }
}

fn refuse(errors: &[tally_core::view::FieldError]) -> Result<()> {
    let texts: Vec<&str> = errors.iter().map(|e| e.text.as_str()).collect();
    bail!("{} Nothing was recorded.", texts.join(" "))
}

fn witness(w: &str) -> Witness {
    match w.split_once(',') {
        Some((n, c)) => Witness {
            name: n.trim().to_owned(),
            contact: Some(c.trim().to_owned()),
        },
        None => Witness {
            name: w.trim().to_owned(),
            contact: None,
        },
    }
}

fn clock_name(a: ClockAnswer) -> &'static str {
    match a {
        ClockAnswer::Earlier => "earlier",
        ClockAnswer::Later => "later",
    }
}

fn parse_clock(s: &str) -> Result<ClockAnswer, String> {
    match s.trim().to_ascii_lowercase().as_str() {
        "earlier" => Ok(ClockAnswer::Earlier),
        "later" => Ok(ClockAnswer::Later),
        _ => Err("earlier or later".into()),
    }
}

/// Sets the given person fields; `new` requires a name.
pub fn apply_person(p: &mut Person, a: PersonArgs, new: bool) -> Result<()> {
    match a.name {
        Some(name) => p.name = name,
        None if new => bail!("--name is required"),
        None => {}
    }
    if let Some(r) = a.relationship {
        p.relationship = r;
    }
    set(&mut p.description, a.description);
    extend(&mut p.vehicles, a.vehicles);
    extend(&mut p.phones, a.phones);
    extend(&mut p.accounts, a.accounts);
    set(&mut p.previous_harassment, a.previous_harassment);
    set(&mut p.previous_violence, a.previous_violence);
    Ok(())
}

/// Sets the given incident fields (attaching files as it goes).
pub fn apply_incident(diary: &mut Diary, i: &mut Incident, a: IncidentArgs) -> Result<()> {
    if let Some(c) = a.category {
        i.category = c;
    }
    if let Some(at) = &a.at {
        i.occurred.start = instant(at)?;
    }
    if let Some(until) = &a.until {
        i.occurred.end = Some(instant(until)?);
    }
    if a.approximate {
        i.occurred.approximate = true;
    }
    if let Some(s) = a.summary {
        i.summary = s;
    }
    set(&mut i.details, a.details);
    if !a.people.is_empty() {
        let views = diary.views()?;
        for name in &a.people {
            let seq = people::resolve(&views, name)?;
            if !i.people.contains(&seq) {
                i.people.push(seq);
            }
        }
    }
    if a.place.is_some() || a.saved_place.is_some() || a.coordinates.is_some() {
        let place = i.place.get_or_insert_with(Place::default);
        if let Some(text) = a.place {
            place.text = text;
        }
        set(&mut place.saved, a.saved_place);
        if a.coordinates.is_some() {
            place.coordinates = a.coordinates;
        }
    }
    for w in a.witnesses {
        i.witnesses.push(witness(&w));
    }
    if a.fear.is_some() {
        i.impact.fear = a.fear;
    }
    for change in a.changes {
        i.impact.changes.push(parse_life_change(&change));
    }
    for file in a.attach {
        let attachment = crate::render::attach(diary, &file)?;
        i.attachments.push(attachment);
    }
    Ok(())
}

/// Sets the given order fields.
pub fn apply_order(views: &[EntryView], o: &mut Order, a: OrderArgs) -> Result<()> {
    if let Some(t) = a.order_type {
        o.order_type = t;
    }
    if let Some(p) = a.person {
        o.person = people::resolve(views, &p)?;
    }
    if let Some(from) = a.from {
        o.start = date(&from)?;
    }
    if let Some(until) = a.until {
        o.end = Some(date(&until)?);
    }
    for c in a.conditions {
        o.conditions.push(parse_condition(&c));
    }
    set(&mut o.reference, a.reference);
    set(&mut o.issued_by, a.issued_by);
    Ok(())
}

/// Sets the given police-contact fields.
pub fn apply_police(c: &mut PoliceContact, a: PoliceArgs) -> Result<()> {
    if let Some(at) = a.at {
        c.at = instant(&at)?;
    }
    if a.method.is_some() {
        c.method = a.method;
    }
    set(&mut c.reference, a.reference);
    set(&mut c.officer, a.officer);
    set(&mut c.force, a.force);
    for n in super::entry_numbers(&a.reported)? {
        if !c.reported.contains(&n) {
            c.reported.push(n);
        }
    }
    set(&mut c.advice, a.advice);
    set(&mut c.outcome, a.outcome);
    set(&mut c.follow_up, a.follow_up);
    Ok(())
}

fn set(field: &mut Option<String>, value: Option<String>) {
    if value.is_some() {
        *field = value;
    }
}

fn extend(field: &mut Vec<String>, values: Vec<String>) {
    for v in values {
        if !field.contains(&v) {
            field.push(v);
        }
    }
}

fn names<T: Copy>(all: &[T], name: impl Fn(T) -> &'static str) -> String {
    all.iter().map(|&x| name(x)).collect::<Vec<_>>().join(", ")
}

pub fn parse_category(s: &str) -> Result<Category, String> {
    Category::parse(s).ok_or_else(|| format!("one of: {}", names(&Category::ALL, Category::as_str)))
}

pub fn parse_relationship(s: &str) -> Result<Relationship, String> {
    Relationship::parse(s).ok_or_else(|| {
        format!(
            "one of: {}",
            names(&Relationship::ALL, Relationship::as_str)
        )
    })
}

pub fn parse_order_type(s: &str) -> Result<OrderType, String> {
    OrderType::parse(s)
        .ok_or_else(|| format!("one of: {}", names(&OrderType::ALL, OrderType::as_str)))
}

pub fn parse_method(s: &str) -> Result<ContactMethod, String> {
    ContactMethod::parse(s).ok_or_else(|| {
        format!(
            "one of: {}",
            names(&ContactMethod::ALL, ContactMethod::as_str)
        )
    })
}

fn parse_coordinates(s: &str) -> Result<Coordinates, String> {
    let (lat, lon) = s.split_once(',').ok_or("give LAT,LON, e.g. 53.80,-1.55")?;
    let lat = lat.trim().parse().map_err(|_| "latitude is not a number")?;
    let lon = lon
        .trim()
        .parse()
        .map_err(|_| "longitude is not a number")?;
    Ok(Coordinates { lat, lon })
}
