//! A realistic sample diary for demonstrations and tests: a victim ("Sam") records an
//! ex-partner's escalating behaviour over eight weeks — messages, workplace visits, a
//! tracking app found on the phone, bail conditions and their breaches, and three police
//! contacts, one of which advised blocking him. All names, numbers and places are fictional.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};

use crate::diary::{AttachOptions, Clock, Diary};
use crate::error::Result;
use crate::model::*;
use crate::zone::Zone;

/// A clock the demo moves forward as it records, so each entry is sealed a few minutes
/// after what it records, as it would be in real use.
struct DemoClock(std::sync::Arc<std::sync::Mutex<DateTime<Utc>>>);

impl Clock for DemoClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
            .lock()
            .map(|t| *t)
            .unwrap_or_else(|e| *e.into_inner())
    }
}

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap_or_default()
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
}

/// A tiny valid PNG (a checked square) standing in for a screenshot.
fn screenshot_png() -> Vec<u8> {
    const W: u32 = 48;
    const H: u32 = 96;
    let pixels: Vec<u8> = (0..H)
        .flat_map(|y| (0..W).map(move |x| (x, y)))
        .flat_map(|(x, y)| {
            if (x / 8 + y / 8) % 2 == 0 {
                [235, 238, 242]
            } else {
                [60, 90, 140]
            }
        })
        .collect();
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, W, H);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    // Written into memory with a header that fits its pixels: nothing here can fail.
    let _ = encoder
        .write_header()
        .and_then(|mut w| w.write_image_data(&pixels));
    out
}

/// Fills an empty diary with the sample story. Returns the number of entries written.
pub fn fill(diary: &mut Diary) -> Result<u64> {
    let now = std::sync::Arc::new(std::sync::Mutex::new(Utc::now()));
    diary.set_clock(Box::new(DemoClock(now.clone())));
    let seal_at = |when: DateTime<FixedOffset>| {
        if let Ok(mut t) = now.lock() {
            *t = when.with_timezone(&Utc) + Duration::minutes(7);
        }
    };

    seal_at(t("2024-02-05T20:00:00+00:00"));
    let mut ben = Person::new("Ben Carter", Relationship::ExPartner);
    ben.description =
        Some("White male, 34, about 6ft, short dark hair, usually a grey hooded jacket.".into());
    ben.vehicles
        .push("Silver Vauxhall Astra, registration starting YK19".into());
    ben.phones.push("+44 7700 900123".into());
    ben.accounts.push("Instagram: @ben.c.fictional".into());
    ben.previous_harassment = Some("Sent hundreds of messages to a previous partner after she left him (2019), as she told me.".into());
    let ben = diary.add_person(ben)?;
    let mut dan = Person::new("Dan (Ben's brother)", Relationship::Acquaintance);
    dan.phones.push("+44 7700 900789".into());
    let dan = diary.add_person(dan)?;

    let incident =
        |diary: &mut Diary, when: &str, cat: Category, summary: &str, fear: u8| -> Result<u64> {
            let at = t(when);
            seal_at(at);
            let mut i = Incident::new(Occurred::at(at), cat, summary);
            i.people.push(ben);
            i.impact.fear = Some(fear);
            diary.add_incident(i)
        };

    // Weeks 1–2: messages after the break-up.
    incident(
        diary,
        "2024-02-06T22:14:00+00:00",
        Category::Message,
        "Six texts in an hour asking why I left",
        3,
    )?;
    incident(
        diary,
        "2024-02-08T23:40:00+00:00",
        Category::Call,
        "Eleven missed calls between 23:40 and 01:10",
        4,
    )?;
    incident(
        diary,
        "2024-02-11T21:05:00+00:00",
        Category::Online,
        "Commented on my friends' Instagram posts about me",
        4,
    )?;
    incident(
        diary,
        "2024-02-14T08:30:00+00:00",
        Category::GiftOrItem,
        "Flowers and a card left on my doorstep: 'You'll always be mine'",
        5,
    )?;
    // Weeks 3–4: he starts turning up at work.
    let screenshot = diary.attach_bytes(
        &screenshot_png(),
        AttachOptions {
            file_name: Some("Screenshot_2024-02-19.png".into()),
            media_type: None,
        },
    )?;
    seal_at(t("2024-02-19T17:45:00+00:00"));
    let mut work1 = Incident::new(
        Occurred::at(t("2024-02-19T17:35:00+00:00")),
        Category::VisitWork,
        "Waiting by my car in the work car park at the end of my shift",
    );
    work1.people.push(ben);
    work1.place = Some(Place {
        text: "Car park, Northgate Business Park".into(),
        saved: Some("Work".into()),
        coordinates: None,
    });
    work1.details = Some("He stood by the driver's door and would not move until my colleague came out. He said he 'just wanted to talk'.".into());
    work1.witnesses.push(Witness {
        name: "Aisha Khan (colleague)".into(),
        contact: Some("via Northgate reception".into()),
    });
    work1.impact = Impact {
        fear: Some(7),
        changes: vec![LifeChange::ChangedRoute],
        notes: None,
    };
    work1.attachments.push(screenshot);
    let work1 = diary.add_incident(work1)?;
    let work2 = incident(
        diary,
        "2024-02-21T08:05:00+00:00",
        Category::VisitWork,
        "Sitting in his car opposite the office entrance when I arrived",
        7,
    )?;
    let work3 = incident(
        diary,
        "2024-02-22T12:30:00+00:00",
        Category::VisitWork,
        "Came into reception asking for me; security asked him to leave",
        8,
    )?;
    incident(
        diary,
        "2024-02-23T17:40:00+00:00",
        Category::VisitWork,
        "Followed my bus from work in his car as far as the ring road",
        8,
    )?;

    seal_at(t("2024-02-23T19:00:00+00:00"));
    let mut report1 = PoliceContact::at(t("2024-02-23T19:00:00+00:00"));
    report1.method = Some(ContactMethod::Call101);
    report1.force = Some("Westshire Police".into());
    report1.reference = Some("WS-24-0223-0481".into());
    report1.reported = vec![work1, work2, work3];
    report1.advice = Some("Block him on your phone and social media and keep a diary.".into());
    report1.outcome = Some("Logged as harassment; an officer will call back.".into());
    report1.follow_up = Some("Call back within 48 hours (did not happen).".into());
    let report1 = diary.add_police_contact(report1)?;

    // Week 5: a tracking app, then a threat.
    seal_at(t("2024-02-27T20:10:00+00:00"));
    let mut tracking = Incident::new(
        Occurred::at(t("2024-02-27T19:30:00+00:00")),
        Category::TrackingOrDeviceMisuse,
        "Found a location-sharing app on my phone that I did not install",
    );
    tracking.people.push(ben);
    tracking.details = Some("A friend who works in IT found it. It had been sharing my location since January. He knew my phone passcode from when we lived together.".into());
    tracking.impact = Impact {
        fear: Some(9),
        changes: vec![
            LifeChange::ChangedNumberOrAccounts,
            LifeChange::ExtraSecurity,
        ],
        notes: None,
    };
    let tracking = diary.add_incident(tracking)?;
    let threat = incident(
        diary,
        "2024-02-29T23:55:00+00:00",
        Category::Threat,
        "Voicemail: 'If I can't have you, no one will'",
        9,
    )?;

    seal_at(t("2024-03-01T10:00:00+00:00"));
    let mut report2 = PoliceContact::at(t("2024-03-01T10:00:00+00:00"));
    report2.method = Some(ContactMethod::InPerson);
    report2.force = Some("Westshire Police".into());
    report2.reference = Some("WS-24-0301-0112".into());
    report2.officer = Some("PC J. Morgan 4471".into());
    report2.reported = vec![tracking, threat];
    report2.advice = Some("Keep recording everything; do not reply to him.".into());
    report2.outcome = Some("Ben arrested 2 March; released on bail with conditions.".into());
    let report2 = diary.add_police_contact(report2)?;

    seal_at(t("2024-03-03T11:00:00+00:00"));
    let bail = diary.add_order(Order {
        order_type: OrderType::Bail,
        person: ben,
        start: day("2024-03-03"),
        end: Some(day("2024-04-03")),
        conditions: vec![
            Condition::NoContact,
            Condition::StayAway {
                place: "Northgate Business Park".into(),
            },
        ],
        reference: Some("WS-24-0301-0112".into()),
        issued_by: Some("Westshire Police, Central custody".into()),
    })?;
    let _ = bail;

    // Weeks 6–8: breaches of bail.
    incident(
        diary,
        "2024-03-05T21:12:00+00:00",
        Category::Message,
        "Text from a new number: 'We need to talk, you owe me that'",
        7,
    )?;
    // One night of WhatsApp messages, imported from the app's own export: 37 messages,
    // each one a contact (and each one a breach of the no-contact condition).
    seal_at(t("2024-03-09T08:30:00+00:00"));
    let chat = tempfile::Builder::new()
        .prefix("WhatsApp Chat with Ben")
        .suffix(".txt")
        .tempfile()
        .map_err(crate::Error::Io)?;
    std::fs::write(chat.path(), whatsapp_night()).map_err(crate::Error::Io)?;
    diary
        .import_whatsapp(
            chat.path(),
            &crate::import::WhatsAppImport {
                senders: vec!["Ben".into()],
                date_order: Some(crate::import::DateOrder::DayMonthYear),
                time_zone: Some(Zone::named("Europe/London").unwrap_or(Zone::UTC)),
                people: vec![ben],
            },
            &crate::progress::NoProgress,
        )
        .map_err(|e| crate::Error::Corrupt(format!("demo chat import: {e}")))?;
    seal_at(t("2024-03-07T18:20:00+00:00"));
    let mut third = Incident::new(
        Occurred::at(t("2024-03-07T18:00:00+00:00")),
        Category::ThirdPartyContact,
        "His brother Dan came to my door with a letter from Ben",
    );
    third.people = vec![ben, dan];
    third.place = Some(Place {
        text: "My front door".into(),
        saved: Some("Home".into()),
        coordinates: None,
    });
    third.impact.fear = Some(8);
    diary.add_incident(third)?;
    seal_at(t("2024-03-12T17:50:00+00:00"));
    let mut work4 = Incident::new(
        Occurred::at(t("2024-03-12T17:40:00+00:00")),
        Category::VisitWork,
        "Parked at the entrance of Northgate Business Park as I left work",
    );
    work4.people.push(ben);
    work4.place = Some(Place {
        text: "Northgate Business Park entrance".into(),
        saved: Some("Work".into()),
        coordinates: None,
    });
    work4.impact.fear = Some(9);
    diary.add_incident(work4)?;
    incident(
        diary,
        "2024-03-14T22:30:00+00:00",
        Category::Call,
        "Four withheld-number calls, breathing and then hanging up",
        8,
    )?;
    seal_at(t("2024-03-16T23:30:00+00:00"));
    let mut home = Incident::new(
        Occurred {
            start: t("2024-03-16T23:00:00+00:00"),
            end: Some(t("2024-03-16T23:25:00+00:00")),
            approximate: true,
        },
        Category::VisitHome,
        "Banging on my door and shouting my name",
    );
    home.people.push(ben);
    home.place = Some(Place {
        text: "My front door".into(),
        saved: Some("Home".into()),
        coordinates: None,
    });
    home.witnesses.push(Witness {
        name: "Mr Okafor (neighbour, no. 16)".into(),
        contact: None,
    });
    home.impact = Impact {
        fear: Some(10),
        changes: vec![
            LifeChange::StoppedGoingOut,
            LifeChange::Other("stayed at my sister's for a week".into()),
        ],
        notes: None,
    };
    let home = diary.add_incident(home)?;
    let damage = incident(
        diary,
        "2024-03-17T07:45:00+00:00",
        Category::PropertyDamage,
        "My car's tyres slashed outside the house",
        9,
    )?;

    seal_at(t("2024-03-17T09:30:00+00:00"));
    let mut report3 = PoliceContact::at(t("2024-03-17T09:30:00+00:00"));
    report3.method = Some(ContactMethod::Call999);
    report3.force = Some("Westshire Police".into());
    report3.reference = Some("WS-24-0317-0033".into());
    report3.reported = vec![home, damage];
    report3.advice = Some("Officers attended; advised to call 999 if he returns.".into());
    report3.outcome =
        Some("Statement taken; bail breach passed to the investigating officer.".into());
    diary.add_police_contact(report3)?;

    // A correction: the first report's follow-up, added later.
    seal_at(t("2024-03-18T10:00:00+00:00"));
    let mut corrected = match diary.get(report1)?.current {
        Some(Body::PoliceContact(c)) => c,
        _ => PoliceContact::at(t("2024-02-23T19:00:00+00:00")),
    };
    corrected.follow_up = Some("Call back within 48 hours; nobody called. I rang again on 26 Feb and was told the report was 'with the team'.".into());
    diary.amend(
        report1,
        Body::PoliceContact(corrected),
        Some("added what happened after the call".into()),
    )?;
    let _ = report2;
    diary.set_clock(Box::new(crate::diary::SystemClock));
    Ok(diary.len())
}

/// A WhatsApp (Android layout) export of one night: Sam's one reply, then 37 from Ben.
fn whatsapp_night() -> String {
    let lines = [
        "Why are you ignoring me",
        "I know you read it",
        "Answer the phone",
        "You can't just pretend I don't exist",
        "I saw your car at your sister's",
        "Who are you with",
    ];
    let mut out = String::from(
        "08/03/2024, 21:58 - Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.\n\
         08/03/2024, 22:01 - Sam: Please stop messaging me. The police have told you not to contact me.\n",
    );
    for n in 0..37u32 {
        let minutes = 22 * 60 + 4 + n * 4;
        let (h, m) = ((minutes / 60) % 24, minutes % 60);
        let date = if minutes >= 24 * 60 {
            "09/03/2024"
        } else {
            "08/03/2024"
        };
        out.push_str(&format!(
            "{date}, {h:02}:{m:02} - Ben: {}\n",
            lines[n as usize % lines.len()]
        ));
    }
    out
}
